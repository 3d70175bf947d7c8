package dev.lazaret.core.quarantine.topology;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The quarantine's persistent (RocksDB) stores. Everything a batch holds lives here, not on the heap, so a batch of a
 * million records passes with a small heap; each store has a changelog, so state follows its partition.
 */
public final class QuarantineStores {
    /** {@code batchId NUL seq} to the record's canonical JSON. */
    public static final String RECORDS = "quarantine-records";
    /** Batch id to {@link dev.lazaret.core.quarantine.batch.BatchState}, while the batch is in progress. */
    public static final String BATCHES = "quarantine-batches";
    /** Batch id to its evaluation state between chunks, and its candidate reference during release. */
    public static final String WORK = "quarantine-work";
    /** Batch id to its final verdict, for ever: a batch id seen again is a replay. */
    public static final String DECIDED = "quarantine-decided";
    /** Dataset to the Bloom filter of its approved records (record-replay check). */
    public static final String FILTERS = "quarantine-replay-filters";
    /**
     * Batch id to the dataset that owns it (the dataset of its first record or manifest), for ever: the router sends
     * every later input of the batch id to that dataset's task ({@link DatasetRouting}).
     */
    public static final String OWNERS = "quarantine-batch-owners";
    /** Global: {@code dataset:<name>} or {@code candidate:<batch>} to a reference bundle. */
    public static final String REFERENCES = "quarantine-references";

    /**
     * Largest changelog record: a batch's evaluation state (poisoning sketches, 20 features) and a dataset's
     * replay filter pass 1 MiB, the broker's default, and a record the broker refuses would fail the stream thread
     * over and over. Matches the 16 MiB the runtime's producer and the references topic allow.
     */
    static final int MAX_CHANGELOG_RECORD_BYTES = QuarantineTopics.MAX_RECORD_BYTES;

    private QuarantineStores() {}

    static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingEnabled(
                        Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_CHANGELOG_RECORD_BYTES)));
    }
}
