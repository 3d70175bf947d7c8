package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.RecalibrationRequest;
import dev.lazaret.core.drift.codec.WatermarkCodec;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.outlier.OutlierBounds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the drift side for the models of one task, as plain Java: an event or a feedback (with the current
 * wall-clock time) goes in, {@link TimelineOutput}s come out. It keeps the watermark, adds events to their event-time
 * windows, joins feedback, feeds the sequential detectors and closes each window exactly once when the watermark
 * passes its end plus grace.
 *
 * <p>Event time is the {@code timestamp} field of events only: feedback never closes a window (labels arrive late
 * by nature). Nothing here depends on the wall clock except the future check and the reference recheck, which is why
 * there is no tick: without new events no window can become due.
 *
 * <p>State lives in three {@link StateCells} (windows and the watermark, pending join halves, detectors), so a
 * restart resumes it; decoded windows are kept between events, since decoding sketches per event would dominate.
 */
final class ModelTimeline {
    /** The reference of a dataset at a wall-clock time, or null when none has been published. */
    interface References {
        Reference get(String dataset, long nowMs);
    }

    private final DriftOptions options;
    private final StateCells windows;
    private final PendingJoin pending;
    private final PerformanceTracker performance;
    private final PerformanceEstimation estimation;
    private final References references;
    private final EventAdmission admission;
    private final WindowJudge judge;
    private final Map<String, WindowAccumulator> decoded = new HashMap<>();
    /** Per model (configured ones only: others are refused first), the key of its latest window. */
    private final Map<String, WindowKey> keys = new HashMap<>();

    private long watermark;
    /** Earliest close time of an open window; Long.MIN_VALUE until the first scan. */
    private long nextCloseAt = Long.MIN_VALUE;

    ModelTimeline(
            DriftOptions options, StateCells windows, StateCells pending, StateCells detectors, References references) {
        this.options = options;
        this.windows = windows;
        this.pending = new PendingJoin(pending);
        this.performance = new PerformanceTracker(detectors, options.baselineLabels(), options.performanceDetector());
        this.estimation = new PerformanceEstimation(options, detectors);
        this.references = references;
        this.admission = new EventAdmission(options);
        this.judge = new WindowJudge(options);
        Watermark stored = windows.get(WindowKeys.WATERMARK, Watermark::decode);
        this.watermark = stored == null ? Long.MIN_VALUE : stored.ms();
    }

    /** The task's newest event time, Long.MIN_VALUE before the first event. */
    long watermark() {
        return watermark;
    }

    /** One parsed inference event; {@code nowMs} is the wall-clock time. */
    List<TimelineOutput> onEvent(InferenceEvent event, long nowMs) {
        TimelineOutput.Rejected unknown = admission.unknownModel(event.model());
        if (unknown != null) {
            return List.of(unknown);
        }
        Reference reference = references.get(options.datasetOf(event.model()), nowMs);
        // the parser's map already (a copy only for events built otherwise, in tests)
        FeatureMap features = FeatureMap.copyOf(event.features());
        TimelineOutput.Rejected rejected = admission.schema(features, reference);
        if (rejected == null) {
            rejected = admission.eventTime(event.timestampMs(), watermark, nowMs);
        }
        if (rejected != null) {
            return List.of(rejected);
        }
        WindowAccumulator window = window(event.model(), options.windowStart(event.timestampMs()));
        String prediction = Correctness.category(event.prediction()); // a regex match: once per event
        add(window, event, features, prediction, reference);
        estimation.event(event, prediction, window.windowStartMs());
        join(event, prediction);
        if (event.score() != null && performance.score(event.model(), event.score())) {
            window.markScoreChange();
        }
        save(event.model(), window);
        List<TimelineOutput> out = new ArrayList<>();
        out.add(new TimelineOutput.Accepted(event.model()));
        audited(out);
        if (event.timestampMs() > watermark) {
            watermark = event.timestampMs();
            windows.put(WindowKeys.WATERMARK, new Watermark(watermark));
            if (watermark >= nextCloseAt) {
                closeDueWindows(nowMs, out);
            }
        }
        return out;
    }

