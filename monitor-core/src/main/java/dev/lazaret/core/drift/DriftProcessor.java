package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.quarantine.audit.AuditEvent;
import dev.lazaret.core.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The drift side's stateful step, per task (key = model): a thin adapter that hands each event or feedback, with the
 * processor context's wall-clock time, to the task's {@link ModelTimeline} and carries out what it decides: dead
 * letters with their headers, metrics, reports and alert conditions.
 */
final class DriftProcessor extends ContextualProcessor<String, DriftInput, String, DriftOutput> {
    static final String WINDOWS_STORE = "drift-windows";
    static final String PENDING_STORE = "drift-pending";
    static final String DETECTORS_STORE = "drift-detectors";
    static final String REFERENCES_STORE = "drift-references";

    private final DriftOptions options;
    private final DriftMetrics metrics;
    private final InputMetrics inputMetrics;
    private final TopicNames topics;
    private ModelTimeline timeline;

    DriftProcessor(DriftOptions options, DriftMetrics metrics, InputMetrics inputMetrics, TopicNames topics) {
        this.options = options;
        this.metrics = metrics;
        this.inputMetrics = inputMetrics;
        this.topics = topics;
    }

    @Override
    public void init(ProcessorContext<String, DriftOutput> context) {
        super.init(context);
        KeyValueStore<String, byte[]> global = context.getStateStore(REFERENCES_STORE);
        ReferenceCache references = new ReferenceCache(global, options.outlierZ());
        timeline = new ModelTimeline(
                options,
                context.getStateStore(WINDOWS_STORE),
                context.getStateStore(PENDING_STORE),
                context.getStateStore(DETECTORS_STORE),
                references::get);
    }

    @Override
    public void process(Record<String, DriftInput> record) {
        long now = context().currentSystemTimeMs();
        if (record.value() instanceof DriftInput.Event e) {
            carryOut(record, timeline.onEvent(e.event(), now), () -> ContractJson.of(e.event()));
        } else if (record.value() instanceof DriftInput.Label l) {
            carryOut(record, timeline.onFeedback(l.feedback(), now), () -> ContractJson.of(l.feedback()));
        } else if (record.value() instanceof DriftInput.Recalibration r) {
            carryOut(record, timeline.onRecalibration(r.request()), () -> ContractJson.of(r.request()));
        }
    }

    private void carryOut(
            Record<String, DriftInput> record, List<TimelineOutput> outputs, Supplier<byte[]> contractJson) {
        for (TimelineOutput output : outputs) {
            if (output instanceof TimelineOutput.Rejected r) {
                deadLetter(record, contractJson.get(), r);
            } else if (output instanceof TimelineOutput.Accepted a) {
                metrics.eventAccepted(a.model());
            } else if (output instanceof TimelineOutput.Closed c) {
                publish(c);
            } else if (output instanceof TimelineOutput.Audited a) {
                audit(record, a);
            }
        }
    }

    private void publish(TimelineOutput.Closed closed) {
        DriftReport report = closed.report();
        metrics.windowClosed(closed.model(), report);
        long ts = report.windowEndMs();
        context().forward(new Record<String, DriftOutput>(closed.model(), new DriftOutput.Report(report), ts));
        for (AlertCondition c : closed.conditions()) {
            context().forward(new Record<String, DriftOutput>(c.dedupKey(), new DriftOutput.Condition(c), ts));
        }
    }

    /** To the audit chain's requests topic: key = model, the kind and the model's dataset as headers. */
    private void audit(Record<String, DriftInput> record, TimelineOutput.Audited audited) {
        Headers headers = KafkaHeaders.empty();
        headers.add(AuditEvent.KIND_HEADER, audited.kind().getBytes(StandardCharsets.UTF_8));
        headers.add(
                AuditEvent.DATASET_HEADER, options.datasetOf(audited.model()).getBytes(StandardCharsets.UTF_8));
        context()
                .forward(new Record<String, DriftOutput>(
                        audited.model(), new DriftOutput.Audit(audited.payload()), record.timestamp(), headers));
    }

    private void deadLetter(Record<String, DriftInput> record, byte[] value, TimelineOutput.Rejected rejected) {
        RecordMetadata source = context().recordMetadata().orElse(null);
        String topic = source == null ? "unknown" : source.topic();
        Headers headers = KafkaHeaders.copyOf(record.headers());
        DeadLetterHeaders.add(
                headers,
                rejected.reason(),
                rejected.detail(),
                topic,
                source == null ? -1 : source.partition(),
                source == null ? -1L : source.offset());
        inputMetrics.recordDeadLetter(
                topic.startsWith(topics.prefix())
                        ? topic.substring(topics.prefix().length())
                        : topic,
                rejected.reason());
        context()
                .forward(new Record<String, DriftOutput>(
                        record.key(), new DriftOutput.DeadLetter(value), record.timestamp(), headers));
    }
}
