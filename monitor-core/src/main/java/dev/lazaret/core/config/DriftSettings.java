package dev.lazaret.core.config;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/** Configuration keys of the drift side ({@code drift.*}) and of the alert stage ({@code alerts.*}). */
public final class DriftSettings {
    public static final String MODELS_CONFIG = "drift.models";
    private static final String MODELS_DOC = "Models the drift side watches, as model:dataset pairs separated by "
            + "commas (fraud-model:fraud,churn:customers). The dataset names the reference profile on the profiles "
            + "topic. Events of any other model go to the dead-letter topic as UNKNOWN_MODEL.";

    public static final String WINDOW_SIZE_MS_CONFIG = "drift.window.size.ms";
    private static final String WINDOW_SIZE_MS_DOC = "Size of the event-time tumbling windows, per model.";

    public static final String WINDOW_GRACE_MS_CONFIG = "drift.window.grace.ms";
    private static final String WINDOW_GRACE_MS_DOC = "How long after its end (in event time) a window still accepts "
            + "late events; then it is judged once. Later events go to the dead-letter topic as INVALID_VALUE.";

    public static final String WINDOW_MIN_COUNT_CONFIG = "drift.window.min.count";
    private static final String WINDOW_MIN_COUNT_DOC =
            "Events a window needs to be judged; smaller windows are reported as too_few and raise no alert.";

    public static final String MAX_FUTURE_MS_CONFIG = "drift.max.future.ms";
    private static final String MAX_FUTURE_MS_DOC = "An event whose time is more than this ahead of both the newest "
            + "event time seen and the wall clock goes to the dead-letter topic as INVALID_VALUE.";

    public static final String FEEDBACK_JOIN_WINDOW_MS_CONFIG = "drift.feedback.join.window.ms";
    private static final String FEEDBACK_JOIN_WINDOW_MS_DOC = "How far apart in time an event and its feedback "
            + "(same event_id) may be and still be joined; unmatched events and feedback are forgotten after it.";

    public static final String ALPHA_CONFIG = "drift.alpha";
    private static final String ALPHA_DOC = "Significance level of the drift tests (after Benjamini-Hochberg across "
            + "the features of a window), of the outlier-surge test and of the error-rate test. Without drift, BH "
            + "keeps the chance of any false feature alert in a window near alpha, so alpha is the false-alert rate "
            + "per model and window: 0.05 gave 2 false alerts in 50 clean windows; 0.001 is about one a day at "
            + "1-minute windows.";

    public static final String OUTLIER_Z_CONFIG = "drift.outlier.z.threshold";
    private static final String OUTLIER_Z_DOC = "A numeric input value is an outlier when its robust z-score against "
            + "the reference (median, IQR/1.349) exceeds this.";

    public static final String OUTLIER_MIN_RATIO_CONFIG = "drift.outlier.min.ratio";
    private static final String OUTLIER_MIN_RATIO_DOC =
            "An outlier surge needs the window's outlier rate to be at least this multiple of the reference rate.";

    public static final String MULTIVARIATE_ENABLED_CONFIG = "drift.multivariate.enabled";
    private static final String MULTIVARIATE_ENABLED_DOC = "Judge each window's numeric features jointly as well: the "
            + "PCA reconstruction error against the reference's, and the Mahalanobis (Ledoit-Wolf) outlier rate; "
            + "raises MULTIVARIATE_DRIFT. Needs a reference built by this version (reference import); costs O(d^2) "
            + "per event for d numeric features. Off: windows skip it and reports say it is disabled.";

    public static final String PERFORMANCE_BASELINE_LABELS_CONFIG = "drift.performance.baseline.labels";
    private static final String PERFORMANCE_BASELINE_LABELS_DOC = "Joined labels that make a model's baseline error "
            + "rate; it is then frozen, so a slow degradation cannot move it.";

    public static final String PERFORMANCE_MIN_RATIO_CONFIG = "drift.performance.min.ratio";
    private static final String PERFORMANCE_MIN_RATIO_DOC =
            "A window's error rate must be at least this multiple of the baseline rate to count as degraded.";

    public static final String PERFORMANCE_DETECTOR_CONFIG = "drift.performance.detector";
    /** The values of {@link #PERFORMANCE_DETECTOR_CONFIG}, those of {@code drift.ErrorRateDetector}. */
    public static final List<String> PERFORMANCE_DETECTORS =
            List.of("adwin-ddm", "adwin", "ddm", "eddm", "hddm-a", "cusum", "page-hinkley");

    private static final String PERFORMANCE_DETECTOR_DOC = "The sequential detector watching each model's error "
            + "stream for an increase: adwin-ddm (ADWIN and DDM, either may signal), adwin, ddm, eddm, hddm-a, cusum "
            + "or page-hinkley. A signal counts once the baseline exists and the window's error rate is "
            + "drift.performance.min.ratio times above it.";

