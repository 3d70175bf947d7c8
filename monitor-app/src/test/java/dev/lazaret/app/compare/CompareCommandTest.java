package dev.lazaret.app.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "compare");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir
    Path dir;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private int run(String... args) {
        return new CommandLine(new CompareCommand()).execute(args);
    }

    private JsonNode feature(JsonNode report, String name) {
        for (JsonNode feature : report.get("features")) {
            if (feature.get("feature").asText().equals(name)) {
                return feature;
            }
        }
        throw new AssertionError("no feature " + name + " in " + report);
    }

    @Test
    void shouldMatchScipyAndFlagOnlyTheShiftedFeature() throws Exception {
        int status = run(
                "--reference",
                FIXTURES.resolve("reference.csv").toString(),
                "--current",
                FIXTURES.resolve("current.csv").toString(),
                "--label",
                "label",
                "--categorical",
                "zip",
                "--format",
                "json",
                "--fail-on-drift");

        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode income = feature(report, "income");
        JsonNode age = feature(report, "age");
        // scipy 1.17.1: stats.ks_2samp(reference.income, current.income) (see generate.py)
        assertThat(income.get("statistic").asDouble()).isCloseTo(0.26496527132934666, within(1e-12));
        assertThat(income.get("p_value").asDouble() / 1.3172109982269567e-50).isCloseTo(1.0, within(1e-6));
        assertThat(income.get("drifted").asBoolean()).isTrue();
        // scipy 1.17.1: stats.ks_2samp(reference.age, current.age)
        assertThat(age.get("statistic").asDouble()).isCloseTo(0.030166666666666668, within(1e-12));
        assertThat(age.get("p_value").asDouble()).isCloseTo(0.4093590603474751, within(1e-6));
        assertThat(age.get("drifted").asBoolean()).isFalse();
        assertThat(feature(report, "zip").get("kind").asText()).isEqualTo("CATEGORICAL");
        assertThat(feature(report, "city").get("drifted").asBoolean()).isFalse();
        assertThat(report.get("label").get("drifted").asBoolean()).isFalse();
        assertThat(status).isZero();
    }

    @Test
    void shouldReportDatasetDriftAndExitThreeWhenAskedTo() throws Exception {
        Path reference = dir.resolve("ref.csv");
        Path current = dir.resolve("cur.jsonl");
        List<String> referenceLines = new ArrayList<>(List.of("x,color"));
        List<String> currentLines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            referenceLines.add(i % 100 + "," + (i % 2 == 0 ? "red" : "blue"));
            currentLines.add("{\"x\":" + (i % 100 + 60) + ",\"color\":\"" + (i % 4 == 0 ? "red" : "blue") + "\"}");
        }
        Files.write(reference, referenceLines);
        Files.write(current, currentLines);

        int status = run("--reference", reference.toString(), "--current", current.toString(), "--fail-on-drift");

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("dataset: DRIFT (2 of 2 tested features drifted");
        assertThat(table).containsPattern("x\\s+numeric\\s+ks\\s");
        assertThat(status).isEqualTo(CompareCommand.DRIFT);
    }

    @Test
    void shouldNameTheLineOfAMalformedFile() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of("{\"x\":1}", "{\"x\":2}", "{\"x\":"));

        int status = run("--reference", FIXTURES.resolve("reference.csv").toString(), "--current", bad.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("lazaret compare: " + bad + ":3: not valid JSON");
    }

    @Test
    void shouldRefuseANumericColumnHoldingText() throws Exception {
        Path reference = dir.resolve("r.csv");
        Path current = dir.resolve("c.csv");
        Files.write(reference, List.of("x", "1", "2"));
        Files.write(current, List.of("x", "3", "three"));

        int status = run("--reference", reference.toString(), "--current", current.toString(), "--numeric", "x");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(current + ":3: column 'x' is numeric but holds 'three'");
    }
}
