package dev.lazaret.app.doctor;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a record key goes to under the two partitioners Kafka clients default to. Lazaret (Kafka Streams) and
 * every Java client hash with murmur2; librdkafka (kcat, confluent-kafka for Python, Go, .NET, C) defaults to
 * consistent_random, a CRC32 of the key, unless told {@code partitioner=murmur2_random}.
 */
public final class Partitioners {
    private Partitioners() {}

    /** Java's {@code BuiltInPartitioner.partitionForKey}: murmur2 of the key bytes, made positive, modulo partitions. */
    public static int javaMurmur2(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** librdkafka's {@code consistent} and {@code consistent_random} for a non-empty key: CRC32 modulo partitions. */
    public static int librdkafkaCrc32(String key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }
}
