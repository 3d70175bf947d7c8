package dev.lazaret.app.demo;

import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.serde.JsonSerde;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints each alert on the alerts topic as it fires or resolves. Reads only committed records, as any consumer of
 * an exactly-once application must, or it would print alerts of aborted transactions.
 */
public final class AlertPrinter implements Runnable {
    private final String bootstrapServers;
    private final String topic;
    private final PrintStream out;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public AlertPrinter(String bootstrapServers, String topic, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.out = out;
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "lazaret-demo-alerts-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (!stopped.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    out.println(format(JsonSerde.deserializer(Alert.class).deserialize(topic, record.value())));
                }
            }
        }
    }

    /** Asks {@link #run()} to return after its current poll. */
    public void stop() {
        stopped.set(true);
    }

    static String format(Alert a) {
        return String.format(
                "demo: ALERT %-8s %s %s %s%s (%s) score %.3g vs %.3g, window %s..%s",
                a.status(),
                a.kind(),
                a.subjectType(),
                a.subject(),
                a.feature() == null || a.feature().isEmpty() ? "" : " feature " + a.feature(),
                a.severity(),
                a.score(),
                a.threshold(),
                Instant.ofEpochMilli(a.windowStartMs()),
                Instant.ofEpochMilli(a.windowEndMs()));
    }
}
