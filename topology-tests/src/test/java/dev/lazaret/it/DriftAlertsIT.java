package dev.lazaret.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real broker: 50 clean windows, then a +1.5 sd shift of 2 of 20 features for 5 windows, then clean
 * inputs whose feedback error rate rises from 10% to 50%. Event times are synthetic (1 s windows), so the run takes
 * as long as processing, not as long as the windows.
 */
@Tag("integration")
@Timeout(300)
class DriftAlertsIT {
    private static final TopicNames TOPICS = new TopicNames("drift-alerts-it.");
    private static final long BASE = 1_700_000_000_000L;
    private static final long SIZE = 1_000;
    private static final int FEATURES = 20;
    private static final int PER_WINDOW = 150;
    private static final int CLEAN = 50;
    private static final int SHIFTED = 5;
    private static final int DEGRADE_FROM = CLEAN + SHIFTED + 1;
    private static final int WINDOWS = DEGRADE_FROM + 8;
    private static final KafkaFixture kafka = KafkaFixture.shared();

    @TempDir
    Path dataDir;

    @Test
    void shouldAlertOnlyOnShiftedFeaturesAndDegradationAndResolveAfterwards() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("application.id", "drift-alerts-it");
        settings.put("topic.prefix", TOPICS.prefix());
        settings.put("data.dir", dataDir.toString());
        settings.put("http.port", "0");
        settings.put("topic.partitions", "1");
        settings.put("kafka.commit.interval.ms", "200");
        settings.put("drift.models", "fraud:payments");
        settings.put("drift.window.size.ms", Long.toString(SIZE));
        settings.put("drift.window.grace.ms", "100");
        settings.put("drift.window.min.count", "100");
        settings.put("drift.feedback.join.window.ms", "10000");
        settings.put("alerts.resolve.after.windows", "2");
        try (LazaretRuntime runtime = new LazaretRuntime(ConfigLoader.load(null, Map.of(), settings))) {
            runtime.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> runtime.streamsState() == KafkaStreams.State.RUNNING);
            publishReference(new Random(1));
            produceTraffic(new Random(2));

            // Windows up to WINDOWS - 2 close while the last window's events arrive.
            KafkaTestClients.readCommitted(
                    kafka.bootstrapServers(), TOPICS.driftReports(), WINDOWS - 1, Duration.ofSeconds(150));
            List<Alert> alerts = KafkaTestClients.readCommitted(
                            kafka.bootstrapServers(), TOPICS.alerts(), Integer.MAX_VALUE, Duration.ofSeconds(5))
                    .stream()
                    .map(r -> JsonSerde.deserializer(Alert.class)
                            .deserialize("alerts", r.value().getBytes(StandardCharsets.UTF_8)))
                    .toList();

            long shiftStart = BASE + CLEAN * SIZE;
            List<Alert> falseAlarms =
                    alerts.stream().filter(a -> a.windowStartMs() < shiftStart).toList();
            System.out.printf(
                    "drift IT: %d alerts; %d in %d clean windows (false alarms)%n",
                    alerts.size(), falseAlarms.size(), CLEAN);
            assertThat(falseAlarms).as("clean windows raise no alert").isEmpty();

            List<Alert> featureFiring = alerts.stream()
                    .filter(a -> a.kind() == AlertKind.FEATURE_DRIFT && a.status() == AlertStatus.FIRING)
                    .toList();
            assertThat(featureFiring).extracting(Alert::feature).containsExactlyInAnyOrder("f00", "f01");
            for (Alert a : featureFiring) {
                long delayWindows = (a.windowStartMs() - shiftStart) / SIZE;
                System.out.printf("drift IT: %s detected %d window(s) after the shift%n", a.feature(), delayWindows);
                assertThat(a.windowStartMs()).isBetween(shiftStart, shiftStart + SIZE);
            }
            Set<String> resolved = alerts.stream()
                    .filter(a -> a.kind() == AlertKind.FEATURE_DRIFT && a.status() == AlertStatus.RESOLVED)
                    .map(Alert::feature)
                    .collect(Collectors.toSet());
            assertThat(resolved).containsExactlyInAnyOrder("f00", "f01");

            List<Alert> degraded = alerts.stream()
                    .filter(a -> a.kind() == AlertKind.PERFORMANCE_DEGRADATION && a.status() == AlertStatus.FIRING)
                    .toList();
            assertThat(degraded).hasSize(1);
            assertThat(degraded.get(0).windowStartMs()).isGreaterThanOrEqualTo(BASE + DEGRADE_FROM * SIZE);
            System.out.printf(
                    "drift IT: PERFORMANCE_DEGRADATION detected %d window(s) after the error rate rose%n",
                    (degraded.get(0).windowStartMs() - (BASE + DEGRADE_FROM * SIZE)) / SIZE);
            assertThat(runtime.registry().scrape()).contains("lazaret_alerts_raised_total{kind=\"feature_drift\"");
        }
    }

    private static void publishReference(Random random) {
        DatasetProfile profile = DatasetProfile.create();
        for (int i = 0; i < 10_000; i++) {
            profile.update(row(random, false), random.nextDouble() < 0.5 ? "1" : "0");
        }
        Properties props = producerProps(ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("lazaret.reference.id", "it-reference".getBytes(StandardCharsets.UTF_8));
            producer.send(
                    new ProducerRecord<>(TOPICS.profiles(), null, "payments", ProfileCodec.encode(profile), headers));
            producer.flush();
        }
    }

    private static void produceTraffic(Random random) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            boolean shifted = w >= CLEAN && w < CLEAN + SHIFTED;
            double errorRate = w >= DEGRADE_FROM ? 0.5 : 0.1;
            for (int i = 0; i < PER_WINDOW; i++) {
                long ts = BASE + w * SIZE + i * (SIZE / PER_WINDOW);
                String id = "e-" + w + "-" + i;
                String prediction = random.nextDouble() < 0.5 ? "1" : "0";
                records.add(new ProducerRecord<>(
                        TOPICS.inferenceEvents(),
                        "fraud",
                        event(id, ts, row(random, shifted), prediction, random.nextDouble())));
                boolean wrong = random.nextDouble() < errorRate;
                String label = wrong ? (prediction.equals("1") ? "0" : "1") : prediction;
                records.add(new ProducerRecord<>(
                        TOPICS.inferenceFeedback(),
                        "fraud",
                        String.format(
                                Locale.ROOT,
                                "{\"event_id\":\"%s\",\"model\":\"fraud\",\"label\":\"%s\",\"timestamp\":%d}",
                                id,
                                label,
                                ts + 50)));
            }
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), records);
    }

    private static Map<String, Object> row(Random random, boolean shifted) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int f = 0; f < FEATURES; f++) {
            row.put(String.format(Locale.ROOT, "f%02d", f), random.nextGaussian() + (shifted && f < 2 ? 1.5 : 0));
        }
        return row;
    }

    private static String event(String id, long ts, Map<String, Object> features, String prediction, double score) {
        try {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("event_id", id);
            json.put("model", "fraud");
            json.put("model_version", "v1");
            json.put("timestamp", ts);
            json.put("features", features);
            json.put("prediction", prediction);
            json.put("score", score);
            return JsonSerde.writer().writeValueAsString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties producerProps(Class<?> valueSerializer) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }
}
