package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.drift.internal.WriteBackStore;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.ParsedInputs;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The drift side: inference events and feedback (both keyed by model, so one model's records meet in one task) into
 * per-model event-time windows judged against the model's reference from the profiles topic; reports to {@code
 * drift.reports}, rejected records to the dead-letter topic, recalibration requests and outcomes to the audit chain,
 * and alert conditions to the caller.
 */
public final class DriftTopology {
    private DriftTopology() {}

    /**
     * Attaches the drift side behind the parse step.
     *
     * @return alert conditions keyed by {@link AlertCondition#dedupKey()}, for the alert stage
     */
    public static KStream<String, AlertCondition> attach(
            StreamsBuilder builder,
            ParsedInputs inputs,
            TopicNames topics,
            DriftOptions options,
            DriftMetrics metrics,
            InputMetrics inputMetrics) {
        metrics.registerModels(options.modelDatasets().keySet());
        metrics.registerEstimatedModels(options.estimationTargets());
        // A global store, so every task sees every reference whatever partition its dataset key hashes to.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(DriftProcessor.REFERENCES_STORE),
                                Serdes.String(),
                                Serdes.ByteArray())
                        .withLoggingDisabled(),
                topics.profiles(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-profiles"),
                () -> new ReferenceLoader(DriftProcessor.REFERENCES_STORE, metrics));
        for (String store :
                List.of(DriftProcessor.WINDOWS_STORE, DriftProcessor.PENDING_STORE, DriftProcessor.DETECTORS_STORE)) {
            builder.addStateStore(WriteBackStore.builder(store));
        }
        KStream<String, DriftInput> events =
                inputs.inferenceEvents().mapValues(DriftInput.Event::new, Named.as("drift-events"));
        KStream<String, DriftInput> feedback =
                inputs.feedback().mapValues(DriftInput.Label::new, Named.as("drift-feedback"));
        KStream<String, DriftInput> recalibrations =
                inputs.recalibrations().mapValues(DriftInput.Recalibration::new, Named.as("drift-recalibrations"));
        KStream<String, DriftOutput> outputs = events.merge(feedback, Named.as("drift-inputs"))
                .merge(recalibrations, Named.as("drift-inputs-recalibrations"))
                .process(
                        () -> new DriftProcessor(options, metrics, inputMetrics, topics),
                        Named.as("drift-windows"),
                        DriftProcessor.WINDOWS_STORE,
                        DriftProcessor.PENDING_STORE,
                        DriftProcessor.DETECTORS_STORE);
        outputs.flatMapValues(
                        o -> o instanceof DriftOutput.Report r ? List.of(r.report()) : List.<DriftReport>of(),
                        Named.as("drift-reports"))
                .to(
                        topics.driftReports(),
                        Produced.with(Serdes.String(), JsonSerde.<DriftReport>of(DriftReport.class))
                                .withName("write-drift-reports"));
        outputs.flatMapValues(
                        o -> o instanceof DriftOutput.DeadLetter d ? List.of(d.value()) : List.<byte[]>of(),
                        Named.as("drift-rejected"))
                .to(
                        topics.deadLetter(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter-drift"));
        // recalibrations join the quarantine's audit chain, which has one writer, through its requests topic
        outputs.flatMapValues(
                        o -> o instanceof DriftOutput.Audit a ? List.of(a.payload()) : List.<byte[]>of(),
                        Named.as("drift-audit"))
                .to(
                        QuarantineTopics.auditRequests(topics.prefix()),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("drift-audit-requests"));
        return outputs.flatMapValues(
                o -> o instanceof DriftOutput.Condition c ? List.of(c.condition()) : List.<AlertCondition>of(),
                Named.as("drift-conditions"));
    }
}
