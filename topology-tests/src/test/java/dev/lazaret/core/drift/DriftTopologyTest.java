package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.core.topology.MonitorTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftTopologyTest {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");
    private static final long BASE = 1_700_000_000_000L;
    private static final long SIZE = 1_000;
    private static final long GRACE = 200;

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DriftTraffic traffic = new DriftTraffic(7, 4);
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> events;
    private TestInputTopic<String, String> feedback;
    private TestInputTopic<String, byte[]> profiles;
    private TestOutputTopic<String, String> reports;
    private TestOutputTopic<String, String> alerts;
    private TestOutputTopic<String, byte[]> deadLetters;
    private int nextId;

    @BeforeEach
    void setUp() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("drift.models", "m1:d1,m2:d2");
        settings.put("drift.window.size.ms", Long.toString(SIZE));
        settings.put("drift.window.grace.ms", Long.toString(GRACE));
        settings.put("drift.window.min.count", "50");
        settings.put("drift.feedback.join.window.ms", "5000");
        settings.put("drift.performance.baseline.labels", "100");
        settings.put("alerts.resolve.after.windows", "2");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "drift-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                MonitorTopology.build(new MonitorConfig(settings), new InputMetrics(registry)), props);
        events = driver.createInputTopic(TOPICS.inferenceEvents(), new StringSerializer(), new StringSerializer());
        feedback = driver.createInputTopic(TOPICS.inferenceFeedback(), new StringSerializer(), new StringSerializer());
        profiles = driver.createInputTopic(TOPICS.profiles(), new StringSerializer(), new ByteArraySerializer());
        reports = driver.createOutputTopic(TOPICS.driftReports(), new StringDeserializer(), new StringDeserializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(), new StringDeserializer());
        deadLetters =
                driver.createOutputTopic(TOPICS.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void publishReference(String dataset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("lazaret.reference.id", ("ref-" + dataset).getBytes(StandardCharsets.UTF_8));
        profiles.pipeInput(new TestRecord<>(dataset, traffic.reference(5_000), headers, BASE));
    }

    /** Sends {@code n} events spread over window {@code w} of model m1; returns their ids. */
    private List<String> window(int w, int n, int shifted, double shift) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "e" + nextId++;
            ids.add(id);
            events.pipeInput("m1", traffic.event("m1", id, BASE + w * SIZE + i * (SIZE / n), shifted, shift));
        }
        return ids;
    }

    private List<JsonNode> readReports() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String value : reports.readValuesToList()) {
            out.add(JsonSerde.reader().readTree(value));
        }
        return out;
    }

    private List<Alert> readAlerts() {
        return alerts.readValuesToList().stream()
                .map(v -> JsonSerde.deserializer(Alert.class).deserialize("t", v.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    @Test
    void shouldReportEachWindowOnceWhenEventTimePassesItsEndPlusGrace() throws Exception {
        publishReference("d1");
        window(0, 100, 0, 0);
        assertThat(readReports()).isEmpty();
        window(1, 10, 0, 0); // event time reaches 1900 > 1000 + 200: window 0 closes
        List<JsonNode> first = readReports();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).get("status").asText()).isEqualTo("judged");
        assertThat(first.get(0).get("window_start_ms").asLong()).isEqualTo(BASE);
        assertThat(first.get(0).get("events").asLong()).isEqualTo(100);
        assertThat(first.get(0).get("reference_id").asText()).isEqualTo("ref-d1");
        assertThat(first.get(0).get("model_versions").get("v1").asLong()).isEqualTo(100);
        assertThat(first.get(0).get("features")).hasSize(4);
        assertThat(first.get(0).get("features").get(0).get("method").asText()).isEqualTo("ks-sketch");
        window(1, 50, 0, 0);
        assertThat(readReports())
                .as("more events of a later window close nothing again")
                .isEmpty();
        window(3, 10, 0, 0);
        List<JsonNode> second = readReports();
        assertThat(second).hasSize(1);
        assertThat(second.get(0).get("window_start_ms").asLong()).isEqualTo(BASE + SIZE);
        assertThat(second.get(0).get("events").asLong()).isEqualTo(60);
        assertThat(registry.get(DriftMetrics.WINDOWS)
                        .tags("model", "m1", "result", "judged")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void shouldAcceptOutOfOrderEventsWithinGraceAndDeadLetterThemBeyond() throws Exception {
        publishReference("d1");
        window(0, 60, 0, 0);
        events.pipeInput("m1", traffic.event("m1", "late-ok", BASE + SIZE + 100, 0, 0)); // event time 1100
        events.pipeInput("m1", traffic.event("m1", "in-grace", BASE + 500, 0, 0)); // window 0, within grace
        assertThat(deadLetters.isEmpty()).isTrue();
        events.pipeInput("m1", traffic.event("m1", "closer", BASE + SIZE + GRACE + 1, 0, 0));
        JsonNode report = readReports().get(0);
        assertThat(report.get("events").asLong()).isEqualTo(61);
        events.pipeInput("m1", traffic.event("m1", "too-late", BASE + 999, 0, 0));
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("INVALID_VALUE");
        assertThat(header(dead, DeadLetterHeaders.DETAIL)).contains("too late");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"event_id\":\"too-late\"");
        events.pipeInput("m1", traffic.event("m1", "future", System.currentTimeMillis() + 10 * 86_400_000L, 0, 0));
        assertThat(header(deadLetters.readRecord(), DeadLetterHeaders.DETAIL)).contains("drift.max.future.ms");
    }

    @Test
    void shouldDeadLetterUnknownModelsMissingFeaturesAndWrongTypes() {
        publishReference("d1");
        events.pipeInput("nobody", traffic.event("nobody", "u1", BASE, 0, 0));
        events.pipeInput(
                "m1",
                "{\"event_id\":\"x\",\"model\":\"m1\",\"model_version\":\"1\",\"timestamp\":" + BASE
                        + ",\"features\":{\"f00\":1},\"prediction\":\"1\",\"score\":0.1}");
        events.pipeInput(
                "m1",
                "{\"event_id\":\"y\",\"model\":\"m1\",\"model_version\":\"1\",\"timestamp\":" + BASE
                        + ",\"features\":{\"f00\":1,\"f01\":\"a\",\"f02\":1,\"f03\":1},\"prediction\":\"1\"}");
        feedback.pipeInput("nobody", traffic.feedback("nobody", "u1", BASE, false));
        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly("UNKNOWN_MODEL", "MISSING_FIELD", "WRONG_TYPE", "UNKNOWN_MODEL");
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPICS.inferenceEvents());
        assertThat(header(dead.get(3), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPICS.inferenceFeedback());
        assertThat(registry.get(InputMetrics.DEAD_LETTERS)
                        .tags("topic", "inference.events", "reason", "unknown_model")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldReportNoReferenceAndRaiseNothingUntilAReferenceExists() throws Exception {
        window(0, 100, 2, 3.0);
        window(2, 10, 0, 0);
        JsonNode report = readReports().get(0);
        assertThat(report.get("status").asText()).isEqualTo("no_reference");
        assertThat(alerts.isEmpty()).isTrue();
        publishReference("d1");
        window(4, 10, 0, 0);
        assertThat(readReports().get(0).get("status").asText())
                .as("window 2 had 10 events")
                .isEqualTo("too_few");
    }

    @Test
    void shouldFireOnceWhileDriftLastsAndResolveAfterItClears() throws Exception {
        publishReference("d1");
        for (int w = 0; w < 3; w++) {
            window(w, 200, 0, 0);
        }
        for (int w = 3; w < 9; w++) {
            window(w, 200, 1, 2.0);
        }
        for (int w = 9; w < 14; w++) {
            window(w, 200, 0, 0);
        }
        List<Alert> fired = readAlerts();
        List<Alert> featureAlerts =
                fired.stream().filter(a -> a.kind() == AlertKind.FEATURE_DRIFT).toList();
        assertThat(featureAlerts).extracting(Alert::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(featureAlerts).extracting(Alert::feature).containsOnly("f00");
        assertThat(featureAlerts.get(0).windowStartMs()).isEqualTo(BASE + 3 * SIZE);
        assertThat(featureAlerts.get(1).alertId())
                .isEqualTo(featureAlerts.get(0).alertId());
        assertThat(featureAlerts.get(0).runbookUrl()).endsWith("#feature_drift");
        assertThat(featureAlerts.get(0).severity().name()).isEqualTo("WARNING");
        assertThat(registry.get("lazaret.alerts.raised")
                        .tags("kind", "feature_drift", "severity", "warning")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("lazaret.alerts.firing")
                        .tags("kind", "feature_drift", "severity", "warning")
                        .gauge()
                        .value())
                .isZero();
        assertThat(registry.get(DriftMetrics.SCORE)
                        .tags("model", "m1", "feature", "f00", "method", "ks-sketch")
                        .gauge()
                        .value())
                .isPositive();
    }

    @Test
    void shouldJoinFeedbackThatArrivesBeforeItsEventAndCountErrors() throws Exception {
        publishReference("d1");
        String event = traffic.event("m1", "early", BASE + 10, 0, 0);
        feedback.pipeInput("m1", traffic.feedback("m1", "early", BASE + 5, true));
        events.pipeInput("m1", event);
        window(0, 60, 0, 0);
        window(2, 10, 0, 0);
        JsonNode performance = readReports().get(0).get("performance");
        assertThat(performance.get("labelled").asLong()).isEqualTo(1);
        assertThat(performance.get("errors").asLong()).isEqualTo(1);
    }

    @Test
    void shouldLeaveEventsUnlabelledWhenFeedbackNeverArrives() throws Exception {
        publishReference("d1");
        window(0, 60, 0, 0);
        window(2, 60, 0, 0);
        window(9, 10, 0, 0); // past the 5 s join window: pending predictions are forgotten
        feedback.pipeInput("m1", traffic.feedback("m1", "e0", BASE + 9_500, false));
        window(11, 10, 0, 0);
        List<JsonNode> all = readReports();
        assertThat(all)
                .allSatisfy(r -> assertThat(r.get("performance").get("labelled").asLong())
                        .isZero());
        assertThat(alerts.readValuesToList()).noneMatch(a -> a.contains("PERFORMANCE_DEGRADATION"));
    }

    @Test
    void shouldRaisePerformanceDegradationWhenErrorRateRises() throws Exception {
        publishReference("d1");
        for (int w = 0; w < 12; w++) {
            double errorRate = w < 6 ? 0.1 : 0.5;
            for (String id : window(w, 100, 0, 0)) {
                feedback.pipeInput("m1", traffic.feedback("m1", id, BASE + w * SIZE + 900, traffic.chance(errorRate)));
            }
        }
        List<Alert> degradations = readAlerts().stream()
                .filter(a -> a.kind() == AlertKind.PERFORMANCE_DEGRADATION)
                .toList();
        assertThat(degradations).extracting(Alert::status).containsExactly(AlertStatus.FIRING);
        assertThat(degradations.get(0).windowStartMs()).isGreaterThanOrEqualTo(BASE + 6 * SIZE);
        assertThat(degradations.get(0).severity().name()).isEqualTo("CRITICAL");
    }

    private static String header(TestRecord<?, ?> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
