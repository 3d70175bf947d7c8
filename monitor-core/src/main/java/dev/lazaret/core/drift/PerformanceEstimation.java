package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.drift.codec.EstimationCodec;
import dev.lazaret.detectors.performance.IsotonicCalibration;
import dev.lazaret.detectors.performance.LabelledScores;
import dev.lazaret.detectors.performance.Metric;
import dev.lazaret.detectors.performance.MetricEstimate;
import dev.lazaret.detectors.performance.PerformanceEstimate;
import dev.lazaret.detectors.performance.PerformanceEstimator;
import dev.lazaret.detectors.performance.PredictedScores;
import dev.lazaret.detectors.performance.ScoreBins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Performance estimated without labels, per model of {@code drift.performance.estimate.models}: each event's score
 * goes into its window; the first {@code drift.performance.baseline.labels} joined labels with a score form the
 * calibration sample (the same first labels that freeze the baseline error rate), which then stays frozen; each
 * window's close estimates its metrics (detectors' {@link PerformanceEstimator}) against the sample's realised
 * values, and reports, beside the estimates they had, the realised values of earlier windows whose join window has
 * passed. State: one {@link EstimationCodec.State} per model in the detectors' cells.
 */
final class PerformanceEstimation {
    /** Band half-width in standard errors: the 3-sigma band NannyML draws (SAMPLING_ERROR_RANGE). */
    static final double BAND_SIGMAS = 3;

    private final DriftOptions options;
    private final StateCells store;
    private final Map<String, ModelState> live = new HashMap<>();

    /** The codec's state, live, with the calibration fitted once it is frozen. */
    private static final class ModelState implements StateCells.Encodable {
        final EstimationCodec.State state;
        IsotonicCalibration calibration;

        ModelState(EstimationCodec.State state) {
            this.state = state;
        }

        @Override
        public byte[] encode() {
            return EstimationCodec.encode(state);
        }
    }

    PerformanceEstimation(DriftOptions options, StateCells store) {
        this.options = options;
        this.store = store;
    }

    /** The event's score of the positive class, to keep with its prediction until its label; NaN if none. */
    double positiveScore(InferenceEvent event) {
        EstimationTarget target = options.estimationTargets().get(event.model());
        return target == null ? Double.NaN : target.score(event);
    }

    /** Adds an accepted event's score to its window. */
    void event(InferenceEvent event, String prediction, long windowStartMs) {
        EstimationTarget target = options.estimationTargets().get(event.model());
        if (target == null) {
            return;
        }
        double score = target.score(event);
        int bin = ScoreBins.of(score);
        if (bin < 0) {
            return;
        }
        ModelState m = load(event.model());
        TreeMap<Long, EstimationCodec.Window> windows = m.state.windows();
        EstimationCodec.Window w = windows.get(windowStartMs);
        if (w == null) {
            w = new EstimationCodec.Window(PredictedScores.empty(), LabelledScores.empty());
            windows.put(windowStartMs, w);
            while (windows.size() > EstimationCodec.MAX_WINDOWS) {
                windows.pollFirstEntry();
            }
        }
        w.predicted().add(bin, predictedPositive(target, prediction, score));
        store.put(key(event.model()), m);
    }

    /** A joined label of an event with time {@code eventTimeMs} and positive-class score {@code score}. */
    void labelled(String model, long eventTimeMs, String prediction, double score, String label) {
        EstimationTarget target = options.estimationTargets().get(model);
        int bin = ScoreBins.of(score);
        if (target == null || bin < 0 || label == null) {
            return;
        }
        boolean predicted = predictedPositive(target, prediction, score);
        boolean actual = target.isPositive(label);
        ModelState m = load(model);
        LabelledScores sample = m.state.sample();
        if (sample.count() < options.baselineLabels()) {
            sample.add(bin, predicted, actual);
        }
        EstimationCodec.Window w = m.state.windows().get(options.windowStart(eventTimeMs));
        if (w != null) {
            w.labelled().add(bin, predicted, actual);
        }
        store.put(key(model), m);
    }

    /**
     * What a closing window reports.
     *
     * @param estimated the report's part, null for a model that is not estimated
     * @param conditions one ESTIMATED_PERFORMANCE_DROP observation per metric when the window was estimated
     */
    record Closed(DriftReport.EstimatedPerformance estimated, List<AlertCondition> conditions) {}

