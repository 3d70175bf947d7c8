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
import dev.lazaret.detectors.performance.MulticlassEstimator;
import dev.lazaret.detectors.performance.MulticlassLabelled;
import dev.lazaret.detectors.performance.OneVsRestCalibration;
import dev.lazaret.detectors.performance.PerformanceEstimator;
import dev.lazaret.detectors.performance.ScoreBins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * values and keeps that estimate in the window's cell, and reports, beside the estimates they had at their close, the
 * realised values of earlier windows whose join window has passed (a refit in between does not change them). The
 * sample changes only by an operator's {@link #requestRecalibration request}: the labels joined from then on make a
 * new sample, which replaces the old one once it has the baseline's size; both steps go to the audit trail ({@link
 * #drainAudits}). State in the detectors' cells: per model one {@link EstimationCodec.State} (the sample and the
 * waiting windows' starts) and one cell per waiting window, so an event re-encodes only its own window.
 *
 * <p>A multiclass model ({@code model:scores:a|b|c}) is estimated one class against the rest (detectors' {@link
 * MulticlassEstimator}): its sample holds one binary sample per class, and since an event's normalised probabilities
 * depend on all its class scores, a window adds them at each event under the calibration of that moment; so a window
 * is estimated only once the model is calibrated when its events arrive. Its precision, recall, F1 and ROC-AUC are
 * macro averages, named {@code precision_macro} and so on ({@link EstimationTarget#metricName}).
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
        OneVsRestCalibration oneVsRest;

        ModelState(EstimationCodec.State state) {
            this.state = state;
        }

        /** The sample is replaced: the maps are refitted from the new one when next needed. */
        void replace(EstimationCodec.State next) {
            state = next;
            calibration = null;
            oneVsRest = null;
        }

        @Override
        public byte[] encode() {
            return EstimationCodec.encode(state);
        }
    }

    /**
     * One labelled prediction, as the samples keep it: a binary classifier's bin of its positive-class score with
     * predicted and actual class 1 (positive) or 0, or a multiclass one's bins of each class score with the class
     * indices.
     */
    private record Point(int[] bins, int predicted, int actual) {
        void addTo(List<LabelledScores> sample) {
            if (sample.size() == 1) {
                sample.get(0).add(bins[0], predicted == 1, actual == 1);
            } else {
                MulticlassLabelled.of(sample).add(bins, predicted, actual);
            }
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

    /** A binary model's event's score of the positive class, to keep with it until its label; NaN if none. */
    double positiveScore(InferenceEvent event) {
        EstimationTarget target = options.estimationTargets().get(event.model());
        return target == null || target.multiclass() ? Double.NaN : target.score(event);
    }

    /** A multiclass model's event's class scores, to keep with it until its label; empty if none. */
    List<Double> classScores(InferenceEvent event) {
        EstimationTarget target = options.estimationTargets().get(event.model());
        return target == null || !target.multiclass() ? List.of() : target.classScores(event);
    }

    /** Adds an accepted event's scores to its window. */
    void event(InferenceEvent event, String prediction, long windowStartMs) {
        EstimationTarget target = options.estimationTargets().get(event.model());
        if (target == null) {
            return;
        }
        String model = event.model();
        if (target.multiclass()) {
            int[] bins = bins(target.classScores(event));
            int predicted = bins == null ? -1 : predictedClass(target, prediction, target.classScores(event));
            ModelState m = predicted < 0 ? null : load(model, target);
            OneVsRestCalibration calibration = m == null ? null : oneVsRest(m);
            if (calibration != null) {
                WindowCell cell = open(model, m, windowStartMs, target);
                cell.window().multiclass().add(calibration.probabilities(bins), bins, predicted);
                store.put(windowKey(model, windowStartMs), cell);
            }
            return;
        }
        double score = target.score(event);
        int bin = ScoreBins.of(score);
        if (bin < 0) {
            return;
        }
        WindowCell cell = open(model, load(model, target), windowStartMs, target);
        cell.window().predicted().add(bin, predictedPositive(target, prediction, score));
        store.put(windowKey(model, windowStartMs), cell);
    }

    /** The model's window cell at {@code start}, opened (and its start kept, the oldest dropped) if it is new. */
    private WindowCell open(String model, ModelState m, long start, EstimationTarget target) {
        TreeSet<Long> starts = m.state.windowStarts();
        if (starts.contains(start)) {
            return window(model, start, target);
        }
        WindowCell cell = new WindowCell(EstimationCodec.Window.empty(classes(target)));
        liveWindows.put(windowKey(model, start), cell);
        starts.add(start);
        while (starts.size() > EstimationCodec.MAX_WINDOWS) {
            forget(model, starts.pollFirst());
        }
        store.put(key(model), m);
        return cell;
    }

    /**
     * A joined label of an event with time {@code eventTimeMs}, its positive-class score {@code score} (binary) or
     * class scores {@code classScores} (multiclass), as the join kept them.
     */
    void labelled(
            String model, long eventTimeMs, String prediction, double score, List<Double> classScores, String label) {
        EstimationTarget target = options.estimationTargets().get(model);
        Point point = target == null || label == null ? null : point(target, prediction, score, classScores, label);
        if (point == null) {
            return;
        }
        ModelState m = load(model, target);
        if (m.state.count() < options.baselineLabels()) {
            point.addTo(m.state.sample());
            store.put(key(model), m);
        }
        EstimationCodec.Recalibration r = m.state.recalibration();
        if (r != null && eventTimeMs >= r.fromEventTimeMs()) {
            point.addTo(r.sample());
            if (r.sample().get(0).count() >= options.baselineLabels()) {
                recalibrate(model, m, r);
            }
            store.put(key(model), m);
        }
        long start = options.windowStart(eventTimeMs);
        if (m.state.windowStarts().contains(start)) {
            WindowCell cell = window(model, start, target);
            point.addTo(cell.window().labelled());
            store.put(windowKey(model, start), cell);
        }
    }

    /** The labelled prediction as the samples keep it, or null when a score or class is missing. */
    private static Point point(
            EstimationTarget target, String prediction, double score, List<Double> classScores, String label) {
        if (target.multiclass()) {
            int[] bins = bins(classScores);
            int predicted = bins == null ? -1 : predictedClass(target, prediction, classScores);
            int actual = target.classIndex(label);
            return predicted < 0 || actual < 0 ? null : new Point(bins, predicted, actual);
        }
        int bin = ScoreBins.of(score);
        if (bin < 0) {
            return null;
        }
        return new Point(
                new int[] {bin},
                predictedPositive(target, prediction, score) ? 1 : 0,
                target.isPositive(label) ? 1 : 0);
    }

    /** The bins of each class score, or null when one is missing or no probability. */
    private static int[] bins(List<Double> classScores) {
        if (classScores.isEmpty()) {
            return null;
        }
        int[] bins = new int[classScores.size()];
        for (int k = 0; k < bins.length; k++) {
            bins[k] = ScoreBins.of(classScores.get(k));
            if (bins[k] < 0) {
                return null;
            }
        }
        return bins;
    }

    /** The predicted class's index: the prediction's, or the highest score's when the event has none; -1 if unknown. */
    private static int predictedClass(EstimationTarget target, String prediction, List<Double> classScores) {
        if (prediction != null) {
            return target.classIndex(prediction);
        }
        int best = 0;
        for (int k = 1; k < classScores.size(); k++) {
            best = classScores.get(k) > classScores.get(best) ? k : best;
        }
        return best;
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
        EstimationTarget target = options.estimationTargets().get(model);
        ModelState m = load(model, target);
        EstimationCodec.Recalibration previous = m.state.recalibration();
        long from = watermark;
        m.state = new EstimationCodec.State(
                m.state.sample(),
                m.state.windowStarts(),
                new EstimationCodec.Recalibration(
                        request.operator(), request.reason(), from, EstimationCodec.emptyLabelled(classes(target))));
        store.put(key(model), m);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("model", model);
        payload.put("operator", request.operator());
        payload.put("reason", request.reason());
        payload.put("labels_needed", options.baselineLabels());
        payload.put(
                "from_event_time",
                from == Long.MIN_VALUE ? null : Instant.ofEpochMilli(from).toString());
        payload.put("current_sample_labels", m.state.count());
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
        EstimationCodec.State old = m.state;
        m.replace(new EstimationCodec.State(r.sample(), m.state.windowStarts()));
        EstimationTarget target = options.estimationTargets().get(model);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("model", model);
        payload.put("operator", r.operator());
        payload.put("reason", r.reason());
        payload.put("labels", r.sample().get(0).count());
        payload.put(
                "baseline_before", old.count() >= options.baselineLabels() ? baselineJson(target, old.sample()) : null);
        payload.put("baseline_after", baselineJson(target, r.sample()));
        audits.add(new Audit(model, AuditEvent.RECALIBRATED, CanonicalJson.bytes(payload)));
    }

    /** The realised metrics of a sample, the baseline the estimates are judged against; undefined ones as null. */
    private static Map<String, Object> baselineJson(EstimationTarget target, List<LabelledScores> sample) {
        Map<String, Object> out = new LinkedHashMap<>();
        realised(sample)
                .forEach((metric, value) -> out.put(target.metricName(metric), Double.isNaN(value) ? null : value));
        return out;
    }

    /** The realised metrics of labelled predictions: binary, or macro averages one class against the rest. */
    private static Map<Metric, Double> realised(List<LabelledScores> labelled) {
        return labelled.size() == 1
                ? PerformanceEstimator.realised(labelled.get(0))
                : MulticlassEstimator.realised(MulticlassLabelled.of(labelled));
    }

    /**
     * What a closing window reports.
     *
     * @param estimated the report's part, null for a model that is not estimated
     * @param conditions one ESTIMATED_PERFORMANCE_DROP observation per metric when the window was estimated
     */
    record Closed(DriftReport.EstimatedPerformance estimated, List<AlertCondition> conditions) {}

    Closed close(String model, long windowStartMs, long watermark) {
        EstimationTarget target = options.estimationTargets().get(model);
        if (target == null) {
            return new Closed(null, List.of());
        }
        ModelState m = load(model, target);
        boolean calibrated = m.state.count() >= options.baselineLabels();
        EstimationCodec.Window own = m.state.windowStarts().contains(windowStartMs)
                ? window(model, windowStartMs, target).window()
                : null;
        long scored = own == null ? 0 : own.scored();
        List<DriftReport.EstimatedMetric> metrics = new ArrayList<>();
        List<AlertCondition> conditions = new ArrayList<>();
        if (calibrated && scored > 0) {
            Map<Metric, Double> baseline = realised(m.state.sample());
            Map<Metric, MetricEstimate> estimate = own.predicted() != null
                    ? PerformanceEstimator.estimate(binary(m), own.predicted()).metrics()
                    : MulticlassEstimator.estimate(own.multiclass());
            Map<Metric, Double> kept = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                DriftReport.EstimatedMetric e =
                        judged(target.metricName(metric), estimate.get(metric), baseline.get(metric));
                metrics.add(e);
                kept.put(metric, e.estimate());
                if (scored >= options.minCount() && !Double.isNaN(e.estimate()) && !Double.isNaN(e.baseline())) {
                    conditions.add(condition(model, windowStartMs, e));
                }
            }
            keepEstimate(model, windowStartMs, target, kept);
        }
        List<DriftReport.RealisedWindow> realised = realised(model, target, m, windowStartMs, watermark);
        store.put(key(model), m);
        return new Closed(
                new DriftReport.EstimatedPerformance(m.state.count(), calibrated, scored, metrics, realised),
                conditions);
    }

    /** A binary model's calibration, fitted from the frozen sample. */
    private static IsotonicCalibration binary(ModelState m) {
        if (m.calibration == null) {
            m.calibration = IsotonicCalibration.fit(m.state.sample().get(0));
        }
        return m.calibration;
    }

    /** A multiclass model's calibration once its sample is full, or null before. */
    private OneVsRestCalibration oneVsRest(ModelState m) {
        if (m.oneVsRest == null && m.state.count() >= options.baselineLabels()) {
            m.oneVsRest = OneVsRestCalibration.fit(m.state.sample());
        }
        return m.oneVsRest;
    }

    /** Reports and forgets the windows up to {@code closingStart} whose events can no longer be joined. */
    private List<DriftReport.RealisedWindow> realised(
            String model, EstimationTarget target, ModelState m, long closingStart, long watermark) {
        List<DriftReport.RealisedWindow> out = new ArrayList<>();
        Iterator<Long> it = m.state.windowStarts().iterator();
        while (it.hasNext()) {
            long start = it.next();
            // the join forgets an event once the watermark is joinWindow past it; the window's last event is < end
            if (start > closingStart || start + options.windowSizeMs() + options.joinWindowMs() > watermark) {
                break;
            }
            EstimationCodec.Window window = window(model, start, target).window();
            it.remove();
            forget(model, start);
            long labelled = window.labelled().get(0).count();
            // a window closed before the calibration has no estimate to judge (nor one of version 1 state)
            if (window.estimate().isEmpty() || labelled == 0) {
                continue;
            }
            Map<Metric, Double> real = realised(window.labelled());
            List<DriftReport.RealisedMetric> metrics = new ArrayList<>();
            for (Metric metric : Metric.values()) {
                double est = window.estimate().get(metric);
                double r = real.get(metric);
                metrics.add(new DriftReport.RealisedMetric(target.metricName(metric), est, r, est - r));
            }
            out.add(new DriftReport.RealisedWindow(span(start), start, labelled, metrics));
        }
        return out;
    }

    /** Keeps the estimate made at the window's close, the one its estimation error is judged by. */
    private void keepEstimate(String model, long start, EstimationTarget target, Map<Metric, Double> estimate) {
        WindowCell cell = new WindowCell(window(model, start, target).window().withEstimate(estimate));
        liveWindows.put(windowKey(model, start), cell);
        store.put(windowKey(model, start), cell);
    }

    private DriftReport.EstimatedMetric judged(String metric, MetricEstimate estimate, double baseline) {
        double band = estimate.band(BAND_SIGMAS);
        double drop = baseline - estimate.value();
        boolean dropped = drop > band && drop >= options.estimateMinDrop();
        return new DriftReport.EstimatedMetric(
                metric,
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
                        options.estimateMinDrop()),
                null);
    }

    private String span(long start) {
        return Instant.ofEpochMilli(start) + "/" + Instant.ofEpochMilli(start + options.windowSizeMs());
    }

    private static boolean predictedPositive(EstimationTarget target, String prediction, double score) {
        return prediction == null ? score >= 0.5 : target.isPositive(prediction);
    }

    /**
     * The model's state; a state of another class count (the configuration changed the model's classes) is not
     * this model's calibration and starts afresh.
     */
    private ModelState load(String model, EstimationTarget target) {
        String key = key(model);
        ModelState m = live.get(key);
        if (m == null) {
            m = store.get(key, bytes -> new ModelState(EstimationCodec.decode(bytes)));
            if (m == null || m.state.sample().size() != classes(target)) {
                m = new ModelState(EstimationCodec.State.empty(classes(target)));
            }
            live.put(key, m);
        }
        return m;
    }

    /** A waiting window of the model (its start is in the model's cell, so the window cell exists). */
    private WindowCell window(String model, long start, EstimationTarget target) {
        String key = windowKey(model, start);
        WindowCell cell = liveWindows.get(key);
        if (cell == null) {
            cell = store.get(key, bytes -> new WindowCell(EstimationCodec.decodeWindow(bytes)));
            if (cell == null || cell.window().classes() != classes(target)) {
                // the model cell was written without it, or for other classes: start the window afresh
                cell = new WindowCell(EstimationCodec.Window.empty(classes(target)));
            }
            liveWindows.put(key, cell);
        }
        return cell;
    }

    /** The class count the codec keeps: 1 for a binary classifier. */
    private static int classes(EstimationTarget target) {
        return target.multiclass() ? target.classes().size() : 1;
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
