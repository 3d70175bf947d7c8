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

    private JsonNode compareFixturesWith(String... methodArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--reference",
                FIXTURES.resolve("reference.csv").toString(),
                "--current",
                FIXTURES.resolve("current.csv").toString(),
                "--label",
                "label",
                "--categorical",
                "zip",
                "--format",
                "json"));
        args.addAll(List.of(methodArgs));
        int status = run(args.toArray(String[]::new));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    // Golden values below: scipy 1.17.1 / numpy 2.4.6 on the fixtures, with
    //   r, c = column("reference.csv", f), column("current.csv", f)   (generate.py's column(), as np.array)
    // and for the binned distances the reference-decile bins the detectors use:
    //   edges = np.unique(np.quantile(r, np.arange(1, 10) / 10, method="inverted_cdf"))
    //   p = np.bincount(np.searchsorted(edges, r, side="left"), minlength=len(edges) + 1) / len(r)
    //   q = np.bincount(np.searchsorted(edges, c, side="left"), minlength=len(edges) + 1) / len(c)

    @Test
    void andersonDarlingMatchesScipyAndKeepsTheKsEffectFloor() throws Exception {
        JsonNode report = compareFixturesWith("--method", "ad");

        JsonNode income = feature(report, "income");
        JsonNode age = feature(report, "age");
        assertThat(income.get("method").asText()).isEqualTo("anderson-darling");
        // stats.anderson_ksamp([r, c], variant="midrank") for income: statistic, pvalue (floored at 0.001)
        assertThat(income.get("statistic").asDouble()).isCloseTo(188.08581876710647, within(1e-9));
        assertThat(income.get("p_value").asDouble()).isEqualTo(0.001);
        // effect size stays the KS D: stats.ks_2samp(r, c).statistic
        assertThat(income.get("effect_size").asDouble()).isCloseTo(0.26496527132934666, within(1e-12));
        assertThat(income.get("drifted").asBoolean()).isTrue();
        // stats.anderson_ksamp([r, c], variant="midrank") for age: statistic, pvalue (capped at 0.25)
        assertThat(age.get("statistic").asDouble()).isCloseTo(-0.04297282892272797, within(1e-9));
        assertThat(age.get("p_value").asDouble()).isEqualTo(0.25);
        assertThat(age.get("drifted").asBoolean()).isFalse();
    }

    @Test
    void cramerVonMisesMatchesScipy() throws Exception {
        JsonNode report = compareFixturesWith("--method", "cvm");

        JsonNode income = feature(report, "income");
        JsonNode age = feature(report, "age");
        assertThat(income.get("method").asText()).isEqualTo("cramer-von-mises");
        // stats.cramervonmises_2samp(r, c, method="auto") for income
        assertThat(income.get("statistic").asDouble()).isCloseTo(28.052796935231868, within(1e-9));
        assertThat(income.get("p_value").asDouble() / 2.0448304161035935e-09).isCloseTo(1.0, within(1e-3));
        assertThat(income.get("drifted").asBoolean()).isTrue();
        // stats.cramervonmises_2samp(r, c, method="auto") for age
        assertThat(age.get("statistic").asDouble()).isCloseTo(0.14800385714295317, within(1e-9));
        assertThat(age.get("p_value").asDouble()).isCloseTo(0.3958725648943656, within(1e-6));
        assertThat(age.get("drifted").asBoolean()).isFalse();
    }

    @Test
    void psiMatchesNumpyAndIsJudgedByTheThreshold() throws Exception {
        JsonNode report = compareFixturesWith("--method", "psi");

        JsonNode income = feature(report, "income");
        JsonNode age = feature(report, "age");
        assertThat(income.get("method").asText()).isEqualTo("psi");
        // pf, qf = np.maximum(p, 1e-4), np.maximum(q, 1e-4); np.sum((qf - pf) * np.log(qf / pf)) for income
        assertThat(income.get("statistic").asDouble()).isCloseTo(0.3686150301385859, within(1e-12));
        assertThat(income.get("p_value").asDouble()).isNaN();
        assertThat(income.get("drifted").asBoolean()).isTrue();
        assertThat(income.get("reason").asText()).isEqualTo("drifted: psi 0.3686 reaches threshold 0.100");
        // the same for age
        assertThat(age.get("statistic").asDouble()).isCloseTo(0.014094424314002943, within(1e-12));
        assertThat(age.get("drifted").asBoolean()).isFalse();
        // categorical features keep the chi-square test
        assertThat(feature(report, "city").get("method").asText()).isNotEqualTo("psi");
    }

    @Test
    void jensenShannonMatchesScipy() throws Exception {
        JsonNode report = compareFixturesWith("--method", "js");

        // scipy.spatial.distance.jensenshannon(p, q, base=2) for income, then age
        assertThat(feature(report, "income").get("statistic").asDouble()).isCloseTo(0.25382173977393335, within(1e-12));
        assertThat(feature(report, "income").get("drifted").asBoolean()).isTrue();
        assertThat(feature(report, "age").get("statistic").asDouble()).isCloseTo(0.0503767975809425, within(1e-12));
        assertThat(feature(report, "age").get("drifted").asBoolean()).isFalse();
    }

    @Test
    void hellingerMatchesNumpyAndHonoursAGivenThreshold() throws Exception {
        JsonNode report = compareFixturesWith("--method", "hellinger", "--threshold", "0.03");

        // np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2) / 2) for income, then age
        assertThat(feature(report, "income").get("statistic").asDouble()).isCloseTo(0.21295722619154275, within(1e-12));
        assertThat(feature(report, "age").get("statistic").asDouble()).isCloseTo(0.04195762180138708, within(1e-12));
        // 0.042 reaches the lowered threshold 0.03: age drifts too
        assertThat(feature(report, "age").get("drifted").asBoolean()).isTrue();
        assertThat(feature(report, "income").get("drifted").asBoolean()).isTrue();
    }

    @Test
    void wassersteinMatchesScipyNormalisedByTheReferenceIqr() throws Exception {
        JsonNode report = compareFixturesWith("--method", "wasserstein");

        JsonNode income = feature(report, "income");
        // stats.wasserstein_distance(r, c) for income; effect: that / (np.percentile(r, 75) - np.percentile(r, 25))
        assertThat(income.get("statistic").asDouble()).isCloseTo(8945.908735111241, within(1e-6));
        assertThat(income.get("effect_size").asDouble()).isCloseTo(0.6177628473668759, within(1e-12));
        assertThat(income.get("drifted").asBoolean()).isTrue();
        // the same for age
        assertThat(feature(report, "age").get("effect_size").asDouble()).isCloseTo(0.03706797385620919, within(1e-12));
        assertThat(feature(report, "age").get("drifted").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseAThresholdForATestAndAnUnknownMethod() {
        String[] files = {
            "--reference", FIXTURES.resolve("reference.csv").toString(),
            "--current", FIXTURES.resolve("current.csv").toString()
        };
        List<String> withThreshold = new ArrayList<>(List.of(files));
        withThreshold.addAll(List.of("--method", "ad", "--threshold", "0.2"));

        assertThat(run(withThreshold.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("lazaret compare: --threshold applies to the distances");

        List<String> unknown = new ArrayList<>(List.of(files));
        unknown.addAll(List.of("--method", "mmd"));
        assertThat(run(unknown.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--method", "mmd");
    }

    @Test
    void multivariateOutlierRateMatchesNumpyLedoitWolfAndScipyBinomtest() throws Exception {
        JsonNode joint = compareFixturesWith("--multivariate").get("multivariate");

        // rows: [age, income] of the rows where both are present; cov, shrinkage = ledoit_wolf(ref) (the numpy
        // transcription in detectors/src/test/resources/golden/generate_outlier_golden.py)
        assertThat(joint.get("features").toString()).isEqualTo("[\"age\",\"income\"]");
        assertThat(joint.get("shrinkage").asDouble()).isCloseTo(0.004861595274734491, within(1e-12));
        // cut = stats.chi2.isf(0.01, 2); sum(distance.mahalanobis(u, ref.mean(axis=0), inv(cov)) ** 2 > cut)
        assertThat(joint.get("reference_rows").asInt()).isEqualTo(1900);
        assertThat(joint.get("reference_rate").asDouble()).isCloseTo(29 / 1900.0, within(1e-15));
        assertThat(joint.get("current_rows").asInt()).isEqualTo(1417);
        assertThat(joint.get("current_outliers").asInt()).isEqualTo(83);
        // stats.binomtest(83, 1417, max(0.01, 29 / 1900), alternative="greater").pvalue
        assertThat(joint.get("p_value").asDouble() / 2.2778263817895076e-24).isCloseTo(1.0, within(1e-6));
        assertThat(joint.get("surge").asBoolean()).isTrue();
    }

    /** A CSV of two N(0, 1) columns with correlation rho (seeded). */
    private Path correlatedCsv(String name, long seed, double rho) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        List<String> lines = new ArrayList<>(List.of("x,y"));
        for (int i = 0; i < 1_000; i++) {
            double x = random.nextGaussian();
            double y = rho * x + Math.sqrt(1 - rho * rho) * random.nextGaussian();
            lines.add(x + "," + y);
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void multivariateDriftCatchesACorrelationFlipThatNoFeatureShows() throws Exception {
        Path reference = correlatedCsv("ref.csv", 1, 0.8);
        for (double rho : new double[] {0.8, -0.8}) {
            out.reset();
            Path current = correlatedCsv("cur.csv", 2, rho);
            int status = run(
                    "--reference",
                    reference.toString(),
                    "--current",
                    current.toString(),
                    "--multivariate",
                    "--format",
                    "json");
            assertThat(status).isZero();
            JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(report.get("dataset_drift").asBoolean()).isFalse();
            JsonNode joint = report.get("multivariate_drift");
            assertThat(joint.get("features").toString()).isEqualTo("[\"x\",\"y\"]");
            assertThat(joint.get("verdict").get("rows").asInt()).isEqualTo(1_000);
            assertThat(joint.get("verdict").get("drift").asBoolean())
                    .as("rho %s: %s", rho, joint.get("verdict").get("reason"))
                    .isEqualTo(rho < 0);
        }
        out.reset();
        run(
                "--reference",
                reference.toString(),
                "--current",
                dir.resolve("cur.csv").toString(),
                "--multivariate");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("multivariate drift (pca-reconstruction + mahalanobis, on x, y): DRIFT, drifted:");
    }

    @Test
    void multivariateLineInTheTable() {
        int status = run(
                "--reference",
                FIXTURES.resolve("reference.csv").toString(),
                "--current",
                FIXTURES.resolve("current.csv").toString(),
                "--label",
                "label",
                "--categorical",
                "zip",
                "--multivariate");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("multivariate (mahalanobis-ledoit-wolf, shrinkage 0.0049, on age, income): 5.86% of 1417 "
                        + "current rows past the 1% chi-square cut-off, expected 1.53% (reference 1.53% of 1900 rows)")
                .contains(": OUTLIER SURGE");
    }

    @Test
    void nullRatesMatchScipyWithZTestOrFisherAndTheCorrection() throws Exception {
        Path reference = dir.resolve("nulls-ref.csv");
        Path current = dir.resolve("nulls-cur.csv");
        List<String> referenceLines = new ArrayList<>(List.of("x,y"));
        List<String> currentLines = new ArrayList<>(List.of("x,y"));
        for (int i = 0; i < 400; i++) {
            // x: 8 of 400 missing, then 60 of 400; y: 1 of 400, then 3 of 400
            referenceLines.add((i < 8 ? "" : String.valueOf(i % 100)) + "," + (i < 1 ? "" : i % 2 == 0 ? "a" : "b"));
            currentLines.add((i < 60 ? "" : String.valueOf(i % 100)) + "," + (i < 3 ? "" : i % 2 == 0 ? "a" : "b"));
        }
        Files.write(reference, referenceLines);
        Files.write(current, currentLines);

        int status = run(
                "--reference",
                reference.toString(),
                "--current",
                current.toString(),
                "--null-rates",
                "--format",
                "json");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode nulls = new ObjectMapper()
                .readTree(out.toString(StandardCharsets.UTF_8))
                .get("null_rates");
        JsonNode x = nulls.get(0);
        JsonNode y = nulls.get(1);
        assertThat(x.get("feature").asText()).isEqualTo("x");
        assertThat(x.get("method").asText()).isEqualTo("two-proportion-z");
        // the pooled z-test's two-sided p is the uncorrected chi-square's:
        // stats.chi2_contingency([[8, 392], [60, 340]], correction=False).pvalue
        assertThat(x.get("p_value").asDouble() / 4.330033697125859e-11).isCloseTo(1.0, within(1e-9));
        // stats.false_discovery_control([px, py], method="bh")[0]
        assertThat(x.get("adjusted_pvalue").asDouble() / 8.660067394251718e-11).isCloseTo(1.0, within(1e-9));
        // 2 * math.asin(math.sqrt(60 / 400)) - 2 * math.asin(math.sqrt(8 / 400))
        assertThat(x.get("cohens_h").asDouble()).isCloseTo(0.5116047209758158, within(1e-12));
        assertThat(x.get("changed").asBoolean()).isTrue();
        assertThat(y.get("method").asText()).isEqualTo("fisher-exact");
        // stats.fisher_exact([[1, 399], [3, 397]]).pvalue (also its BH-adjusted value, the larger p)
        assertThat(y.get("p_value").asDouble()).isCloseTo(0.6240595600209168, within(1e-12));
        assertThat(y.get("adjusted_pvalue").asDouble()).isCloseTo(0.6240595600209168, within(1e-12));
        // 2 * math.asin(math.sqrt(3 / 400)) - 2 * math.asin(math.sqrt(1 / 400))
        assertThat(y.get("cohens_h").asDouble()).isCloseTo(0.07338060748406448, within(1e-12));
        assertThat(y.get("changed").asBoolean()).isFalse();
    }
}
