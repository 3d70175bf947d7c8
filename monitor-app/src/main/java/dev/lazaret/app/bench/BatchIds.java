package dev.lazaret.app.bench;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Batch ids that land on a chosen partition under Kafka's default partitioning of keyed records (murmur2 of the key),
 * so a run's batches spread over the partitions and, with two instances, over both instances.
 */
final class BatchIds {
    private BatchIds() {}

    /** {@code base}, or {@code base-k} for the smallest k, whose key hashes to {@code partition}. */
    static String onPartition(String base, int partition, int partitions) {
        String id = base;
        for (int k = 1; partitionOf(id, partitions) != partition; k++) {
            id = base + "-" + k;
        }
        return id;
    }

    /** The partition Kafka's producer picks for a record with this key. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
