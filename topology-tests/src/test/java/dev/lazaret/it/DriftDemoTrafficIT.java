package dev.lazaret.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.app.demo.DriftDemoTraffic;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's drift traffic, on compressed timing (1 s windows, a few seconds per phase), against a real broker. */
@Tag("integration")
@Timeout(240)
class DriftDemoTrafficIT {
    private static final TopicNames TOPICS = new TopicNames("drift-demo-it.");
    private static final KafkaFixture kafka = KafkaFixture.shared();

    @TempDir
    Path dataDir;

    @Test
    void shouldFireFeatureDriftForTheDriftedModelOnlyWhenTheDemoTrafficDrifts() throws Exception {
        Map<String, String> settings = new HashMap<>(DriftDemoTraffic.configDefaults());
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("application.id", "drift-demo-it");
        settings.put("topic.prefix", TOPICS.prefix());
        settings.put("data.dir", dataDir.toString());
        settings.put("http.port", "0");
        settings.put("topic.partitions", "1");
        settings.put("drift.window.size.ms", "1000");
        settings.put("drift.window.grace.ms", "300");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (LazaretRuntime runtime = new LazaretRuntime(ConfigLoader.load(null, Map.of(), settings))) {
            runtime.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> runtime.streamsState() == KafkaStreams.State.RUNNING);
            DriftDemoTraffic traffic = new DriftDemoTraffic(
                    kafka.bootstrapServers(),
                    TOPICS,
                    new DriftDemoTraffic.Timing(Duration.ofSeconds(6), Duration.ofSeconds(6), 200),
                    out);
            traffic.publishReferences();
            Thread thread = new Thread(traffic, "demo-traffic-it");
            thread.start();
            try {
                KafkaTestClients.awaitCommitted(
                        kafka.bootstrapServers(),
                        TOPICS.alerts(),
                        r -> featureDrift(List.of(alert(r))).stream()
                                .anyMatch(a -> a.subject().equals(DriftDemoTraffic.DRIFTING.name())),
                        Duration.ofSeconds(90));
            } finally {
                traffic.stop();
                thread.join(10_000);
            }
            List<Alert> featureDrift = featureDrift(alerts());
            assertThat(featureDrift)
                    .extracting(Alert::subject)
                    .contains(DriftDemoTraffic.DRIFTING.name())
                    .doesNotContain(DriftDemoTraffic.CLEAN.name());
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("injecting drift");
        }
    }

    private static List<Alert> featureDrift(List<Alert> alerts) {
        return alerts.stream()
                .filter(a -> a.kind() == AlertKind.FEATURE_DRIFT && a.status() == AlertStatus.FIRING)
                .toList();
    }

    private static List<Alert> alerts() {
        return KafkaTestClients.readCommitted(
                        kafka.bootstrapServers(), TOPICS.alerts(), Integer.MAX_VALUE, Duration.ofSeconds(2))
                .stream()
                .map(DriftDemoTrafficIT::alert)
                .toList();
    }

    private static Alert alert(ConsumerRecord<String, String> r) {
        return JsonSerde.deserializer(Alert.class)
                .deserialize(TOPICS.alerts(), r.value().getBytes(StandardCharsets.UTF_8));
    }
}
