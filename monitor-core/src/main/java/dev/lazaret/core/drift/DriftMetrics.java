package dev.lazaret.core.drift;

import dev.lazaret.detectors.embedding.EmbeddingVerdict;
import dev.lazaret.detectors.performance.Metric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drift side's meters. Label sets are bounded: {@code model} by {@code drift.models}, {@code feature} by {@code
 * drift.metrics.max.features.per.model} per model (plus {@code __prediction__} and {@code __score__}), {@code method}
 * by the detectors' fixed set, {@code result} by three values. Thread-safe: stream threads share one instance.
 *
 * <p>A {@link MeterBinder}: {@link #bindTo} registers the fixed meters at zero in one registry; per-feature gauges
 * join that registry as features are judged. Meters are kept per instance, never in a static cache.
 */
public final class DriftMetrics implements MeterBinder {
    /** {@code lazaret_drift_score{model,feature,method}}: effect size of the latest judged window. */
    public static final String SCORE = "lazaret.drift.score";
    /** {@code lazaret_drift_pvalue{model,feature,method}}: adjusted p-value of the latest judged window. */
    public static final String PVALUE = "lazaret.drift.pvalue";
    /** {@code lazaret_drift_drifted_share{model}}. */
    public static final String DRIFTED_SHARE = "lazaret.drift.drifted.share";
    /** {@code lazaret_drift_dataset_drift{model}}: 1 when the latest judged window drifted as a data set. */
    public static final String DATASET_DRIFT = "lazaret.drift.dataset.drift";
    /** {@code lazaret_drift_error_rate{model}}: error rate of the latest window with labels. */
    public static final String ERROR_RATE = "lazaret.drift.error.rate";
    /** {@code lazaret_drift_outlier_rate{model}}. */
    public static final String OUTLIER_RATE = "lazaret.drift.outlier.rate";
    /** {@code lazaret_drift_estimated_performance{model,metric}}: CBPE estimate of the latest estimated window. */
    public static final String ESTIMATED_PERFORMANCE = "lazaret.drift.estimated.performance";
    /** {@code lazaret_drift_estimated_performance_band{model,metric}}: its band half-width (3 standard errors). */
    public static final String ESTIMATED_PERFORMANCE_BAND = "lazaret.drift.estimated.performance.band";
    /** {@code lazaret_drift_baseline_performance{model,metric}}: realised on the calibration sample. */
    public static final String BASELINE_PERFORMANCE = "lazaret.drift.baseline.performance";
    /** {@code lazaret_drift_realised_performance{model,metric}}: realised, of the latest window whose labels are in. */
    public static final String REALISED_PERFORMANCE = "lazaret.drift.realised.performance";
    /** {@code lazaret_drift_estimation_error{model,metric}}: estimate − realised of that window. */
    public static final String ESTIMATION_ERROR = "lazaret.drift.estimation.error";
    /** {@code lazaret_drift_multivariate_drift{model}}: 1 when the latest judged window drifted jointly. */
    public static final String MULTIVARIATE_DRIFT = "lazaret.drift.multivariate.drift";
    /** {@code lazaret_drift_multivariate_reconstruction_ks{model}}: KS D of the reconstruction errors. */
    public static final String MULTIVARIATE_RECONSTRUCTION = "lazaret.drift.multivariate.reconstruction.ks";
    /** {@code lazaret_drift_multivariate_outlier_rate{model}}: share of rows past the Mahalanobis cut-off. */
    public static final String MULTIVARIATE_OUTLIER_RATE = "lazaret.drift.multivariate.outlier.rate";
    /** {@code lazaret_drift_windows_total{model,result}}, result = judged, no_reference, too_few. */
    public static final String WINDOWS = "lazaret.drift.windows";
    /** {@code lazaret_drift_events_total{model}}: events accepted into a window. */
    public static final String EVENTS = "lazaret.drift.events";
    /** {@code lazaret_drift_references_rejected_total}: profiles-topic values that did not decode. */
    public static final String REFERENCES_REJECTED = "lazaret.drift.references.rejected";

    /** The {@code result} values of {@link #WINDOWS}. */
    public static final Set<String> WINDOW_RESULTS = Set.of("judged", "no_reference", "too_few");

    private volatile MeterRegistry registry;
    private final int maxFeaturesPerModel;
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Map<String, double[]> gauges = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** The accepted-events counter of each model, also in {@link #counters}. */
    private final Map<String, Counter> eventsByModel = new ConcurrentHashMap<>();

    private final Map<String, Set<String>> exportedFeatures = new ConcurrentHashMap<>();

    /** Unbound meters; {@link #bindTo} before recording. */
    public DriftMetrics(int maxFeaturesPerModel) {
        this.maxFeaturesPerModel = maxFeaturesPerModel;
    }

    /** Meters bound to {@code registry} at once. */
    public DriftMetrics(MeterRegistry registry, int maxFeaturesPerModel) {
        this(maxFeaturesPerModel);
        bindTo(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (this.registry != null && this.registry != registry) {
            throw new IllegalStateException("drift metrics are bound to another registry already");
        }
        this.registry = registry;
        counter(REFERENCES_REJECTED, "Profiles-topic values that did not decode and were skipped");
        register(models);
    }

    /**
     * Adds models whose meters are registered at zero (now when bound, else at {@link #bindTo}), so dashboards show
     * 0 rather than "no data".
     */
    public void registerModels(Collection<String> newModels) {
        models.addAll(newModels);
        if (registry != null) {
            register(newModels);
        }
    }

    private void register(Collection<String> some) {
        for (String model : some) {
            for (String result : WINDOW_RESULTS) {
                windows(model, result);
            }
            events(model);
            modelGauge(DRIFTED_SHARE, model, "Share of tested features that drifted in the latest judged window");
            modelGauge(DATASET_DRIFT, model, "1 when the latest judged window drifted as a data set");
            modelGauge(ERROR_RATE, model, "Error rate of joined feedback in the latest window with labels");
            modelGauge(OUTLIER_RATE, model, "Outlier rate of numeric inputs in the latest judged window");
            modelGauge(MULTIVARIATE_DRIFT, model, "1 when the latest judged window drifted jointly (multivariate)");
            modelGauge(
                    MULTIVARIATE_RECONSTRUCTION,
                    model,
                    "KS D between the latest judged window's PCA reconstruction errors and the reference's");
            modelGauge(
                    MULTIVARIATE_OUTLIER_RATE,
                    model,
                    "Share of the latest judged window's rows past the Mahalanobis (Ledoit-Wolf) cut-off");
        }
    }

    /**
     * Registers the estimation gauges of models whose performance is estimated, at NaN (no estimate yet: 0 would
     * read as a model that is always wrong).
     */
    public void registerEstimatedModels(Collection<String> estimated) {
        Map<String, EstimationTarget> binary = new java.util.TreeMap<>();
        estimated.forEach(model -> binary.put(model, new EstimationTarget(false, "1")));
        registerEstimatedModels(binary);
    }

    /** As {@link #registerEstimatedModels(Collection)}, each with its metric names (multiclass: macro averages). */
    public void registerEstimatedModels(Map<String, EstimationTarget> estimated) {
        estimated.forEach((model, target) -> {
            for (Metric metric : Metric.values()) {
                for (String name : ESTIMATION_GAUGES) {
                    metricGauge(name, model, target.metricName(metric))[0] = Double.NaN;
                }
            }
        });
    }

    private static final List<String> ESTIMATION_GAUGES = List.of(
            ESTIMATED_PERFORMANCE,
            ESTIMATED_PERFORMANCE_BAND,
            BASELINE_PERFORMANCE,
            REALISED_PERFORMANCE,
            ESTIMATION_ERROR);

    /** Sets the estimation gauges from a report's estimated performance. */
    void estimated(String model, DriftReport.EstimatedPerformance estimated) {
        for (DriftReport.EstimatedMetric m : estimated.metrics()) {
            metricGauge(ESTIMATED_PERFORMANCE, model, m.metric())[0] = m.estimate();
            metricGauge(ESTIMATED_PERFORMANCE_BAND, model, m.metric())[0] = m.upper() - m.estimate();
            metricGauge(BASELINE_PERFORMANCE, model, m.metric())[0] = m.baseline();
        }
        for (DriftReport.RealisedWindow w : estimated.realised()) {
            for (DriftReport.RealisedMetric m : w.metrics()) {
                metricGauge(REALISED_PERFORMANCE, model, m.metric())[0] = m.realised();
                metricGauge(ESTIMATION_ERROR, model, m.metric())[0] = m.estimationError();
            }
        }
    }

    private double[] metricGauge(String name, String model, String metric) {
        return gauges.computeIfAbsent(name + '|' + model + '|' + metric, id -> {
            double[] holder = new double[] {Double.NaN};
            Gauge.builder(name, holder, h -> h[0])
                    .description(ESTIMATION_DESCRIPTIONS.get(name))
                    .tag("model", model)
                    .tag("metric", metric)
                    .register(registry());
            return holder;
        });
    }

    private static final Map<String, String> ESTIMATION_DESCRIPTIONS = Map.of(
            ESTIMATED_PERFORMANCE, "Performance estimated from scores without labels (CBPE), latest estimated window",
            ESTIMATED_PERFORMANCE_BAND, "Half-width of the estimate's band, 3 standard errors of the window",
            BASELINE_PERFORMANCE, "Realised performance on the calibration sample (the baseline labels)",
            REALISED_PERFORMANCE, "Realised performance of the latest window whose labels are in",
            ESTIMATION_ERROR, "Estimate minus realised performance of the latest window whose labels are in");

    void eventAccepted(String model) {
        // once per event: looked up by model alone, without building the registry key each time
        Counter counter = eventsByModel.get(model);
        if (counter == null) {
            counter = events(model);
            eventsByModel.put(model, counter);
        }
        counter.increment();
    }

    /** Counts a closed window and, when it was judged, sets the model's gauges from its report. */
    void windowClosed(String model, DriftReport report) {
        windows(model, report.status().wire()).increment();
        if (report.performance().labelled() > 0) {
            errorRate(model, report.performance().errorRate());
        }
        if (report.estimatedPerformance() != null) {
            estimated(model, report.estimatedPerformance());
        }
        if (report.status() != ReportStatus.JUDGED) {
            return;
        }
        driftedShare(model, report.driftedShare(), report.datasetDrift());
        if (report.outliers().checked() > 0) {
            outlierRate(model, report.outliers().rate());
        }
        if (report.multivariate() != null
                && report.multivariate().verdict() != null
                && report.multivariate().verdict().tested()) {
            modelGauge(MULTIVARIATE_DRIFT, model, "")[0] = report.multivariate().drift() ? 1 : 0;
            modelGauge(MULTIVARIATE_RECONSTRUCTION, model, "")[0] =
                    report.multivariate().verdict().reconstructionStatistic();
            modelGauge(MULTIVARIATE_OUTLIER_RATE, model, "")[0] =
                    report.multivariate().verdict().outlierRate();
        }
        if (report.embeddings() != null) {
            // A vector feature's score is its mean shift in reference sds; its p-value the smaller of its two tests'.
            for (EmbeddingVerdict v : report.embeddings()) {
                if (v.tested()) {
                    feature(
                            model,
                            v.feature(),
                            "random-projections",
                            v.meanShift(),
                            Math.min(v.minAdjustedPValue(), v.meanShiftPValue()));
                }
            }
        }
        List<DriftReport.FeatureResult> features = new ArrayList<>(report.features());
        features.add(report.prediction());
        features.add(report.score());
        for (DriftReport.FeatureResult f : features) {
            if (f.verdict().tested()) {
                feature(model, f.feature(), f.method(), f.effectSize(), f.adjustedPValue());
            }
        }
    }

    void referenceRejected() {
        counter(REFERENCES_REJECTED, "Profiles-topic values that did not decode and were skipped")
                .increment();
    }

    void driftedShare(String model, double share, boolean datasetDrift) {
        modelGauge(DRIFTED_SHARE, model, "")[0] = share;
        modelGauge(DATASET_DRIFT, model, "")[0] = datasetDrift ? 1 : 0;
    }

    void errorRate(String model, double rate) {
        modelGauge(ERROR_RATE, model, "")[0] = rate;
    }

    void outlierRate(String model, double rate) {
        modelGauge(OUTLIER_RATE, model, "")[0] = rate;
    }

    /** Sets a feature's score and p-value if the feature is within the model's label cap. */
    void feature(String model, String feature, String method, double score, double pValue) {
        boolean output = feature.equals(Reference.PREDICTION) || feature.equals(Reference.SCORE);
        if (!output && !admit(model, feature)) {
            return;
        }
        featureGauge(SCORE, model, feature, method, "Effect size of the latest judged window")[0] = score;
        featureGauge(PVALUE, model, feature, method, "Adjusted p-value of the latest judged window")[0] = pValue;
    }

    private boolean admit(String model, String feature) {
        Set<String> exported = exportedFeatures.computeIfAbsent(model, m -> ConcurrentHashMap.newKeySet());
        if (exported.contains(feature)) {
            return true;
        }
        synchronized (exported) {
            if (exported.size() >= maxFeaturesPerModel) {
                return false;
            }
            exported.add(feature);
            return true;
        }
    }

    private MeterRegistry registry() {
        MeterRegistry bound = registry;
        if (bound == null) {
            throw new IllegalStateException("drift metrics are not bound to a registry");
        }
        return bound;
    }

    private double[] modelGauge(String name, String model, String description) {
        return gauges.computeIfAbsent(name + '|' + model, id -> {
            double[] holder = new double[1];
            Gauge.builder(name, holder, h -> h[0])
                    .description(description)
                    .tag("model", model)
                    .register(registry());
            return holder;
        });
    }

    private double[] featureGauge(String name, String model, String feature, String method, String description) {
        return gauges.computeIfAbsent(name + '|' + model + '|' + feature + '|' + method, id -> {
            double[] holder = new double[1];
            Gauge.builder(name, holder, h -> h[0])
                    .description(description)
                    .tag("model", model)
                    .tag("feature", feature)
                    .tag("method", method)
                    .register(registry());
            return holder;
        });
    }

    private Counter windows(String model, String result) {
        return counters.computeIfAbsent(
                WINDOWS + '|' + model + '|' + result,
                id -> Counter.builder(WINDOWS)
                        .description("Windows closed, by model and result (judged, no_reference, too_few)")
                        .tag("model", model)
                        .tag("result", result)
                        .register(registry()));
    }

    private Counter events(String model) {
        return counters.computeIfAbsent(
                EVENTS + '|' + model,
                id -> Counter.builder(EVENTS)
                        .description("Inference events accepted into a drift window")
                        .tag("model", model)
                        .register(registry()));
    }

    private Counter counter(String name, String description) {
        return counters.computeIfAbsent(
                name, id -> Counter.builder(name).description(description).register(registry()));
    }
}
