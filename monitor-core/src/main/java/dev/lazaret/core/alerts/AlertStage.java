package dev.lazaret.core.alerts;

import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert stage: the conditions of every side in, deduplicated alerts on the {@code alerts} topic out (key = dedup
 * key).
 *
 * <p>Each side's conditions reach the stage through a repartition topic of their own, merged only after it. Merged
 * before one repartition, as they were, the merge joined the drift side's sub-topology (inference events, feedback,
 * recalibrations) with the quarantine's, the model registry's and the audit's: one task read six input partitions,
 * five of them empty in drift-only traffic, and Kafka Streams (4.3.1, {@code PartitionGroup.readyToProcess}) formats
 * a log string for each empty partition of a task before every record it processes, whatever the log level: 16% of
 * the drift stream thread's samples (docs/benchmarks.md). Apart, each task keeps the timestamp-ordered choice among
 * its own inputs exactly as before (events, feedback and recalibrations stay in one task; so do the registry's
 * inputs, which share one repartition topic). The alert stage sees the same sequence per dedup key: every alert
 * kind comes from one side, so all conditions of a key come through one topic, in the order that side produced them.
 */
public final class AlertStage {
    /**
     * The repartition topic of the conditions in {@code attach}'s first stream: the name of the stage's one topic
     * before the split, so conditions still in it at an upgrade are read.
     */
    static final String FIRST_REPARTITION = "alert-conditions";

    private AlertStage() {}

    /**
     * Attaches the stage.
     *
     * @param conditions each side's conditions, by a name for its repartition topic ({@code alert-conditions-<name>};
     *     the first's is {@value #FIRST_REPARTITION}); any key (each is re-keyed by dedup key). Every alert kind must
     *     come from one of them only, so that a dedup key's conditions keep their order.
     */
    public static void attach(
            StreamsBuilder builder,
            Map<String, KStream<String, AlertCondition>> conditions,
            TopicNames topics,
            AlertOptions options,
            AlertMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AlertProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(AlertEpisode.class)));
        KStream<String, AlertCondition> merged = null;
        for (Map.Entry<String, KStream<String, AlertCondition>> side : conditions.entrySet()) {
            String name = merged == null ? FIRST_REPARTITION : FIRST_REPARTITION + "-" + side.getKey();
            KStream<String, AlertCondition> keyed = side.getValue()
                    .selectKey((key, condition) -> condition.dedupKey(), Named.as(name + "-dedup-key"))
                    .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(AlertCondition.class))
                            .withName(name));
            merged = merged == null ? keyed : merged.merge(keyed, Named.as(name + "-merge"));
        }
        if (merged == null) {
            throw new IllegalArgumentException("the alert stage needs at least one stream of conditions");
        }
        merged.process(() -> new AlertProcessor(options, metrics), Named.as("alert-dedup"), AlertProcessor.STORE)
                .to(
                        topics.alerts(),
                        Produced.with(Serdes.String(), JsonSerde.of(Alert.class))
                                .withName("write-alerts"));
    }
}
