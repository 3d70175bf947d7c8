package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.core.topology.MonitorTopology;
import dev.lazaret.detectors.codec.ProfileCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16's validation through the whole topology: a correlation flip that leaves both marginals N(0, 1) raises
 * MULTIVARIATE_DRIFT in the first flipped window and no univariate alert, in every one of 10 seeds; 50 clean
 * windows raise no multivariate alert. The reference goes through the import path ({@link ReferenceBuilder}).
 */
class MultivariateDriftTopologyTest {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");
    private static final long BASE = 1_700_000_000_000L;
    private static final long SIZE = 1_000;
    private static final int PER_WINDOW = 1_000;
    /** Clean windows are smaller to keep the test short; the false-alarm rate is measured in detectors. */
    private static final int CLEAN_PER_WINDOW = 500;

    @TempDir
    Path stateDir;

    /** One driver with model m1 on dataset d1. */
    private final class Harness implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> events;
        final TestInputTopic<String, byte[]> profiles;
        final TestOutputTopic<String, String> reports;
        final TestOutputTopic<String, String> alerts;
        final TestOutputTopic<String, byte[]> deadLetters;
        final Random random;
        int nextId;

        Harness(long seed, String dir, boolean multivariate) {
            Map<String, Object> settings = new HashMap<>();
            settings.put("drift.models", "m1:d1");
            settings.put("drift.window.size.ms", Long.toString(SIZE));
            settings.put("drift.window.grace.ms", "0");
            settings.put("drift.window.min.count", "50");
            settings.put("drift.multivariate.enabled", Boolean.toString(multivariate));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "multivariate-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(dir).toString());
            driver = new TopologyTestDriver(
                    MonitorTopology.build(new MonitorConfig(settings), new InputMetrics(new SimpleMeterRegistry())),
                    props);
            events = driver.createInputTopic(TOPICS.inferenceEvents(), new StringSerializer(), new StringSerializer());
            profiles = driver.createInputTopic(TOPICS.profiles(), new StringSerializer(), new ByteArraySerializer());
            reports =
                    driver.createOutputTopic(TOPICS.driftReports(), new StringDeserializer(), new StringDeserializer());
            alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(), new StringDeserializer());
            deadLetters = driver.createOutputTopic(
                    TOPICS.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer());
            random = new Random(seed);
        }

        /** Imports a reference of {@code n} rows with correlation {@code rho}, as {@code reference import} does. */
        void importReference(long seed, int n, double rho) {
            var bundle = ReferenceBuilder.build("import:test", "d1", rows -> {
                Random r = new Random(seed);
                for (int i = 0; i < n; i++) {
                    double[] xy = pair(r, rho);
                    rows.accept(new ReferenceBuilder.Row(Map.of("x", xy[0], "y", xy[1]), null));
                }
            });
            assertThat(bundle.profile().multivariate()).isPresent();
            RecordHeaders headers = new RecordHeaders();
            headers.add("lazaret.reference.id", "ref-d1".getBytes(StandardCharsets.UTF_8));
            profiles.pipeInput(new TestRecord<>("d1", ProfileCodec.encode(bundle.profile()), headers, BASE));
        }

        void window(int w, double rho) {
            window(w, rho, PER_WINDOW);
        }

        void window(int w, double rho, int n) {
            for (int i = 0; i < n; i++) {
                double[] xy = pair(random, rho);
                long t = BASE + w * SIZE + i * (SIZE / n);
                String id = "e" + nextId++;
                events.pipeInput(
                        "m1",
                        String.format(
                                Locale.ROOT,
                                "{\"event_id\":\"%s\",\"model\":\"m1\",\"model_version\":\"v1\",\"timestamp\":%d,"
                                        + "\"features\":{\"x\":%s,\"y\":%s},\"prediction\":\"1\",\"score\":0.5}",
                                id,
                                t,
                                xy[0],
                                xy[1]));
            }
        }

        List<JsonNode> reports() throws Exception {
            List<String> rejected = deadLetters.readRecordsToList().stream()
                    .map(r -> r.headers().toString())
                    .limit(1)
                    .toList();
            assertThat(rejected).as("dead letters").isEmpty();
            List<JsonNode> out = new ArrayList<>();
            for (String v : reports.readValuesToList()) {
                out.add(JsonSerde.reader().readTree(v));
            }
            return out;
        }

        List<Alert> alerts() {
            return alerts.readValuesToList().stream()
                    .map(v -> JsonSerde.deserializer(Alert.class).deserialize("t", v.getBytes(StandardCharsets.UTF_8)))
                    .toList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    /** Two standard normal values with correlation {@code rho}: both marginals N(0, 1) whatever rho. */
    static double[] pair(Random r, double rho) {
        double x = r.nextGaussian();
        double y = rho * x + Math.sqrt(1 - rho * rho) * r.nextGaussian();
        return new double[] {x, y};
    }

    @Test
    void correlationFlipRaisesMultivariateDriftInTheFirstFlippedWindowAndNoUnivariateAlertInEverySeed()
            throws Exception {
        for (long seed = 0; seed < 10; seed++) {
            try (Harness h = new Harness(seed, "flip-" + seed, true)) {
                h.importReference(1_000 + seed, PER_WINDOW, 0.8);
                h.window(0, 0.8);
                h.window(1, 0.8);
                h.window(2, -0.8); // the flip
                h.window(3, -0.8); // closes window 2
                List<JsonNode> reports = h.reports();
                assertThat(reports).as("seed %d", seed).hasSize(3);
                for (int w = 0; w < 3; w++) {
                    JsonNode m = reports.get(w).get("multivariate");
                    assertThat(m.get("status").asText()).isEqualTo("judged");
                    assertThat(m.get("verdict").get("drift").asBoolean())
                            .as(
                                    "seed %d window %d: %s",
                                    seed, w, m.get("verdict").get("reason"))
                            .isEqualTo(w == 2);
                    for (JsonNode f : reports.get(w).get("features")) {
                        assertThat(f.get("verdict").asText())
                                .as("seed %d window %d feature %s", seed, w, f.get("feature"))
                                .isEqualTo("stable");
                    }
                }
                List<Alert> firing = h.alerts().stream()
                        .filter(a -> a.status() == AlertStatus.FIRING)
                        .toList();
                assertThat(firing).as("seed %d", seed).hasSize(1);
                assertThat(firing.get(0).kind()).isEqualTo(AlertKind.MULTIVARIATE_DRIFT);
                assertThat(firing.get(0).windowStartMs()).isEqualTo(BASE + 2 * SIZE);
                assertThat(firing.get(0).evidence()).contains("features x, y");
            }
        }
    }

    @Test
    void fiftyCleanWindowsRaiseNoMultivariateAlert() throws Exception {
        try (Harness h = new Harness(42, "clean", true)) {
            h.importReference(43, 5_000, 0.8);
            for (int w = 0; w <= 50; w++) {
                h.window(w, 0.8, CLEAN_PER_WINDOW);
            }
            List<JsonNode> reports = h.reports();
            assertThat(reports).hasSize(50);
            for (JsonNode r : reports) {
                JsonNode verdict = r.get("multivariate").get("verdict");
                assertThat(verdict.get("tested").asBoolean()).isTrue();
                assertThat(verdict.get("rows").asLong()).isEqualTo(CLEAN_PER_WINDOW);
                assertThat(verdict.get("drift").asBoolean())
                        .as("window %s: %s", r.get("window"), verdict.get("reason"))
                        .isFalse();
            }
            assertThat(h.alerts().stream().map(Alert::kind)).doesNotContain(AlertKind.MULTIVARIATE_DRIFT);
        }
    }

    @Test
    void switchedOffOrWithAnOldReferenceTheReportSaysSo() throws Exception {
        try (Harness h = new Harness(5, "off", false)) {
            h.importReference(6, 1_000, 0.8);
            h.window(0, -0.8, 200);
            h.window(1, -0.8, 200);
            JsonNode m = h.reports().get(0).get("multivariate");
            assertThat(m.get("status").asText()).isEqualTo("disabled");
            assertThat(h.alerts().stream().map(Alert::kind)).doesNotContain(AlertKind.MULTIVARIATE_DRIFT);
        }
        try (Harness h = new Harness(5, "old", true)) {
            // A version-1 profile, as published before the multivariate part existed.
            var profile = dev.lazaret.detectors.profile.DatasetProfile.create();
            Random r = new Random(6);
            for (int i = 0; i < 1_000; i++) {
                double[] xy = pair(r, 0.8);
                profile.update(Map.of("x", xy[0], "y", xy[1]), null);
            }
            byte[] bytes = ProfileCodec.encode(profile);
            assertThat(bytes[0]).isEqualTo(ProfileCodec.FORMAT_VERSION);
            h.profiles.pipeInput(new TestRecord<>("d1", bytes, new RecordHeaders(), BASE));
            h.window(0, -0.8, 200);
            h.window(1, -0.8, 200);
            JsonNode report = h.reports().get(0);
            assertThat(report.get("status").asText()).isEqualTo("judged");
            assertThat(report.get("multivariate").get("status").asText()).isEqualTo("not_available");
            assertThat(report.get("multivariate").get("note").asText()).contains("re-import");
        }
    }
}
