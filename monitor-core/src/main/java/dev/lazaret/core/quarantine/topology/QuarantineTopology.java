package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.config.ConfigException;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.parse.ParsedInputs;
import dev.lazaret.core.quarantine.audit.AuditChainProcessor;
import dev.lazaret.core.quarantine.audit.AuditEntry;
import dev.lazaret.core.quarantine.audit.AuditEvent;
import dev.lazaret.core.quarantine.batch.BatchInput;
import dev.lazaret.core.quarantine.batch.BatchLifecycle;
import dev.lazaret.core.quarantine.checks.BatchJudge;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.integrity.Keyring;
import dev.lazaret.core.quarantine.metrics.QuarantineMetrics;
import dev.lazaret.core.quarantine.policy.QuarantinePolicy;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/** Wires quarantine behind the parse step. */
public final class QuarantineTopology {
    private QuarantineTopology() {}

    /**
     * Attaches the quarantine: records, manifests and decisions in; released records, verdicts and references out.
     * Reads the keyring and the policy file now, so a bad file stops start-up with one line.
     *
     * @return the alert conditions of each verdict (BATCH_REJECTED, BATCH_HELD, INTEGRITY_FAILURE per dataset), keyed
     *     by {@link AlertCondition#dedupKey()}
     */
    public static KStream<String, AlertCondition> attach(
            StreamsBuilder builder, ParsedInputs inputs, MonitorConfig config, MeterRegistry registry) {
        TopicNames topics = new TopicNames(config.getString(MonitorConfig.TOPIC_PREFIX_CONFIG));
        Keyring keyring = Keyring.configured(config);
        QuarantinePolicy policy;
        try {
            policy = QuarantinePolicy.load(config.getString(QuarantineSettings.POLICY_FILE_CONFIG));
        } catch (IllegalArgumentException e) {
            // A bad policy file is a configuration error: one line and exit status 2, no stack trace.
            throw new ConfigException(e.getMessage());
        }
        // one binder per registry: attach runs once per topology build, and a runtime builds its topology once
        QuarantineMetrics metrics = new QuarantineMetrics(
                policy.namedDatasets(), config.getInt(QuarantineSettings.METRICS_MAX_DATASETS_CONFIG));
        metrics.bindTo(registry);
        QuarantineSettingsView settings = QuarantineSettingsView.of(config);

        builder.addStateStore(QuarantineStores.persistent(QuarantineStores.RECORDS, Serdes.ByteArray()));
        builder.addStateStore(QuarantineStores.persistent(QuarantineStores.BATCHES, BatchStateSerde.serde()));
        builder.addStateStore(QuarantineStores.persistent(QuarantineStores.WORK, Serdes.ByteArray()));
        builder.addStateStore(QuarantineStores.persistent(QuarantineStores.DECIDED, Serdes.String()));
        builder.addStateStore(QuarantineStores.persistent(QuarantineStores.FILTERS, Serdes.ByteArray()));
        builder.addGlobalStore(
                QuarantineStores.persistent(QuarantineStores.REFERENCES, Serdes.ByteArray())
                        .withLoggingDisabled(),
                QuarantineTopics.references(topics.prefix()),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-quarantine-references"),
                ReferenceStoreUpdater::new);

        KStream<String, BatchInput> merged = inputs.trainingRecords()
                .mapValues(r -> (BatchInput) BatchInput.RecordIn.of(r), Named.as("quarantine-records-in"))
                .merge(
                        inputs.manifests()
                                .mapValues(
                                        m -> (BatchInput) new BatchInput.ManifestIn(m),
                                        Named.as("quarantine-manifests-in")),
                        Named.as("quarantine-merge-manifests"))
                .merge(
                        inputs.decisions()
                                .mapValues(
                                        d -> (BatchInput) new BatchInput.DecisionIn(d),
                                        Named.as("quarantine-decisions-in")),
                        Named.as("quarantine-merge-decisions"));
        KStream<String, Emission> out = DatasetRouting.byDataset(builder, merged)
                .process(
                        () -> new QuarantineProcessor(
                                settings,
                                new BatchLifecycle(
                                        new BatchJudge(keyring),
                                        policy,
                                        settings.batchTimeoutMs(),
                                        settings.replayFilterRecords(),
                                        settings.projections(),
                                        settings.releaseChunkBytes(),
                                        settings.evaluationThreads()),
                                new Outputs(topics),
                                metrics),
                        Named.as("quarantine"),
                        QuarantineStores.RECORDS,
                        QuarantineStores.BATCHES,
                        QuarantineStores.WORK,
                        QuarantineStores.DECIDED,
                        QuarantineStores.FILTERS);
        out.to(
                (key, emission, context) -> emission.topic(),
                Produced.with(Serdes.String(), Emission.serde()).withName("quarantine-out"));
        attachAudit(builder, topics, out);
        return out.filter((key, emission) -> emission.verdict() != null, Named.as("quarantine-verdicts"))
                .flatMap(
                        (key, emission) -> conditions(emission.verdict()).stream()
                                .map(c -> KeyValue.pair(c.dedupKey(), c))
                                .toList(),
                        Named.as("quarantine-alert-conditions"));
    }