    /** One parsed feedback record; {@code nowMs} is the wall-clock time. */
    List<TimelineOutput> onFeedback(Feedback feedback, long nowMs) {
        TimelineOutput.Rejected unknown = admission.unknownModel(feedback.model());
        if (unknown != null) {
            return List.of(unknown);
        }
        String label = Correctness.category(feedback.label());
        PendingJoin.Half event = pending.takeEvent(feedback.model(), feedback.eventId());
        if (event == null) {
            pending.putFeedback(
                    feedback.model(), feedback.eventId(), new PendingJoin.Half(feedback.timestampMs(), label));
        } else {
            joined(feedback.model(), event, label, Math.max(event.timestampMs(), feedback.timestampMs()));
        }
        List<TimelineOutput> out = new ArrayList<>();
        audited(out);
        return out;
    }

    /**
     * An operator's request to refit a model's performance-estimation calibration: refused for a model that is not
     * configured or not estimated, else recorded, its audit entry out.
     */
    List<TimelineOutput> onRecalibration(RecalibrationRequest request) {
        TimelineOutput.Rejected unknown = admission.unknownModel(request.model());
        if (unknown != null) {
            return List.of(unknown);
        }
        if (!options.estimationTargets().containsKey(request.model())) {
            return List.of(new TimelineOutput.Rejected(
                    RejectReason.INVALID_VALUE,
                    "model '" + request.model() + "' has no performance estimation to recalibrate: "
                            + "drift.performance.estimate.models names "
                            + options.estimationTargets().keySet()));
        }
        PerformanceEstimation.Audit audit = estimation.requestRecalibration(request, watermark);
        return List.of(new TimelineOutput.Audited(audit.model(), audit.kind(), audit.payload()));
    }

    private void audited(List<TimelineOutput> out) {
        for (PerformanceEstimation.Audit a : estimation.drainAudits()) {
            out.add(new TimelineOutput.Audited(a.model(), a.kind(), a.payload()));
        }
    }

    private void add(
            WindowAccumulator window,
            InferenceEvent event,
            FeatureMap features,
            String prediction,
            Reference reference) {
        long checked = 0;
        long outliers = 0;
        if (reference != null) {
            Map<String, OutlierBounds> bounds = reference.bounds();
            for (int i = 0; i < features.size(); i++) {
                if (features.isNumber(i)) {
                    double value = features.number(i);
                    if (Double.isFinite(value)) {
                        // one lookup per feature: Reference.isOutlier's, without a containsKey before it
                        OutlierBounds b = bounds.get(features.name(i));
                        if (b != null) {
                            checked++;
                            if (b.isOutlier(value)) {
                                outliers++;
                            }
                        }
                    }
                }
            }
            // a vector goes to the window's projections when the reference has the feature (admission has checked
            // its dimension) and is otherwise left out: a vector is not a profiled value
            Map<String, EmbeddingReference> embeddings = reference.embeddings();
            if (!embeddings.isEmpty()) {
                for (int i = 0; i < features.size(); i++) {
                    if (!features.isNumber(i) && features.value(i) instanceof FeatureVector v) {
                        EmbeddingReference embedding = embeddings.get(features.name(i));
                        if (embedding != null) {
                            window.addVector(features.name(i), embedding, v.values());
                        }
                    }
                }
            }
        }
        window.addEvent(
                features,
                prediction,
                event.score(),
                event.modelVersion() == null ? "" : event.modelVersion(),
                checked,
                outliers);
        if (options.multivariate() && reference != null && reference.multivariate() != null) {
            window.addJoint(reference.multivariate(), features);
        }
    }

    private void join(InferenceEvent event, String prediction) {
        PendingJoin.Half half = new PendingJoin.Half(
                event.timestampMs(), prediction, estimation.positiveScore(event), estimation.classScores(event));
        PendingJoin.Half label = pending.takeFeedback(event.model(), event.eventId());
        if (label != null) {
            joined(event.model(), half, label.value(), Math.max(event.timestampMs(), label.timestampMs()));
        } else {
            pending.putEvent(event.model(), event.eventId(), half);
        }
    }