    public static final String ESTIMATE_MODELS_CONFIG = "drift.performance.estimate.models";
    private static final String ESTIMATE_MODELS_DOC = "Classifiers whose performance is estimated from their "
            + "scores before labels arrive (confidence-based performance estimation), as model:field:classes "
            + "triples separated by commas. Binary: fraud-model:score:1 reads the event's score as the probability of "
            + "class 1; churn:scores:yes reads scores[\"yes\"]. Multiclass (one class against the rest, macro "
            + "averages): iris:scores:setosa|versicolor|virginica reads one score per class from scores (2 to 32 "
            + "classes). The first drift.performance.baseline.labels joined labels with scores calibrate the model; "
            + "see docs/drift-and-alerts.md.";

    /** Classes a multiclass model may have to be estimated (detectors' MulticlassScores.MAX_CLASSES). */
    public static final int MAX_ESTIMATED_CLASSES = 32;

    public static final String ESTIMATE_MIN_DROP_CONFIG = "drift.performance.estimate.min.drop";
    private static final String ESTIMATE_MIN_DROP_DOC = "ESTIMATED_PERFORMANCE_DROP needs an estimated metric to fall "
            + "below its baseline by more than its band (3 standard errors of the window) and by at least this much "
            + "(absolute, e.g. 0.05 = 5 points of accuracy).";

    public static final String METRICS_MAX_FEATURES_CONFIG = "drift.metrics.max.features.per.model";
    private static final String METRICS_MAX_FEATURES_DOC = "At most this many features per model are exported as "
            + "metric labels (the first judged, by name); reports always carry every feature.";

    public static final String RESOLVE_AFTER_WINDOWS_CONFIG = "alerts.resolve.after.windows";
    private static final String RESOLVE_AFTER_WINDOWS_DOC =
            "A firing alert resolves after this many consecutive observations in which its condition is inactive.";

    public static final String RUNBOOK_BASE_URL_CONFIG = "alerts.runbook.base.url";
    private static final String RUNBOOK_BASE_URL_DOC =
            "Runbook every alert links to; the alert kind in lower case is appended as the anchor (#feature_drift). "
                    + "Empty: this instance's own /runbook page, http://<http.host>:<http.port>/runbook; set it to "
                    + "your wiki's copy of docs/runbook.md when alerts are read elsewhere.";

    /** Prefix of the per-kind severity keys: {@code alerts.severity.feature.drift} and so on. */
    public static final String SEVERITY_PREFIX = "alerts.severity.";

    private static final String[][] SEVERITY_DEFAULTS = {
        {"FEATURE_DRIFT", "warning"},
        {"DATASET_DRIFT", "critical"},
        {"PREDICTION_DRIFT", "warning"},
        {"PERFORMANCE_DEGRADATION", "critical"},
        {"OUTLIER_SURGE", "warning"},
        {"ESTIMATED_PERFORMANCE_DROP", "warning"},
        {"MULTIVARIATE_DRIFT", "warning"},
        {"BATCH_REJECTED", "warning"},
        {"BATCH_HELD", "info"},
        {"INTEGRITY_FAILURE", "critical"},
        {"MODEL_TRAINED_ON_REVOKED_DATA", "critical"},
        {"UNAPPROVED_MODEL_VERSION", "critical"}
    };

    private DriftSettings() {}

