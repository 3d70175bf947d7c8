package dev.lazaret.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code lazaret bench} at tiny sizes, one run, scale-out included: it runs every phase and prints the table, the
 * ratios and each instance's partitions (no timings).
 */
@Tag("integration")
@Timeout(600)
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
                        "1",
                        "--partitions",
                        "2",
                        "--batches",
                        "2",
                        "--batch-records",
                        "2000",
                        "--repeats",
                        "1",
                        "--scale-out");

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output)
                .contains("| passthrough | 2,000 |")
                .contains("| drift | 2,000 |")
                .containsPattern("ratio drift/passthrough: \\d+\\.\\d\\d")
                .containsPattern("bench: run 1, drift: [\\d,]+ records/s, \\d+\\.\\d\\d × this run's passthrough")
                .contains("| quarantine | 4,000 |")
                // every batch judged against the reference the bench pinned, none against one bootstrapped from it
                .containsPattern("verdict \\w+ for bench-\\S+ \\(reference [^n]")
                .doesNotContain("(reference none: bootstrapped)")
                // last record → verdict starts where each verdict says its batch's last record was stored
                .doesNotContain("the verdicts carry no last_record_ms")
                .containsPattern("ratio quarantine/passthrough: \\d+\\.\\d\\d")
                .contains("| drift, 2 instances | 2,000 |")
                .contains("| quarantine, 2 instances | 4,000 |")
                .containsPattern("drift, 2 instances, run 1: instance 1 had \\[scaled\\.inference\\.events-\\d")
                .containsPattern("drift, 2 instances, run 1: instance 2 had \\[");
    }
}