    /**
     * Records a joined label in the window of the later of the two times, or, when that window has closed (labels
     * are late by nature), in the newest open window of the model's time line.
     */
    private void joined(String model, PendingJoin.Half event, String label, long joinTimeMs) {
        boolean error = Correctness.isError(event.value(), label);
        estimation.labelled(model, event.timestampMs(), event.value(), event.score(), event.classScores(), label);
        long at = watermark == Long.MIN_VALUE ? joinTimeMs : Math.min(joinTimeMs, watermark);
        long start = options.windowStart(at);
        if (watermark != Long.MIN_VALUE && closeAt(start) <= watermark) {
            start = options.windowStart(watermark);
        }
        WindowAccumulator window = window(model, start);
        window.addLabel(error, performance.label(model, error));
        save(model, window);
    }

    private void closeDueWindows(long nowMs, List<TimelineOutput> out) {
        TreeSet<String> due = new TreeSet<>(WindowKeys::byWindowThenModel);
        long next = Long.MAX_VALUE;
        for (String key : windows.keys()) {
            if (key.equals(WindowKeys.WATERMARK)) {
                continue;
            }
            long closeAt = closeAt(WindowKeys.startOf(key));
            if (closeAt <= watermark) {
                due.add(key);
            } else {
                next = Math.min(next, closeAt);
            }
        }
        nextCloseAt = next;
        if (due.isEmpty()) {
            return;
        }
        List<String> unlabelled = pending.expire(watermark - options.joinWindowMs());
        for (String key : due) {
            WindowAccumulator window = decoded.remove(key);
            String model = WindowKeys.modelOf(key);
            out.add(close(model, window == null ? windows.get(key, WindowAccumulator::decode) : window, nowMs));
            windows.delete(key);
        }
        if (!unlabelled.isEmpty()) {
            LoggerFactory.getLogger(ModelTimeline.class)
                    .debug("{} predictions left the feedback join window without a label", unlabelled.size());
        }
    }

    private TimelineOutput.Closed close(String model, WindowAccumulator window, long nowMs) {
        String dataset = options.datasetOf(model);
        Reference reference = dataset == null ? null : references.get(dataset, nowMs);
        WindowJudge.Outcome outcome =
                judge.close(model, dataset, window, reference, performance.baselineErrorRate(model));
        PerformanceEstimation.Closed estimated = estimation.close(model, window.windowStartMs(), watermark);
        if (estimated.estimated() == null) {
            return new TimelineOutput.Closed(model, outcome.report(), outcome.conditions());
        }
        List<AlertCondition> conditions = new ArrayList<>(outcome.conditions());
        conditions.addAll(estimated.conditions());
        return new TimelineOutput.Closed(
                model, outcome.report().withEstimatedPerformance(estimated.estimated()), conditions);
    }

    private WindowAccumulator window(String model, long start) {
        String key = key(model, start);
        WindowAccumulator window = decoded.get(key);
        if (window == null) {
            WindowAccumulator stored = windows.get(key, WindowAccumulator::decode);
            window = stored == null ? WindowAccumulator.open(start) : stored;
            decoded.put(key, window);
            if (nextCloseAt != Long.MIN_VALUE) { // MIN_VALUE: not scanned since start; the next advance scans
                nextCloseAt = Math.min(nextCloseAt, closeAt(start));
            }
        }
        return window;
    }

    private long closeAt(long windowStart) {
        return windowStart + options.windowSizeMs() + options.graceMs();
    }

    private void save(String model, WindowAccumulator window) {
        windows.put(key(model, window.windowStartMs()), window);
    }

    /**
     * {@link WindowKeys#of}, remembered per model for its latest window: an event looks its window's key up twice
     * (find, then save), and consecutive events of a model mostly share the window.
     */
    private String key(String model, long start) {
        WindowKey cached = keys.get(model);
        if (cached == null || cached.start() != start) {
            cached = new WindowKey(start, WindowKeys.of(model, start));
            keys.put(model, cached);
        }
        return cached.key();
    }

    private record WindowKey(long start, String key) {}

    /** The task's event time, stored so a restart resumes it. */
    private record Watermark(long ms) implements StateCells.Encodable {
        @Override
        public byte[] encode() {
            return WatermarkCodec.encode(ms);
        }

        static Watermark decode(byte[] bytes) {
            return new Watermark(WatermarkCodec.decode(bytes));
        }
    }
}