    /**
     * Verdicts, operator decisions and reference changes into one chain: re-keyed to one constant key on a one-partition
     * repartition topic, so a single task appends every entry and the chain has no forks.
     */
    private static void attachAudit(StreamsBuilder builder, TopicNames topics, KStream<String, Emission> out) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AuditChainProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(AuditEntry.class)));
        KStream<String, AuditEvent> verdicts = out.filter(
                        (key, emission) -> emission.verdict() != null, Named.as("quarantine-audit-verdicts"))
                .mapValues(
                        emission -> new AuditEvent(
                                emission.verdict().decidedBy().isPolicy() ? AuditEvent.VERDICT : AuditEvent.DECISION,
                                emission.verdict().batchId(),
                                emission.verdict().dataset(),
                                new String(emission.value(), StandardCharsets.UTF_8)),
                        Named.as("quarantine-audit-verdict-events"));
        KStream<String, AuditEvent> references = builder.stream(
                        QuarantineTopics.auditRequests(topics.prefix()),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-quarantine-audit-requests"))
                .filter((key, value) -> value != null, Named.as("quarantine-audit-requests-present"))
                .processValues(AuditRequestProcessor::new, Named.as("quarantine-audit-reference-events"));
        verdicts.merge(references, Named.as("quarantine-audit-merge"))
                .selectKey((key, event) -> "audit", Named.as("quarantine-audit-one-key"))
                .repartition(Repartitioned.<String, AuditEvent>as("quarantine-audit")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(AuditEvent.class))
                        .withNumberOfPartitions(1))
                .process(AuditChainProcessor::new, Named.as("quarantine-audit-chain"), AuditChainProcessor.STORE)
                .to(
                        topics.audit(),
                        Produced.with(Serdes.String(), JsonSerde.of(AuditEntry.class))
                                .withName("audit-out"));
    }

    /**
     * A record of the audit requests topic as an audit event: a reference change keyed by its dataset, unless headers
     * name another kind and the dataset (the drift side's recalibrations, keyed by model).
     */
    private static final class AuditRequestProcessor implements FixedKeyProcessor<String, byte[], AuditEvent> {
        private FixedKeyProcessorContext<String, AuditEvent> context;

        @Override
        public void init(FixedKeyProcessorContext<String, AuditEvent> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            String kind = header(record, AuditEvent.KIND_HEADER);
            String dataset = header(record, AuditEvent.DATASET_HEADER);
            context.forward(record.withValue(new AuditEvent(
                    kind == null ? AuditEvent.REFERENCE : kind,
                    record.key(),
                    dataset == null ? record.key() : dataset,
                    new String(record.value(), StandardCharsets.UTF_8))));
        }

        private static String header(FixedKeyRecord<String, byte[]> record, String name) {
            Header h = record.headers().lastHeader(name);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    }

    /**
     * BATCH_REJECTED, BATCH_HELD or INTEGRITY_FAILURE active on such a verdict; all three inactive on an approved one.
     */
    static List<AlertCondition> conditions(BatchVerdict v) {
        List<AlertCondition> conditions = new ArrayList<>();
        List<CheckResult> flagged = v.checks().stream()
                .filter(c -> c.status() == CheckStatus.FAIL || c.status() == CheckStatus.HOLD)
                .toList();
        String detector = flagged.stream().map(c -> c.check().label()).collect(Collectors.joining(","));
        CheckResult worst = flagged.isEmpty() ? null : flagged.get(0);
        double score = worst == null ? 0 : worst.score();
        double threshold = worst == null ? 0 : worst.threshold();
        boolean approved = v.verdict() == Verdict.APPROVED;
        if (approved || v.verdict() == Verdict.REJECTED) {
            conditions.add(condition(AlertKind.BATCH_REJECTED, v, !approved, detector, score, threshold));
        }
        if (approved || v.verdict() == Verdict.HELD) {
            conditions.add(condition(AlertKind.BATCH_HELD, v, !approved, detector, score, threshold));
        }
        if (approved || v.integrityFailed()) {
            CheckResult integrity = v.checks().stream()
                    .filter(c -> c.status() == CheckStatus.FAIL && c.category() == CheckName.Category.INTEGRITY)
                    .findFirst()
                    .orElse(null);
            conditions.add(condition(
                    AlertKind.INTEGRITY_FAILURE,
                    v,
                    !approved,
                    integrity == null ? detector : integrity.check().label(),
                    integrity == null ? score : integrity.score(),
                    integrity == null ? threshold : integrity.threshold()));
        }
        return conditions;
    }

    private static AlertCondition condition(
            AlertKind kind, BatchVerdict v, boolean active, String detector, double score, double threshold) {
        return new AlertCondition(
                kind,
                "dataset",
                v.dataset(),
                null,
                active,
                detector.isEmpty() ? "quarantine" : detector,
                score,
                threshold,
                v.batchId(),
                v.manifestMs() > 0 ? v.manifestMs() : v.firstRecordMs(),
                v.verdictMs(),
                "batch " + v.batchId() + " " + v.verdict() + " by " + v.decidedBy() + ": " + v.reason(),
                null);
    }

    /** Keeps the global references store equal to the references topic. */
    private static final class ReferenceStoreUpdater implements Processor<String, byte[], Void, Void> {
        private org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(QuarantineStores.REFERENCES);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
