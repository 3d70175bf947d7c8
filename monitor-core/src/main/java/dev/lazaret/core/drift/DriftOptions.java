package dev.lazaret.core.drift;

import dev.lazaret.core.config.DriftSettings;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.detectors.policy.DriftPolicy;
import java.util.Map;
import java.util.TreeMap;

/**
 * The drift side's settings, read once from {@link MonitorConfig}.
 *
 * @param modelDatasets model name to the dataset whose reference profile it is compared with
 * @param windowSizeMs event-time tumbling window size
 * @param graceMs how long after its end a window accepts late events
 * @param minCount events a window needs to be judged
 * @param maxFutureMs how far ahead of the newest event time (and the wall clock) an event may be
 * @param joinWindowMs how far apart an event and its feedback may be
 * @param policy the drift decision rule (detectors' defaults with the configured alpha)
 * @param outlierZ robust z-score beyond which a numeric value is an outlier
 * @param outlierMinRatio minimum outlier-rate ratio against the reference for a surge
 * @param baselineLabels labels that make the frozen baseline error rate
 * @param performanceMinRatio minimum error-rate ratio against the baseline for a degradation
 * @param performanceDetector the sequential detector of error-rate increases
 * @param maxMetricFeatures features per model exported as metric labels
 * @param estimationTargets per model whose performance is estimated without labels, where its positive-class score is
 * @param estimateMinDrop the smallest drop below the baseline that raises ESTIMATED_PERFORMANCE_DROP
 * @param multivariate whether windows are judged jointly too ({@code drift.multivariate.enabled})
 */
public record DriftOptions(
        Map<String, String> modelDatasets,
        long windowSizeMs,
        long graceMs,
        int minCount,
        long maxFutureMs,
        long joinWindowMs,
        DriftPolicy policy,
        double outlierZ,
        double outlierMinRatio,
        int baselineLabels,
        double performanceMinRatio,
        ErrorRateDetector performanceDetector,
        int maxMetricFeatures,
        Map<String, EstimationTarget> estimationTargets,
        double estimateMinDrop,
        boolean multivariate) {

    /** Copies the model maps. */
    public DriftOptions {
        modelDatasets = Map.copyOf(modelDatasets);
        estimationTargets = Map.copyOf(estimationTargets);
    }

    /** Reads the {@code drift.*} keys. */
    public static DriftOptions from(MonitorConfig config) {
        Map<String, String> models = new TreeMap<>();
        for (String pair : config.getList(DriftSettings.MODELS_CONFIG)) {
            String[] parts = pair.trim().split(":", 2);
            models.put(parts[0].trim(), parts[1].trim());
        }
        DriftPolicy defaults = DriftPolicy.defaults();
        DriftPolicy policy = new DriftPolicy(
                config.getDouble(DriftSettings.ALPHA_CONFIG),
                defaults.correction(),
                defaults.datasetDriftShare(),
                defaults.numericEffectFloor(),
                defaults.numericWassersteinFloor(),
                defaults.categoricalEffectFloor(),
                defaults.minCount());
        return new DriftOptions(
                models,
                config.getLong(DriftSettings.WINDOW_SIZE_MS_CONFIG),
                config.getLong(DriftSettings.WINDOW_GRACE_MS_CONFIG),
                config.getInt(DriftSettings.WINDOW_MIN_COUNT_CONFIG),
                config.getLong(DriftSettings.MAX_FUTURE_MS_CONFIG),
                config.getLong(DriftSettings.FEEDBACK_JOIN_WINDOW_MS_CONFIG),
                policy,
                config.getDouble(DriftSettings.OUTLIER_Z_CONFIG),
                config.getDouble(DriftSettings.OUTLIER_MIN_RATIO_CONFIG),
                config.getInt(DriftSettings.PERFORMANCE_BASELINE_LABELS_CONFIG),
                config.getDouble(DriftSettings.PERFORMANCE_MIN_RATIO_CONFIG),
                ErrorRateDetector.of(config.getString(DriftSettings.PERFORMANCE_DETECTOR_CONFIG)),
                config.getInt(DriftSettings.METRICS_MAX_FEATURES_CONFIG),
                EstimationTarget.parse(config.getList(DriftSettings.ESTIMATE_MODELS_CONFIG)),
                config.getDouble(DriftSettings.ESTIMATE_MIN_DROP_CONFIG),
                config.getBoolean(DriftSettings.MULTIVARIATE_ENABLED_CONFIG));
    }

    /** The dataset of a model, or null when the model is not configured. */
    public String datasetOf(String model) {
        return modelDatasets.get(model);
    }

    /** Start of the window holding {@code timestampMs}. */
    public long windowStart(long timestampMs) {
        return Math.floorDiv(timestampMs, windowSizeMs) * windowSizeMs;
    }
}
