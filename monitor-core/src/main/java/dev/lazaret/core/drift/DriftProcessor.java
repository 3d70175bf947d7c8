package dev.lazaret.core.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.FeatureProfile;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The drift side's one stateful step, per task (key = model): validates events against the model catalogue and
 * reference, adds them to their event-time window, joins feedback, feeds the sequential detectors, and closes each
 * window exactly once when the task's event time passes its end plus grace.
 *
 * <p>Event time here is the {@code timestamp} field of {@code inference.events} only: feedback times never close a
 * window (labels arrive late by nature). The newest event time seen by the task is the watermark; it is stored, so a
 * restart resumes it.
 */
final class DriftProcessor extends ContextualProcessor<String, DriftInput, String, DriftOutput> {
    static final String WINDOWS_STORE = "drift-windows";
    static final String PENDING_STORE = "drift-pending";
    static final String DETECTORS_STORE = "drift-detectors";
    static final String REFERENCES_STORE = "drift-references";
    private static final String WATERMARK_KEY = "__watermark__";

    private final DriftOptions options;
    private final DriftMetrics metrics;
    private final InputMetrics inputMetrics;
    private final TopicNames topics;
    private final WindowJudge judge;
    private WriteBackStore windows;
    private PendingJoin pending;
    private PerformanceTracker performance;
    private ReferenceCache references;
    private final Map<String, WindowAccumulator> decoded = new HashMap<>();
    private long watermark;
    private long nextCloseAt;

    DriftProcessor(DriftOptions options, DriftMetrics metrics, InputMetrics inputMetrics, TopicNames topics) {
        this.options = options;
        this.metrics = metrics;
        this.inputMetrics = inputMetrics;
        this.topics = topics;
        this.judge = new WindowJudge(options);
    }

    @Override
    public void init(ProcessorContext<String, DriftOutput> context) {
        super.init(context);
        windows = context.getStateStore(WINDOWS_STORE);
        pending = new PendingJoin(context.getStateStore(PENDING_STORE));
        performance = new PerformanceTracker(context.getStateStore(DETECTORS_STORE), options.baselineLabels());
        KeyValueStore<String, byte[]> global = context.getStateStore(REFERENCES_STORE);
        references = new ReferenceCache(global, options.outlierZ());
        decoded.clear();
        Watermark stored = windows.get(WATERMARK_KEY, Watermark::decode);
        watermark = stored == null ? Long.MIN_VALUE : stored.ms();
        nextCloseAt = Long.MIN_VALUE; // unknown until the first scan
    }

    @Override
    public void process(Record<String, DriftInput> record) {
        if (record.value() instanceof DriftInput.Event e) {
            onEvent(record, e.event());
        } else if (record.value() instanceof DriftInput.Label l) {
            onFeedback(record, l.feedback());
        }
    }

    private void onEvent(Record<String, DriftInput> record, InferenceEvent event) {
        String dataset = options.datasetOf(event.model());
        if (dataset == null) {
            deadLetter(
                    record,
                    contractJson(event),
                    RejectReason.UNKNOWN_MODEL,
                    "model '" + event.model() + "' is not configured in drift.models "
                            + options.modelDatasets().keySet());
            return;
        }
        Reference reference = references.get(dataset, context().currentSystemTimeMs());
        String invalid = reference == null ? null : schemaProblem(event, reference);
        if (invalid != null) {
            RejectReason reason = invalid.startsWith("missing") ? RejectReason.MISSING_FIELD : RejectReason.WRONG_TYPE;
            deadLetter(record, contractJson(event), reason, invalid);
            return;
        }
        long ts = event.timestampMs();
        long windowStart = options.windowStart(ts);
        if (watermark != Long.MIN_VALUE && windowStart + options.windowSizeMs() + options.graceMs() <= watermark) {
            deadLetter(
                    record,
                    contractJson(event),
                    RejectReason.INVALID_VALUE,
                    String.format(
                            "field 'timestamp' %s is too late: its window %s/%s closed at event time %s (grace %d ms)",
                            Instant.ofEpochMilli(ts),
                            Instant.ofEpochMilli(windowStart),
                            Instant.ofEpochMilli(windowStart + options.windowSizeMs()),
                            Instant.ofEpochMilli(watermark),
                            options.graceMs()));
            return;
        }
        long horizon = Math.max(watermark, context().currentSystemTimeMs());
        if (ts - horizon > options.maxFutureMs()) {
            deadLetter(
                    record,
                    contractJson(event),
                    RejectReason.INVALID_VALUE,
                    String.format(
                            "field 'timestamp' %s is more than drift.max.future.ms=%d ahead of %s",
                            Instant.ofEpochMilli(ts), options.maxFutureMs(), Instant.ofEpochMilli(horizon)));
            return;
        }
        WindowAccumulator window = window(event.model(), windowStart);
        addEvent(window, event, reference);
        String prediction = Correctness.category(event.prediction());
        PendingJoin.Half label = pending.takeFeedback(event.model(), event.eventId());
        if (label != null) {
            joined(event.model(), prediction, label.value(), Math.max(ts, label.timestampMs()));
        } else {
            pending.putEvent(event.model(), event.eventId(), new PendingJoin.Half(ts, prediction));
        }
        if (event.score() != null && performance.score(event.model(), event.score())) {
            window.scoreChange = true;
        }
        save(event.model(), window);
        metrics.eventAccepted(event.model());
        if (ts > watermark) {
            watermark = ts;
            windows.put(WATERMARK_KEY, new Watermark(ts));
            if (watermark >= nextCloseAt) {
                closeDueWindows();
            }
        }
    }

