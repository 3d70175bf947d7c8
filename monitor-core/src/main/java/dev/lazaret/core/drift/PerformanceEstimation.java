package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.RecalibrationRequest;
import dev.lazaret.core.drift.codec.EstimationCodec;
import dev.lazaret.core.quarantine.audit.AuditEvent;
import dev.lazaret.core.quarantine.integrity.CanonicalJson;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Performance estimated without labels, per model of {@code drift.performance.estimate.models}: each event's score
 * goes into its window; the first {@code drift.performance.baseline.labels} joined labels with a score form the
 * calibration sample (the same first labels that freeze the baseline error rate), which then stays frozen; each
 * window's close estimates its metrics (detectors' {@link PerformanceEstimator}) against the sample's realised
 * values, and reports, beside the estimates they had, the realised values of earlier windows whose join window has
 * passed. The sample changes only by an operator's {@link #requestRecalibration request}: the labels joined from
 * then on make a new sample, which replaces the old one once it has the baseline's size; both steps go to the audit
 * trail ({@link #drainAudits}). State in the detectors' cells: per model one {@link EstimationCodec.State} (the sample and the waiting
 * windows' starts) and one cell per waiting window, so an event re-encodes only its own window.
 */
final class PerformanceEstimation {
    /** Band half-width in standard errors: the 3-sigma band NannyML draws (SAMPLING_ERROR_RANGE). */
    static final double BAND_SIGMAS = 3;

    private final DriftOptions options;
    private final StateCells store;
    private final Map<String, ModelState> live = new HashMap<>();
    private final Map<String, WindowCell> liveWindows = new HashMap<>();

    /** One waiting window, live. */
    private record WindowCell(EstimationCodec.Window window) implements StateCells.Encodable {
        @Override
        public byte[] encode() {
            return EstimationCodec.encodeWindow(window);
        }
    }

    /** The codec's state, live, with the calibration fitted once it is frozen. */
    private static final class ModelState implements StateCells.Encodable {
        EstimationCodec.State state;
        IsotonicCalibration calibration;

        ModelState(EstimationCodec.State state) {
            this.state = state;
        }

        @Override
        public byte[] encode() {
            return EstimationCodec.encode(state);
        }
    }

    /**
     * An entry for the audit trail about a model's calibration.
     *
     * @param kind {@link AuditEvent#RECALIBRATION_REQUESTED} or {@link AuditEvent#RECALIBRATED}
     * @param payload canonical JSON of what happened
     */
    record Audit(String model, String kind, byte[] payload) {}

    private final List<Audit> audits = new ArrayList<>();

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
        String model = event.model();
        ModelState m = load(model);
        TreeSet<Long> starts = m.state.windowStarts();
        WindowCell cell;
        if (starts.contains(windowStartMs)) {
            cell = window(model, windowStartMs);
        } else {
            cell = new WindowCell(new EstimationCodec.Window(PredictedScores.empty(), LabelledScores.empty()));
            liveWindows.put(windowKey(model, windowStartMs), cell);
            starts.add(windowStartMs);
            while (starts.size() > EstimationCodec.MAX_WINDOWS) {
                forget(model, starts.pollFirst());
            }
            store.put(key(model), m);
        }
        cell.window().predicted().add(bin, predictedPositive(target, prediction, score));
        store.put(windowKey(model, windowStartMs), cell);
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
            store.put(key(model), m);
        }
        EstimationCodec.Recalibration r = m.state.recalibration();
        if (r != null && eventTimeMs >= r.fromEventTimeMs()) {
            r.sample().add(bin, predicted, actual);
            if (r.sample().count() >= options.baselineLabels()) {
                recalibrate(model, m, r);
            }
            store.put(key(model), m);
        }
        long start = options.windowStart(eventTimeMs);
        if (m.state.windowStarts().contains(start)) {
            WindowCell cell = window(model, start);
            cell.window().labelled().add(bin, predicted, actual);
            store.put(windowKey(model, start), cell);
        }
    }

    /**
     * An operator's request to refit the calibration: from now on the joined labels of events at or after {@code
     * watermark} collect a new sample (a later request starts it afresh). The estimates keep the old calibration
     * until the new sample is full.
     *
     * @return the audit entry of the request
     */
    Audit requestRecalibration(RecalibrationRequest request, long watermark) {
        String model = request.model();
        ModelState m = load(model);
        EstimationCodec.Recalibration previous = m.state.recalibration();
        long from = watermark;
        m.state = new EstimationCodec.State(
                m.state.sample(),
                m.state.windowStarts(),
                new EstimationCodec.Recalibration(request.operator(), request.reason(), from, LabelledScores.empty()));
        store.put(key(model), m);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("model", model);
        payload.put("operator", request.operator());
        payload.put("reason", request.reason());
        payload.put("labels_needed", options.baselineLabels());
        payload.put(
                "from_event_time",
                from == Long.MIN_VALUE ? null : Instant.ofEpochMilli(from).toString());
        payload.put("current_sample_labels", m.state.sample().count());
        payload.put("replaces_pending_request_of", previous == null ? null : previous.operator());
        return new Audit(model, AuditEvent.RECALIBRATION_REQUESTED, CanonicalJson.bytes(payload));
    }

    /** The audit entries of refits since the last call, oldest first. */
    List<Audit> drainAudits() {
        if (audits.isEmpty()) {
            return List.of();
        }
        List<Audit> out = List.copyOf(audits);
        audits.clear();
        return out;
    }

    /** The new sample is full: it becomes the calibration sample, and the refit goes to the audit trail. */
    private void recalibrate(String model, ModelState m, EstimationCodec.Recalibration r) {
        LabelledScores old = m.state.sample();
        m.state = new EstimationCodec.State(r.sample(), m.state.windowStarts());
        m.calibration = null; // refitted from the new sample at the next close
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("model", model);
        payload.put("operator", r.operator());
        payload.put("reason", r.reason());
        payload.put("labels", r.sample().count());
        payload.put("baseline_before", old.count() >= options.baselineLabels() ? baselineJson(old) : null);
        payload.put("baseline_after", baselineJson(r.sample()));
        audits.add(new Audit(model, AuditEvent.RECALIBRATED, CanonicalJson.bytes(payload)));
    }

    /** The realised metrics of a sample, the baseline the estimates are judged against; undefined ones as null. */
    private static Map<String, Object> baselineJson(LabelledScores sample) {
        Map<String, Object> out = new LinkedHashMap<>();
        PerformanceEstimator.realised(sample)
                .forEach((metric, value) -> out.put(metric.label(), Double.isNaN(value) ? null : value));
        return out;
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
        EstimationCodec.Window own = m.state.windowStarts().contains(windowStartMs)
                ? window(model, windowStartMs).window()
                : null;
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
        List<DriftReport.RealisedWindow> realised = realised(model, m, windowStartMs, watermark);
        store.put(key(model), m);
        return new Closed(
                new DriftReport.EstimatedPerformance(sample.count(), calibrated, scored, metrics, realised),
                conditions);
    }

    /** Reports and forgets the windows up to {@code closingStart} whose events can no longer be joined. */
    private List<DriftReport.RealisedWindow> realised(String model, ModelState m, long closingStart, long watermark) {
        List<DriftReport.RealisedWindow> out = new ArrayList<>();
        Iterator<Long> it = m.state.windowStarts().iterator();
        while (it.hasNext()) {
            long start = it.next();
            // the join forgets an event once the watermark is joinWindow past it; the window's last event is < end
            if (start > closingStart || start + options.windowSizeMs() + options.joinWindowMs() > watermark) {
                break;
            }
            EstimationCodec.Window window = window(model, start).window();
            it.remove();
            forget(model, start);
            LabelledScores labelled = window.labelled();
            if (m.calibration == null || labelled.count() == 0) {
                continue;
            }
            PerformanceEstimate estimate = PerformanceEstimator.estimate(m.calibration, window.predicted());
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
                m = new ModelState(new EstimationCodec.State(LabelledScores.empty(), new TreeSet<>()));
            }
            live.put(key, m);
        }
        return m;
    }

    /** A waiting window of the model (its start is in the model's cell, so the window cell exists). */
    private WindowCell window(String model, long start) {
        String key = windowKey(model, start);
        WindowCell cell = liveWindows.get(key);
        if (cell == null) {
            cell = store.get(key, bytes -> new WindowCell(EstimationCodec.decodeWindow(bytes)));
            if (cell == null) { // the model cell was written without it: start the window afresh
                cell = new WindowCell(new EstimationCodec.Window(PredictedScores.empty(), LabelledScores.empty()));
            }
            liveWindows.put(key, cell);
        }
        return cell;
    }

    private void forget(String model, long start) {
        String key = windowKey(model, start);
        liveWindows.remove(key);
        store.delete(key);
    }

    private static String key(String model) {
        return model + "|estimation";
    }

    private static String windowKey(String model, long start) {
        return model + "|estimation|" + start;
    }
}