    Closed close(String model, long windowStartMs, long watermark) {
        if (!options.estimationTargets().containsKey(model)) {
            return new Closed(null, List.of());
        }
        ModelState m = load(model);
        LabelledScores sample = m.state.sample();
        boolean calibrated = sample.count() >= options.baselineLabels();
        if (calibrated && m.calibration == null) {
            m.calibration = IsotonicCalibration.fit(sample);
        }
        EstimationCodec.Window own = m.state.windows().get(windowStartMs);
        long scored = own == null ? 0 : own.predicted().count();
        List<DriftReport.EstimatedMetric> metrics = new ArrayList<>();
        List<AlertCondition> conditions = new ArrayList<>();
        if (calibrated && scored > 0) {
            Map<Metric, Double> baseline = PerformanceEstimator.realised(sample);
            PerformanceEstimate estimate = PerformanceEstimator.estimate(m.calibration, own.predicted());
            for (Metric metric : Metric.values()) {
                DriftReport.EstimatedMetric e = judged(metric, estimate.metric(metric), baseline.get(metric));
                metrics.add(e);
                if (scored >= options.minCount() && !Double.isNaN(e.estimate()) && !Double.isNaN(e.baseline())) {
                    conditions.add(condition(model, windowStartMs, e));
                }
            }
        }
        List<DriftReport.RealisedWindow> realised = realised(m, windowStartMs, watermark);
        store.put(key(model), m);
        return new Closed(
                new DriftReport.EstimatedPerformance(sample.count(), calibrated, scored, metrics, realised),
                conditions);
    }

    /** Reports and forgets the windows up to {@code closingStart} whose events can no longer be joined. */
    private List<DriftReport.RealisedWindow> realised(ModelState m, long closingStart, long watermark) {
        List<DriftReport.RealisedWindow> out = new ArrayList<>();
        Iterator<Map.Entry<Long, EstimationCodec.Window>> it =
                m.state.windows().entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, EstimationCodec.Window> e = it.next();
            long start = e.getKey();
            // the join forgets an event once the watermark is joinWindow past it; the window's last event is < end
            if (start > closingStart || start + options.windowSizeMs() + options.joinWindowMs() > watermark) {
                break;
            }
            it.remove();
            LabelledScores labelled = e.getValue().labelled();
            if (m.calibration == null || labelled.count() == 0) {
                continue;
            }
            PerformanceEstimate estimate =
                    PerformanceEstimator.estimate(m.calibration, e.getValue().predicted());
            Map<Metric, Double> real = PerformanceEstimator.realised(labelled);
            List<DriftReport.RealisedMetric> metrics = new ArrayList<>();
            for (Metric metric : Metric.values()) {
                double est = estimate.metric(metric).value();
                double r = real.get(metric);
                metrics.add(new DriftReport.RealisedMetric(metric.label(), est, r, est - r));
            }
            out.add(new DriftReport.RealisedWindow(span(start), start, labelled.count(), metrics));
        }
        return out;
    }

    private DriftReport.EstimatedMetric judged(Metric metric, MetricEstimate estimate, double baseline) {
        double band = estimate.band(BAND_SIGMAS);
        double drop = baseline - estimate.value();
        boolean dropped = drop > band && drop >= options.estimateMinDrop();
        return new DriftReport.EstimatedMetric(
                metric.label(),
                estimate.value(),
                estimate.standardError(),
                estimate.value() - band,
                estimate.value() + band,
                baseline,
                dropped);
    }

    private AlertCondition condition(String model, long start, DriftReport.EstimatedMetric e) {
        double band = e.estimate() - e.lower();
        return new AlertCondition(
                AlertKind.ESTIMATED_PERFORMANCE_DROP,
                "model",
                model,
                e.metric(),
                e.dropped(),
                "cbpe",
                e.estimate(),
                e.baseline() - Math.max(band, options.estimateMinDrop()),
                span(start),
                start,
                start + options.windowSizeMs(),
                String.format(
                        Locale.ROOT,
                        "estimated %s %.3f ± %.3f (3 standard errors) against baseline %.3f: drop %.3f"
                                + " (needs more than the band and at least %.3f); estimated from scores, labels not yet in",
                        e.metric(),
                        e.estimate(),
                        band,
                        e.baseline(),
                        e.baseline() - e.estimate(),
                        options.estimateMinDrop()));
    }

    private String span(long start) {
        return Instant.ofEpochMilli(start) + "/" + Instant.ofEpochMilli(start + options.windowSizeMs());
    }

    private static boolean predictedPositive(EstimationTarget target, String prediction, double score) {
        return prediction == null ? score >= 0.5 : target.isPositive(prediction);
    }

    private ModelState load(String model) {
        String key = key(model);
        ModelState m = live.get(key);
        if (m == null) {
            m = store.get(key, bytes -> new ModelState(EstimationCodec.decode(bytes)));
            if (m == null) {
                m = new ModelState(new EstimationCodec.State(LabelledScores.empty(), new TreeMap<>()));
            }
            live.put(key, m);
        }
        return m;
    }

    private static String key(String model) {
        return model + "|estimation";
    }
}