    private void onFeedback(Record<String, DriftInput> record, Feedback feedback) {
        if (options.datasetOf(feedback.model()) == null) {
            deadLetter(
                    record,
                    contractJson(feedback),
                    RejectReason.UNKNOWN_MODEL,
                    "model '" + feedback.model() + "' is not configured in drift.models "
                            + options.modelDatasets().keySet());
            return;
        }
        String label = Correctness.category(feedback.label());
        PendingJoin.Half event = pending.takeEvent(feedback.model(), feedback.eventId());
        if (event == null) {
            pending.putFeedback(
                    feedback.model(), feedback.eventId(), new PendingJoin.Half(feedback.timestampMs(), label));
            return;
        }
        joined(feedback.model(), event.value(), label, Math.max(event.timestampMs(), feedback.timestampMs()));
    }

    /**
     * Records a joined label in the window of the later of the two times, or, when that window has closed (labels
     * are late by nature), in the newest open window of the model's time line.
     */
    private void joined(String model, String prediction, String label, long joinTimeMs) {
        boolean error = Correctness.isError(prediction, label);
        long at = watermark == Long.MIN_VALUE ? joinTimeMs : Math.min(joinTimeMs, watermark);
        long start = options.windowStart(at);
        if (watermark != Long.MIN_VALUE && start + options.windowSizeMs() + options.graceMs() <= watermark) {
            start = options.windowStart(watermark);
        }
        WindowAccumulator window = window(model, start);
        window.labelled++;
        if (error) {
            window.errors++;
        }
        if (performance.label(model, error)) {
            window.performanceChange = true;
        }
        save(model, window);
    }

    private void addEvent(WindowAccumulator window, InferenceEvent event, Reference reference) {
        window.inputs.update(event.features(), null);
        Map<String, Object> outputs = new HashMap<>();
        outputs.put(Reference.PREDICTION, Correctness.category(event.prediction()));
        outputs.put(Reference.SCORE, event.score());
        window.outputs.update(outputs, null);
        window.events++;
        window.addVersion(event.modelVersion() == null ? "" : event.modelVersion());
        if (reference != null) {
            for (Map.Entry<String, Object> f : event.features().entrySet()) {
                if (f.getValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                    if (reference.bounds().containsKey(f.getKey())) {
                        window.numericValues++;
                        if (reference.isOutlier(f.getKey(), n.doubleValue())) {
                            window.outliers++;
                        }
                    }
                }
            }
        }
    }

