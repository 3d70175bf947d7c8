package dev.lazaret.app.quarantine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Option;

/** Where the CLI tools find Kafka, and the clients they use. */
final class KafkaOptions {
    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka to talk to (default: ${DEFAULT-VALUE}, the embedded broker).")
    String bootstrapServers;

    @Option(
            names = "--topic-prefix",
            defaultValue = "lazaret.",
            description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    KafkaProducer<String, byte[]> producer() {
        return producer(Duration.ofSeconds(30));
    }

    /**
     * A producer that gives up within {@code timeout}: waiting for metadata (a missing topic, an unreachable broker)
     * and delivering each record, retries included.
     */
    KafkaProducer<String, byte[]> producer(Duration timeout) {
        long ms = Math.max(2_000, timeout.toMillis());
        Properties props = new Properties();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, ms));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, ms / 2));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                dev.lazaret.core.quarantine.topology.QuarantineTopics.MAX_RECORD_BYTES);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Every committed record of {@code topic} up to its current end. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return readAll(topic, Duration.ofSeconds(30), Duration.ofSeconds(60), false);
    }

    /**
     * Every committed record of {@code topic} up to the end it had when reading began, or an exception: for output
     * that must not silently miss records.
     *
     * @param timeout how long to wait for Kafka to answer, and again for the records
     * @throws IllegalArgumentException when the topic does not exist
     * @throws org.apache.kafka.common.errors.TimeoutException when Kafka does not answer or the end is not reached
     *     within {@code timeout}
     */
    List<ConsumerRecord<String, byte[]>> readAllOrFail(String topic, Duration timeout) {
        return readAll(topic, timeout, timeout, true);
    }

    private List<ConsumerRecord<String, byte[]>> readAll(
            String topic, Duration metadataTimeout, Duration readTimeout, boolean mustReachEnd) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "lazaret-cli-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                dev.lazaret.core.quarantine.topology.QuarantineTopics.MAX_RECORD_BYTES);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, metadataTimeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist at " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + readTimeout.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() >= deadline) {
                    if (mustReachEnd) {
                        throw new org.apache.kafka.common.errors.TimeoutException(
                                "did not reach the end of " + topic + " within " + readTimeout.toSeconds() + " s");
                    }
                    break;
                }
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}
