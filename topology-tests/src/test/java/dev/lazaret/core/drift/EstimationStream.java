package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.core.topology.MonitorTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

/**
 * The whole topology under {@code TopologyTestDriver} for performance-estimation tests (binary, multiclass,
 * recalibration): 1 s windows without grace, at least 100 events a window; events go in as they are generated, their
 * labels {@code labelDelay} windows later. Settings given by the test are added to those.
 */
final class EstimationStream implements AutoCloseable {
    static final TopicNames TOPICS = new TopicNames("lazaret.");
    static final long BASE = 1_700_000_000_000L;
    static final long SIZE = 1_000;

    private final TopologyTestDriver driver;
    private final int labelDelay;
    private final TestInputTopic<String, String> events;
    private final TestInputTopic<String, String> feedback;
    final TestInputTopic<String, String> recalibrations;
    private final TestInputTopic<String, byte[]> profiles;
    private final TestOutputTopic<String, String> reports;
    private final TestOutputTopic<String, String> alerts;
    final TestOutputTopic<String, String> audit;
    final TestOutputTopic<String, byte[]> deadLetters;
    /** Per window, the labels of its events (event id, label, model), sent {@code labelDelay} windows later. */
    private final Map<Integer, List<String[]>> labels = new HashMap<>();

    EstimationStream(Path stateDir, String applicationId, int labelDelay, Map<String, Object> extraSettings) {
        this.labelDelay = labelDelay;
        Map<String, Object> settings = new HashMap<>();
        settings.put("drift.window.size.ms", Long.toString(SIZE));
        settings.put("drift.window.grace.ms", "0");
        settings.put("drift.window.min.count", "100");
        settings.putAll(extraSettings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                MonitorTopology.build(new MonitorConfig(settings), new InputMetrics(new SimpleMeterRegistry())), props);
        events = driver.createInputTopic(TOPICS.inferenceEvents(), new StringSerializer(), new StringSerializer());
        feedback = driver.createInputTopic(TOPICS.inferenceFeedback(), new StringSerializer(), new StringSerializer());
        recalibrations =
                driver.createInputTopic(TOPICS.modelRecalibrations(), new StringSerializer(), new StringSerializer());
        profiles = driver.createInputTopic(TOPICS.profiles(), new StringSerializer(), new ByteArraySerializer());
        reports = driver.createOutputTopic(TOPICS.driftReports(), new StringDeserializer(), new StringDeserializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(), new StringDeserializer());
        audit = driver.createOutputTopic(TOPICS.audit(), new StringDeserializer(), new StringDeserializer());
        deadLetters =
                driver.createOutputTopic(TOPICS.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Publishes profile bytes as the dataset's reference. */
    void reference(String dataset, byte[] profile) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("lazaret.reference.id", ("ref-" + dataset).getBytes(StandardCharsets.UTF_8));
        profiles.pipeInput(new TestRecord<>(dataset, profile, headers, BASE));
    }

    /**
     * Sends event {@code i} of window {@code w} with one feature x, and queues its label.
     *
     * @param scores the JSON of its scores: {@code "score":0.7} or {@code "scores":{"a":0.2,...}}
     */
    void event(String model, int w, int i, double x, String prediction, String scores, String label) {
        String id = model + "-w" + w + "-" + i;
        events.pipeInput(
                model,
                String.format(
                        Locale.ROOT,
                        "{\"event_id\":\"%s\",\"model\":\"%s\",\"model_version\":\"v1\",\"timestamp\":%d,"
                                + "\"features\":{\"x\":%s},\"prediction\":\"%s\",%s}",
                        id,
                        model,
                        BASE + w * SIZE + i,
                        x,
                        prediction,
                        scores));
        labels.computeIfAbsent(w, k -> new ArrayList<>()).add(new String[] {id, label, model});
    }

    /** Sends the labels due in window {@code w}: those of window {@code w - labelDelay}, half-way through it. */
    void labelsDue(int w) {
        List<String[]> due = labels.remove(w - labelDelay);
        if (due == null) {
            return;
        }
        for (String[] label : due) {
            feedback.pipeInput(
                    label[2],
                    String.format(
                            Locale.ROOT,
                            "{\"event_id\":\"%s\",\"model\":\"%s\",\"label\":\"%s\",\"timestamp\":%d}",
                            label[0],
                            label[2],
                            label[1],
                            BASE + w * SIZE + SIZE / 2));
        }
    }

    /** The reports published since the last call. */
    List<JsonNode> reports() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String value : reports.readValuesToList()) {
            out.add(JsonSerde.reader().readTree(value));
        }
        return out;
    }

    /** The alerts published since the last call. */
    List<Alert> alerts() {
        return alerts.readValuesToList().stream()
                .map(v -> JsonSerde.deserializer(Alert.class).deserialize("t", v.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    static int windowIndex(long startMs) {
        return (int) ((startMs - BASE) / SIZE);
    }

    /**
     * The estimated accuracy drop names its band and baseline, fires in window {@code shiftAt}, and comes at least 3
     * windows before the realised error-rate detector's {@code PERFORMANCE_DEGRADATION}.
     */
    static void assertAccuracyDropEstimatedBeforeRealised(List<Alert> drops, List<Alert> all, int shiftAt) {
        Alert accuracy = drops.stream()
                .filter(a -> "accuracy".equals(a.feature()))
                .findFirst()
                .orElseThrow();
        assertThat(accuracy.evidence()).contains("estimated accuracy", "±", "baseline");
        Alert degradation = all.stream()
                .filter(a -> a.kind() == AlertKind.PERFORMANCE_DEGRADATION && a.status() == AlertStatus.FIRING)
                .findFirst()
                .orElseThrow();
        int estimatedAt = windowIndex(accuracy.windowStartMs());
        int realisedAt = windowIndex(degradation.windowStartMs());
        assertThat(estimatedAt).isEqualTo(shiftAt);
        assertThat(realisedAt - estimatedAt).isGreaterThanOrEqualTo(3);
    }

    /** Window index to the accuracy estimation error (estimate − realised) reported once its labels were in. */
    static Map<Integer, Double> accuracyErrors(List<JsonNode> reports) {
        Map<Integer, Double> errors = new HashMap<>();
        for (JsonNode report : reports) {
            for (JsonNode realised : report.get("estimated_performance").get("realised")) {
                for (JsonNode metric : realised.get("metrics")) {
                    if (metric.get("metric").asText().equals("accuracy")) {
                        errors.put(
                                windowIndex(realised.get("window_start_ms").asLong()),
                                metric.get("estimation_error").asDouble());
                    }
                }
            }
        }
        return errors;
    }

    @Override
    public void close() {
        driver.close();
    }
}
