package dev.lazaret.core.alerts;

import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert stage: one merged stream of conditions from both topologies in, deduplicated alerts on the {@code
 * alerts} topic out (key = dedup key).
 */
public final class AlertStage {
    private AlertStage() {}

    /**
     * Attaches the stage.
     *
     * @param conditions every condition, drift and quarantine merged; any key (it is re-keyed by dedup key through a
     *     repartition topic, which also keeps the two topologies' sub-topologies apart)
     */
    public static void attach(
            StreamsBuilder builder,
            KStream<String, AlertCondition> conditions,
            TopicNames topics,
            AlertOptions options,
            AlertMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AlertProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(AlertEpisode.class)));
        conditions
                .selectKey((key, condition) -> condition.dedupKey(), Named.as("alert-dedup-key"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(AlertCondition.class))
                        .withName("alert-conditions"))
                .process(() -> new AlertProcessor(options, metrics), Named.as("alert-dedup"), AlertProcessor.STORE)
                .to(
                        topics.alerts(),
                        Produced.with(Serdes.String(), JsonSerde.of(Alert.class))
                                .withName("write-alerts"));
    }
}