    /** The severity key of an alert kind, e.g. {@code alerts.severity.feature.drift} for FEATURE_DRIFT. */
    public static String severityKey(String kind) {
        return SEVERITY_PREFIX + kind.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    static ConfigDef define(ConfigDef definitions) {
        definitions
                .define(MODELS_CONFIG, Type.LIST, "", new ModelsValidator(), Importance.HIGH, MODELS_DOC)
                .define(
                        WINDOW_SIZE_MS_CONFIG,
                        Type.LONG,
                        60_000L,
                        Range.atLeast(1L),
                        Importance.MEDIUM,
                        WINDOW_SIZE_MS_DOC)
                .define(
                        WINDOW_GRACE_MS_CONFIG,
                        Type.LONG,
                        10_000L,
                        Range.atLeast(0L),
                        Importance.MEDIUM,
                        WINDOW_GRACE_MS_DOC)
                .define(
                        WINDOW_MIN_COUNT_CONFIG,
                        Type.INT,
                        100,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        WINDOW_MIN_COUNT_DOC)
                .define(
                        FEEDBACK_JOIN_WINDOW_MS_CONFIG,
                        Type.LONG,
                        3_600_000L,
                        Range.atLeast(0L),
                        Importance.MEDIUM,
                        FEEDBACK_JOIN_WINDOW_MS_DOC)
                .define(
                        RESOLVE_AFTER_WINDOWS_CONFIG,
                        Type.INT,
                        3,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        RESOLVE_AFTER_WINDOWS_DOC)
                .define(RUNBOOK_BASE_URL_CONFIG, Type.STRING, "", null, Importance.MEDIUM, RUNBOOK_BASE_URL_DOC)
                .define(MAX_FUTURE_MS_CONFIG, Type.LONG, 300_000L, Range.atLeast(0L), Importance.LOW, MAX_FUTURE_MS_DOC)
                .define(ALPHA_CONFIG, Type.DOUBLE, 0.001, Range.between(1e-9, 0.5), Importance.LOW, ALPHA_DOC)
                .define(OUTLIER_Z_CONFIG, Type.DOUBLE, 3.5, Range.atLeast(1.0), Importance.LOW, OUTLIER_Z_DOC)
                .define(
                        OUTLIER_MIN_RATIO_CONFIG,
                        Type.DOUBLE,
                        2.0,
                        Range.atLeast(1.0),
                        Importance.LOW,
                        OUTLIER_MIN_RATIO_DOC)
                .define(MULTIVARIATE_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, MULTIVARIATE_ENABLED_DOC)
                .define(
                        PERFORMANCE_BASELINE_LABELS_CONFIG,
                        Type.INT,
                        200,
                        Range.atLeast(1),
                        Importance.LOW,
                        PERFORMANCE_BASELINE_LABELS_DOC)
                .define(
                        PERFORMANCE_MIN_RATIO_CONFIG,
                        Type.DOUBLE,
                        1.5,
                        Range.atLeast(1.0),
                        Importance.LOW,
                        PERFORMANCE_MIN_RATIO_DOC)
                .define(
                        PERFORMANCE_DETECTOR_CONFIG,
                        Type.STRING,
                        "adwin-ddm",
                        ValidString.in(PERFORMANCE_DETECTORS.toArray(String[]::new)),
                        Importance.LOW,
                        PERFORMANCE_DETECTOR_DOC)
                .define(
                        ESTIMATE_MODELS_CONFIG,
                        Type.LIST,
                        "",
                        new EstimateModelsValidator(),
                        Importance.MEDIUM,
                        ESTIMATE_MODELS_DOC)
                .define(
                        ESTIMATE_MIN_DROP_CONFIG,
                        Type.DOUBLE,
                        0.05,
                        Range.between(0.0, 1.0),
                        Importance.LOW,
                        ESTIMATE_MIN_DROP_DOC)
                .define(
                        METRICS_MAX_FEATURES_CONFIG,
                        Type.INT,
                        50,
                        Range.between(0, 10_000),
                        Importance.LOW,
                        METRICS_MAX_FEATURES_DOC);
        for (String[] kindAndDefault : SEVERITY_DEFAULTS) {
            definitions.define(
                    severityKey(kindAndDefault[0]),
                    Type.STRING,
                    kindAndDefault[1],
                    ValidString.in("info", "warning", "critical"),
                    Importance.LOW,
                    "Severity of " + kindAndDefault[0] + " alerts.");
        }
        return definitions;
    }

    /** Accepts model:dataset pairs; named so the generated configuration table (docs/configuration.md) can say what it accepts. */
    private static final class ModelsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof java.util.List<?> pairs) {
                for (Object pair : pairs) {
                    String text = pair.toString().trim();
                    int colon = text.indexOf(':');
                    if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
                        throw new org.apache.kafka.common.config.ConfigException(
                                name, value, "expected model:dataset pairs separated by commas");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "model:dataset pairs, comma-separated";
        }
    }

    /** Accepts model:score:class, model:scores:class or model:scores:a|b|c triples. */
    private static final class EstimateModelsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof java.util.List<?> triples) {
                for (Object triple : triples) {
                    String[] parts = triple.toString().trim().split(":", -1);
                    if (parts.length != 3
                            || parts[0].isBlank()
                            || parts[2].isBlank()
                            || !(parts[1].equals("score") || parts[1].equals("scores"))) {
                        throw new org.apache.kafka.common.config.ConfigException(
                                name,
                                value,
                                "expected model:score:class, model:scores:class or model:scores:a|b|c, separated by"
                                        + " commas");
                    }
                    List<String> classes = java.util.Arrays.stream(parts[2].split("\\|", -1))
                            .map(String::trim)
                            .toList();
                    boolean multiclass = classes.size() > 1;
                    if (multiclass
                            && (!parts[1].equals("scores")
                                    || classes.size() > MAX_ESTIMATED_CLASSES
                                    || classes.stream().anyMatch(String::isBlank)
                                    || classes.stream().distinct().count() != classes.size())) {
                        throw new org.apache.kafka.common.config.ConfigException(
                                name,
                                value,
                                "a multiclass model reads scores and names 2 to " + MAX_ESTIMATED_CLASSES
                                        + " distinct classes separated by |, e.g. iris:scores:setosa|versicolor|virginica");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "model:score:class, model:scores:class or model:scores:a|b|c (2 to 32 distinct classes) triples,"
                    + " comma-separated";
        }
    }
}
