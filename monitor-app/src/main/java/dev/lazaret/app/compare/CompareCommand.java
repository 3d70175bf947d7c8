package dev.lazaret.app.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lazaret.app.tabular.TabularFile;
import dev.lazaret.app.tabular.TabularFormatException;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.detectors.policy.Correction;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lazaret compare}: an offline drift report for two CSV or JSONL files, judged by the same policy the
 * streaming drift side uses.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Offline drift report: compare a current data file with a reference file (CSV with a header "
                + "line, or JSONL), per feature and for the data set.")
public final class CompareCommand implements Callable<Integer> {

    /** Exit status with {@code --fail-on-drift} when the data set drifted. */
    static final int DRIFT = 3;

    @Option(names = "--reference", required = true, paramLabel = "FILE", description = "Reference data (.csv/.jsonl).")
    Path reference;

    @Option(names = "--current", required = true, paramLabel = "FILE", description = "Current data (.csv/.jsonl).")
    Path current;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Column holding the label (judged separately).")
    String label;

    @Option(
            names = "--numeric",
            split = ",",
            paramLabel = "COLUMN",
            description = "Treat these columns as numeric, whatever inference says.")
    List<String> numeric = List.of();

    @Option(
            names = "--categorical",
            split = ",",
            paramLabel = "COLUMN",
            description = "Treat these columns as categorical (e.g. numeric codes such as zip codes).")
    List<String> categorical = List.of();

    @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(
            names = "--correction",
            defaultValue = "BENJAMINI_HOCHBERG",
            description = "Multiple-testing correction across features: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    Correction correction;

    @Option(
            names = "--method",
            defaultValue = "ks",
            description = "How numeric features are compared: ks, ad (Anderson-Darling) or cvm (Cramer-von Mises), "
                    + "tests judged by --alpha, --correction and the effect floors; or psi, js (Jensen-Shannon), "
                    + "wasserstein (W1 / reference IQR) or hellinger, distances judged by --threshold "
                    + "(default: ks). Categorical features always use chi-square.")
    NumericMethod method;

    @Option(
            names = "--threshold",
            paramLabel = "DISTANCE",
            description = "Distance at which a numeric feature drifts, for psi, js, wasserstein and hellinger "
                    + "(default: 0.1).")
    Double threshold;

    @Option(
            names = "--multivariate",
            description = "Also judge the numeric features jointly, as the streaming side's multivariate drift does "
                    + "(PCA reconstruction error against the reference's, and the Mahalanobis outlier rate under its "
                    + "Ledoit-Wolf covariance), and report the share of current rows that are joint outliers. "
                    + "Reported only; it does not change the per-feature drift verdict.")
    boolean multivariate;

    @Option(
            names = "--null-rates",
            description = "Also test, per feature, whether the share of missing values changed (two-proportion z "
                    + "or Fisher exact, corrected like the drift tests). Reported only; it does not change the drift "
                    + "verdict.")
    boolean nullRates;

    @Option(names = "--fail-on-drift", description = "Exit with status 3 when the data set drifted.")
    boolean failOnDrift;

    /** Output formats. */
    enum OutputFormat {
        table,
        json
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        try {
            if (!(alpha > 0 && alpha < 1)) {
                throw new TabularFormatException("--alpha must be in (0, 1), was " + alpha);
            }
            if (threshold != null && method.isTest()) {
                throw new IllegalArgumentException(
                        "--threshold applies to the distances (psi, js, wasserstein, hellinger); --method "
                                + method.name() + " is a test judged by --alpha");
            }
            if (threshold != null && !(threshold >= 0)) {
                throw new IllegalArgumentException("--threshold must be >= 0, was " + threshold);
            }
            Set<String> overlap = new LinkedHashSet<>(numeric);
            overlap.retainAll(categorical);
            if (!overlap.isEmpty()) {
                throw new TabularFormatException("columns forced both numeric and categorical: " + overlap);
            }
            TabularFile referenceFile = TabularFile.of(reference);
            TabularFile currentFile = TabularFile.of(current);
            Map<String, FeatureKind> kinds = ColumnKinds.infer(
                    List.of(referenceFile, currentFile), Set.copyOf(numeric), Set.copyOf(categorical), label);
            RawSamples referenceSamples = new RawSamples();
            RawSamples currentSamples = new RawSamples();
            DatasetProfile referenceProfile = OfflineProfiles.profile(referenceFile, kinds, label, referenceSamples);
            DatasetProfile currentProfile = OfflineProfiles.profile(currentFile, kinds, label, currentSamples);
            DriftPolicy defaults = DriftPolicy.defaults();
            DriftPolicy policy = new DriftPolicy(
                    alpha,
                    correction,
                    defaults.datasetDriftShare(),
                    defaults.numericEffectFloor(),
                    defaults.numericWassersteinFloor(),
                    defaults.categoricalEffectFloor(),
                    defaults.minCount());
            DatasetDriftVerdict verdict = ExactSampleJudge.judge(
                    referenceProfile,
                    currentProfile,
                    referenceSamples,
                    currentSamples,
                    policy,
                    method,
                    threshold == null ? NumericMethod.DEFAULT_THRESHOLD : threshold);
            Optional<MultivariateOutliers> joint = multivariate
                    ? MultivariateOutliers.of(
                            OfflineProfiles.numericColumns(kinds),
                            referenceSamples.rows(),
                            currentSamples.rows(),
                            alpha)
                    : Optional.empty();
            Optional<JointDrift> jointDrift = multivariate
                    ? JointDrift.of(
                            OfflineProfiles.numericColumns(kinds),
                            referenceSamples.rows(),
                            currentSamples.rows(),
                            policy)
                    : Optional.empty();
            List<NullRateChange> nulls =
                    nullRates ? NullRateChange.of(referenceProfile, currentProfile, correction, alpha) : List.of();
            if (format == OutputFormat.json) {
                ObjectNode report = (ObjectNode) tree(verdict);
                if (multivariate) {
                    report.set("multivariate", tree(joint.orElse(null)));
                    report.set("multivariate_drift", tree(jointDrift.orElse(null)));
                }
                if (nullRates) {
                    report.set("null_rates", tree(nulls));
                }
                out.println(JsonSerde.writer().withDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                DriftReportPrinter.table(verdict, out);
                nulls.forEach(change -> out.println(change.line()));
                if (multivariate) {
                    out.println(joint.map(MultivariateOutliers::line)
                            .orElse("multivariate: not computed (needs two numeric features and more complete "
                                    + "reference rows than numeric features, not all identical)"));
                    out.println(jointDrift
                            .map(JointDrift::line)
                            .orElse("multivariate drift: not computed (needs two numeric features and more complete "
                                    + "reference rows than numeric features, not all identical)"));
                }
            }
            return failOnDrift && verdict.datasetDrift() ? DRIFT : 0;
        } catch (IllegalArgumentException e) {
            System.err.println("lazaret compare: " + e.getMessage());
            return 2;
        }
    }

    // Through bytes rather than valueToTree: JsonSerde hands out its settings, never its mutable ObjectMapper.
    private static JsonNode tree(Object value) throws IOException {
        return JsonSerde.reader().readTree(JsonSerde.writer().writeValueAsBytes(value));
    }
}
