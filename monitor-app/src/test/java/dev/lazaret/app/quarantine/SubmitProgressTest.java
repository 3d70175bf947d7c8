package dev.lazaret.app.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitProgressTest {
    @TempDir
    Path dir;

    @Test
    void shouldCountTheRowsOfACsvFileWithoutItsHeader() throws Exception {
        Path csv = Files.writeString(dir.resolve("b.csv"), csv(250));
        assertThat(SubmitProgress.rowsIn(csv)).isEqualTo(250);
    }

    @Test
    void shouldCountEveryNonBlankLineOfAJsonlFile() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("b.jsonl"), "{\"a\":1}\n\n{\"a\":2}\n{\"a\":3}\n");
        assertThat(SubmitProgress.rowsIn(jsonl)).isEqualTo(3);
    }

    @Test
    void shouldReportTenthsOfTheRowsAndOneHundredPercentOnlyAtTheEndWhenSending250Rows() {
        List<String> lines = new ArrayList<>();
        SubmitProgress progress = new SubmitProgress(250, lines::add);
        for (long sent = 1; sent <= 250; sent++) {
            progress.sent(sent);
        }
        progress.done(250);

        assertThat(lines)
                .containsExactly(
                        "submit: 25 records (~10%)",
                        "submit: 50 records (~20%)",
                        "submit: 75 records (~30%)",
                        "submit: 100 records (~40%)",
                        "submit: 125 records (~50%)",
                        "submit: 150 records (~60%)",
                        "submit: 175 records (~70%)",
                        "submit: 200 records (~80%)",
                        "submit: 225 records (~90%)",
                        "submit: 250 records (100%)");
    }

    @Test
    void shouldNotClaimToBeDoneWhenTheFileHasMoreRowsThanEstimated() {
        List<String> lines = new ArrayList<>();
        SubmitProgress progress = new SubmitProgress(10, lines::add);
        for (long sent = 1; sent <= 20; sent++) {
            progress.sent(sent);
        }
        assertThat(lines).noneMatch(line -> line.contains("100%"));
    }

    private static String csv(int rows) {
        return "x,label\n"
                + IntStream.range(0, rows).mapToObj(i -> i + "," + (i % 2)).collect(Collectors.joining("\n")) + "\n";
    }
}