    /** Why an event does not fit its reference's schema, or null: a missing feature or a value of the wrong kind. */
    private static String schemaProblem(InferenceEvent event, Reference reference) {
        for (Map.Entry<String, FeatureProfile> f :
                reference.features().features().entrySet()) {
            if (!event.features().containsKey(f.getKey())) {
                return "missing feature '" + f.getKey() + "' of the reference";
            }
            Object value = event.features().get(f.getKey());
            if (value == null) {
                continue;
            }
            boolean numeric = value instanceof Number;
            if (numeric != (f.getValue().kind() == FeatureKind.NUMERIC)) {
                return String.format(
                        "feature '%s' must be %s as in the reference, was %s",
                        f.getKey(),
                        f.getValue().kind().name().toLowerCase(java.util.Locale.ROOT),
                        value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return null;
    }

    private void closeDueWindows() {
        TreeSet<String> due = new TreeSet<>(DriftProcessor::byWindowThenModel);
        long next = Long.MAX_VALUE;
        for (String key : windows.keys()) {
            if (key.equals(WATERMARK_KEY)) {
                continue;
            }
            long closeAt = startOf(key) + options.windowSizeMs() + options.graceMs();
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
            close(modelOf(key), window == null ? windows.get(key, WindowAccumulator::decode) : window);
            windows.delete(key);
        }
        if (!unlabelled.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(DriftProcessor.class)
                    .debug("{} predictions left the feedback join window without a label", unlabelled.size());
        }
    }

    private void close(String model, WindowAccumulator window) {
        String dataset = options.datasetOf(model);
        Reference reference =
                dataset == null ? null : references.get(dataset, context().currentSystemTimeMs());
        WindowJudge.Outcome outcome =
                judge.close(model, dataset, window, reference, performance.baselineErrorRate(model));
        DriftReport report = outcome.report();
        metrics.windowClosed(model, report.status());
        if (report.performance().labelled() > 0) {
            metrics.errorRate(model, report.performance().errorRate());
        }
        if (report.status().equals("judged")) {
            metrics.driftedShare(model, report.driftedShare(), report.datasetDrift());
            if (report.outliers().checked() > 0) {
                metrics.outlierRate(model, report.outliers().rate());
            }
            for (DriftReport.FeatureResult f : report.features()) {
                if (!f.verdict().equals("untested")) {
                    metrics.feature(model, f.feature(), f.method(), f.effectSize(), f.adjustedPValue());
                }
            }
            for (DriftReport.FeatureResult f : List.of(report.prediction(), report.score())) {
                if (!f.verdict().equals("untested")) {
                    metrics.feature(model, f.feature(), f.method(), f.effectSize(), f.adjustedPValue());
                }
            }
        }
        long ts = report.windowEndMs();
        context().forward(new Record<String, DriftOutput>(model, new DriftOutput.Report(report), ts));
        for (AlertCondition c : outcome.conditions()) {
            context().forward(new Record<String, DriftOutput>(c.dedupKey(), new DriftOutput.Condition(c), ts));
        }
    }

    private WindowAccumulator window(String model, long start) {
        String key = windowKey(model, start);
        WindowAccumulator window = decoded.get(key);
        if (window == null) {
            WindowAccumulator stored = windows.get(key, WindowAccumulator::decode);
            window = stored == null ? WindowAccumulator.open(start) : stored;
            decoded.put(key, window);
            long closeAt = start + options.windowSizeMs() + options.graceMs();
            if (nextCloseAt != Long.MIN_VALUE) { // MIN_VALUE: not scanned since start; the next advance scans
                nextCloseAt = Math.min(nextCloseAt, closeAt);
            }
        }
        return window;
    }

    private void save(String model, WindowAccumulator window) {
        windows.put(windowKey(model, window.windowStartMs), window);
    }

    /** The task's event time, stored so a restart resumes it. */
    private record Watermark(long ms) implements WriteBackStore.Encodable {
        @Override
        public byte[] encode() {
            return java.nio.ByteBuffer.allocate(8).putLong(ms).array();
        }

        static Watermark decode(byte[] bytes) {
            return new Watermark(java.nio.ByteBuffer.wrap(bytes).getLong());
        }
    }

    /** Window keys sort by model, then start (fixed-width hex keeps the order numeric for non-negative times). */
    static String windowKey(String model, long start) {
        return model + '\u0000' + String.format("%016x", start);
    }

    private static String modelOf(String key) {
        return key.substring(0, key.lastIndexOf('\u0000'));
    }

    private static long startOf(String key) {
        return Long.parseUnsignedLong(key.substring(key.lastIndexOf('\u0000') + 1), 16);
    }

    private static int byWindowThenModel(String a, String b) {
        int byStart = Long.compare(startOf(a), startOf(b));
        return byStart != 0 ? byStart : a.compareTo(b);
    }

    private void deadLetter(Record<String, DriftInput> record, byte[] value, RejectReason reason, String detail) {
        RecordMetadata source = context().recordMetadata().orElse(null);
        String topic = source == null ? "unknown" : source.topic();
        Headers headers = KafkaHeaders.copyOf(record.headers());
        DeadLetterHeaders.add(
                headers,
                reason,
                detail,
                topic,
                source == null ? -1 : source.partition(),
                source == null ? -1L : source.offset());
        inputMetrics.recordDeadLetter(
                topic.startsWith(topics.prefix())
                        ? topic.substring(topics.prefix().length())
                        : topic,
                reason);
        context()
                .forward(new Record<String, DriftOutput>(
                        record.key(), new DriftOutput.DeadLetter(value), record.timestamp(), headers));
    }

    /** The record in contract form; the drift step sees parsed values, so this stands in for the original bytes. */
    private static byte[] contractJson(InferenceEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_id", e.eventId());
        json.put("model", e.model());
        json.put("model_version", e.modelVersion());
        json.put("timestamp", e.timestampMs());
        json.put("features", e.features());
        json.put("prediction", e.prediction());
        json.put("score", e.score());
        return write(json);
    }

    private static byte[] contractJson(Feedback f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_id", f.eventId());
        json.put("model", f.model());
        json.put("label", f.label());
        json.put("timestamp", f.timestampMs());
        return write(json);
    }

    private static byte[] write(Map<String, Object> json) {
        try {
            return JsonSerde.writer().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a parsed record as JSON", e);
        }
    }
}
