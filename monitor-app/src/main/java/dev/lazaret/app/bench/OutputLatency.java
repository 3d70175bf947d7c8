package dev.lazaret.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an output topic (read_committed: an output exists for downstream consumers only once its transaction
 * commits) on its own thread from the end, handing each record and its arrival time to a callback.
 */
final class OutputLatency implements AutoCloseable {
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean assigned;

    OutputLatency(String bootstrap, String topic, BiConsumer<ConsumerRecord<String, byte[]>, Long> onRecord) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        thread = new Thread(
                () -> {
                    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
                        consumer.subscribe(List.of(topic));
                        while (!stopped.get()) {
                            var records = consumer.poll(Duration.ofMillis(50));
                            if (!consumer.assignment().isEmpty()) {
                                assigned = true;
                            }
                            long now = System.currentTimeMillis();
                            for (ConsumerRecord<String, byte[]> r : records) {
                                onRecord.accept(r, now);
                            }
                        }
                    }
                },
                "bench-output-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the reader has its partitions, so no paced output is missed. */
    void awaitAssigned() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!assigned && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped.set(true);
        thread.join(5_000);
    }
}
