package dev.lazaret.core.models;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.config.DriftSettings;
import dev.lazaret.core.config.ModelSettings;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.contract.BatchRevocation;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.integrity.Keyring;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires the model supply chain behind the parse step: releases and revocations in, with the quarantine's verdicts read
 * back from {@code training.verdicts}; model verdicts, audit requests, dead letters and alert conditions out.
 *
 * <p>Why one partition: a release may name batches of any dataset, hence of any quarantine partition, and a revocation
 * must find every release trained on its batch. Both are rare (one per batch, release or revocation), so one task
 * that sees all of them in one order is simpler and cheaper than a lookup across partitions, and needs no
 * co-partitioning of the contract topics (the quarantine's own stores are keyed by dataset, and a global store fed from
 * the verdicts topic would be read without ordering against the release).
 */
public final class ModelSupplyTopology {
    /** Gauge of model versions in traffic without an approved release. */
    public static final String UNAPPROVED_VERSIONS = "lazaret.models.unapproved.versions";

    private ModelSupplyTopology() {}

    /**
     * Attaches the registry.
     *
     * @param releases parsed releases (key = model)
     * @param revocations parsed revocations (key = batch id)
     * @param events parsed inference events (key = model), checked against the approved releases
     * @return alert conditions, any key (the alert stage re-keys them): the registry's and the version gate's
     *     apart, since the two run in different sub-topologies and a merge would join them into one (see {@link
     *     dev.lazaret.core.alerts.AlertStage})
     */
    public static Conditions attach(
            StreamsBuilder builder,
            KStream<String, ModelRelease> releases,
            KStream<String, BatchRevocation> revocations,
            KStream<String, InferenceEvent> events,
            MonitorConfig config,
            InputMetrics inputMetrics) {
        TopicNames topics = new TopicNames(config.getString(MonitorConfig.TOPIC_PREFIX_CONFIG));
        KStream<String, AlertCondition> registry =
                attachRegistry(builder, releases, revocations, topics, config, inputMetrics);
        return new Conditions(registry, attachVersionGate(builder, events, topics, config, inputMetrics.registry()));
    }

    /**
     * The model side's alert conditions.
     *
     * @param registry from the registry (releases, revocations), on its one-partition repartition topic's task
     * @param versions from the version gate, on the inference events' tasks
     */
    public record Conditions(KStream<String, AlertCondition> registry, KStream<String, AlertCondition> versions) {}

    /**
     * Inference events against the approved releases, on the events' own partitions: the releases' standings come
     * from a global store of {@code models.verdicts}, which every task reads whole.
     */
    private static KStream<String, AlertCondition> attachVersionGate(
            StreamsBuilder builder,
            KStream<String, InferenceEvent> events,
            TopicNames topics,
            MonitorConfig config,
            MeterRegistry meters) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(ReleaseStandings.STORE),
                                Serdes.String(),
                                Serdes.String())
                        .withLoggingDisabled(),
                topics.modelVerdicts(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("models-read-verdicts"),
                ReleaseStandings::new);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(VersionGateProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(VersionSighting.class)));
        AtomicInteger unapproved = new AtomicInteger();
        Gauge.builder(UNAPPROVED_VERSIONS, unapproved, AtomicInteger::get)
                .description("Model versions in inference traffic without an approved release (warn and critical "
                        + "models of models.unapproved.version)")
                .register(meters);
        Map<String, ModelSettings.Level> levels = ModelSettings.levels(config);
        long idleMs = config.getLong(ModelSettings.UNAPPROVED_IDLE_MS_CONFIG);
        int resolveAfter = config.getInt(DriftSettings.RESOLVE_AFTER_WINDOWS_CONFIG);
        return events.process(
                () -> new VersionGateProcessor(levels, idleMs, resolveAfter, unapproved),
                Named.as("models-version-gate"),
                VersionGateProcessor.STORE);
    }

    private static KStream<String, AlertCondition> attachRegistry(
            StreamsBuilder builder,
            KStream<String, ModelRelease> releases,
            KStream<String, BatchRevocation> revocations,
            TopicNames topics,
            MonitorConfig config,
            InputMetrics inputMetrics) {
        ReleaseJudge judge = new ReleaseJudge(Keyring.configured(config));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ModelRegistryProcessor.BATCHES_STORE),
                Serdes.String(),
                JsonSerde.of(BatchStanding.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ModelRegistryProcessor.RELEASES_STORE),
                Serdes.String(),
                JsonSerde.of(ModelVerdict.class)));
        KStream<String, RegistryInput> verdicts = builder.stream(
                        topics.trainingVerdicts(),
                        Consumed.with(Serdes.String(), JsonSerde.of(BatchVerdict.class))
                                .withName("models-read-batch-verdicts"))
                .filter((key, v) -> v != null, Named.as("models-batch-verdicts-present"))
                .mapValues(RegistryInput::of, Named.as("models-batch-verdicts-in"));
        KStream<String, RegistryOutput> out = verdicts.merge(
                        releases.mapValues(RegistryInput::of, Named.as("models-releases-in")),
                        Named.as("models-merge-releases"))
                .merge(
                        revocations.mapValues(RegistryInput::of, Named.as("models-revocations-in")),
                        Named.as("models-merge-revocations"))
                .selectKey((key, in) -> "registry", Named.as("models-registry-one-key"))
                .repartition(Repartitioned.<String, RegistryInput>as("models-registry")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(RegistryInput.class))
                        .withNumberOfPartitions(1))
                .process(
                        () -> new ModelRegistryProcessor(judge, topics, inputMetrics),
                        Named.as("models-registry"),
                        ModelRegistryProcessor.BATCHES_STORE,
                        ModelRegistryProcessor.RELEASES_STORE);
        out.filter((key, o) -> o.topic() != null, Named.as("models-registry-records"))
                .to(
                        (key, o, context) -> o.topic(),
                        Produced.with(Serdes.String(), bytesOf()).withName("models-out"));
        return out.filter((key, o) -> o.condition() != null, Named.as("models-registry-conditions"))
                .mapValues(RegistryOutput::condition, Named.as("models-conditions"));
    }

    private static Serde<RegistryOutput> bytesOf() {
        return Serdes.serdeFrom((topic, o) -> o.value(), (topic, bytes) -> {
            throw new UnsupportedOperationException("registry outputs are written, never read");
        });
    }
}
