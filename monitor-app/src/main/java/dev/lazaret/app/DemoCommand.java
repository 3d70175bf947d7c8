package dev.lazaret.app;

import dev.lazaret.app.demo.DriftDemo;
import dev.lazaret.app.demo.DriftDemoTraffic;
import dev.lazaret.app.demo.quarantine.QuarantineDemo;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.topics.TopicNames;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lazaret demo}: start Lazaret and feed it demonstration traffic, printing what it does with it, then keep
 * serving (so Prometheus and Grafana have something to show) until SIGTERM or SIGINT.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start Lazaret (embedded broker unless --bootstrap-servers) and stream demonstration traffic "
                + "through it, printing the outcomes.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() throws Exception {
        QuarantineDemo quarantineDemo =
                QuarantineDemo.prepare(options.load(System.getenv(), DriftDemoTraffic.configDefaults()), 1_000);
        MonitorConfig config = quarantineDemo.config();
        ShutdownSignal signal = ShutdownSignal.install();
        PrintStream out = System.out;
        try (LazaretRuntime runtime = new LazaretRuntime(config)) {
            runtime.start();
            TopicNames topics = new TopicNames(config.getString(MonitorConfig.TOPIC_PREFIX_CONFIG));
            sendBadInput(runtime.bootstrapServers(), topics, out);
            printDeadLetters(runtime.bootstrapServers(), topics, out, 3);
            // The drift traffic runs on its own threads while the quarantine batches go through.
            try (DriftDemo drift =
                    DriftDemo.start(runtime.bootstrapServers(), topics, DriftDemoTraffic.Timing.demo(), out)) {
                quarantineDemo.run(runtime.bootstrapServers(), out);
                out.println("demo: Lazaret keeps running (Ctrl-C to stop). Metrics at http://127.0.0.1:"
                        + runtime.httpPort() + "/metrics");
                signal.await();
            }
        }
        return 0;
    }

    private static void sendBadInput(String bootstrap, TopicNames topics, PrintStream out) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String now = Instant.now().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<ProducerRecord<String, String>> records = List.of(
                    new ProducerRecord<>(topics.inferenceEvents(), "fraud-model", "{not json"),
                    new ProducerRecord<>(
                            topics.inferenceEvents(),
                            "fraud-model",
                            "{\"event_id\":\"e-1\",\"model\":\"fraud-model\",\"model_version\":\"1\",\"timestamp\":\""
                                    + now + "\",\"features\":{\"amount\":[1,2]},\"prediction\":1,\"score\":0.5}"),
                    new ProducerRecord<>(
                            topics.trainingRecords(),
                            "batch-x",
                            "{\"batch_id\":\"batch-x\",\"dataset\":\"fraud\",\"seq\":\"first\",\"features\":{}}"));
            for (ProducerRecord<String, String> record : records) {
                producer.send(record);
            }
            producer.flush();
            out.println("demo: sent " + records.size() + " malformed records");
        }
    }

    private static void printDeadLetters(String bootstrap, TopicNames topics, PrintStream out, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "lazaret-demo-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topics.deadLetter()));
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    out.printf(
                            "demo: dead letter from %s: %s (%s)%n",
                            header(record, DeadLetterHeaders.SOURCE_TOPIC),
                            header(record, DeadLetterHeaders.REASON),
                            header(record, DeadLetterHeaders.DETAIL));
                    seen++;
                }
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
