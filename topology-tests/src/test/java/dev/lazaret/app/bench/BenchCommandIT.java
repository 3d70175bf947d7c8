package dev.lazaret.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code lazaret bench} at tiny sizes: it runs every phase and prints the table and the ratios (no timings). */
@Tag("integration")
@Timeout(420)
class BenchCommandIT {

    @Test
    void shouldPrintTableAndRatiosWhenRunAtTinySizes() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BenchCommand bench = new BenchCommand();
        bench.out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(bench)
                .execute(
                        "--events",
                        "2000",
                        "--paced-rate",
                        "200",
                        "--paced-seconds",
                        "3",
                        "--partitions",
                        "1",
                        "--batches",
                        "2",
                        "--batch-records",
                        "2000");

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output)
                .contains("| passthrough | 2,000 |")
                .contains("| drift | 2,000 |")
                .containsPattern("ratio drift/passthrough: \\d+\\.\\d\\d")
                .contains("| quarantine | 4,000 |")
                .containsPattern("ratio quarantine/passthrough: \\d+\\.\\d\\d");
    }
}
