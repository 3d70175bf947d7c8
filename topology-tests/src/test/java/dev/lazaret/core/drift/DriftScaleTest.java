package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.drift.internal.WriteBackStore;
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
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

/** Issue #5 item 5: 500 features in one model and 200 models work, and the open state stays bounded. */
class DriftScaleTest {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");
    private static final long BASE = 1_700_000_000_000L;
    private static final long SIZE = 1_000;
    private static final int PER_WINDOW = 60;

    @TempDir
    Path stateDir;

    @Test
    void shouldJudgeEveryFeatureWhenOneModelHas500Features() throws Exception {
        DriftTraffic traffic = new DriftTraffic(3, 500);
        try (TopologyTestDriver driver = driver(Map.of("wide", "d"))) {
            publish(driver, "d", traffic.reference(1_000));
            TestInputTopic<String, String> events = events(driver);
            for (int w = 0; w < 3; w++) {
                for (int i = 0; i < PER_WINDOW; i++) {
                    long ts = BASE + w * SIZE + i * (SIZE / PER_WINDOW);
                    events.pipeInput("wide", traffic.event("wide", "e" + w + "-" + i, ts, 0, 0));
                }
            }
            List<JsonNode> reports = reports(driver);
            assertThat(reports).hasSize(2);
            for (JsonNode report : reports) {
                assertThat(report.get("status").asText()).isEqualTo("judged");
                assertThat(report.get("features")).hasSize(500);
            }
            assertBoundedOpenWindows(driver, 1);
        }
    }

    @Test
    void shouldReportEveryModelWhen200ModelsShareTheTopic() throws Exception {
        DriftTraffic traffic = new DriftTraffic(4, 4);
        Map<String, String> models = new HashMap<>();
        for (int m = 0; m < 200; m++) {
            models.put("m" + m, "d");
        }
        try (TopologyTestDriver driver = driver(models)) {
            publish(driver, "d", traffic.reference(2_000));
            TestInputTopic<String, String> events = events(driver);
            for (int w = 0; w < 2; w++) {
                for (int i = 0; i < PER_WINDOW; i++) {
                    long ts = BASE + w * SIZE + i * (SIZE / PER_WINDOW);
                    for (int m = 0; m < 200; m++) {
                        events.pipeInput("m" + m, traffic.event("m" + m, "e" + m + "-" + w + "-" + i, ts, 0, 0));
                    }
                }
            }
            // The first event of window 2 closes window 0 of every model (one task: one watermark).
            events.pipeInput("m0", traffic.event("m0", "last", BASE + 2 * SIZE + 300, 0, 0));
            List<JsonNode> reports = reports(driver);
            assertThat(reports.stream().map(r -> r.get("model").asText()).distinct())
                    .hasSize(200);
            assertThat(reports)
                    .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("judged"));
            assertBoundedOpenWindows(driver, 200);
        }
    }

    /** Closed windows leave the store: what stays is at most two open windows per model and the watermark. */
    private static void assertBoundedOpenWindows(TopologyTestDriver driver, int models) {
        WriteBackStore windows = (WriteBackStore) driver.getStateStore(DriftProcessor.WINDOWS_STORE);
        assertThat(windows.keys().size()).isLessThanOrEqualTo(2 * models + 1);
    }

    private TopologyTestDriver driver(Map<String, String> models) {
        Map<String, Object> settings = new HashMap<>();
        List<String> pairs = new ArrayList<>();
        models.forEach((m, d) -> pairs.add(m + ":" + d));
        settings.put("drift.models", String.join(",", pairs));
        settings.put("drift.window.size.ms", Long.toString(SIZE));
        settings.put("drift.window.grace.ms", "200");
        settings.put("drift.window.min.count", "50");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "drift-scale-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new TopologyTestDriver(
                MonitorTopology.build(new MonitorConfig(settings), new InputMetrics(registry)), props);
    }

    private static void publish(TopologyTestDriver driver, String dataset, byte[] reference) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("lazaret.reference.id", "scale".getBytes(StandardCharsets.UTF_8));
        driver.createInputTopic(TOPICS.profiles(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(dataset, reference, headers, BASE));
    }

    private static TestInputTopic<String, String> events(TopologyTestDriver driver) {
        return driver.createInputTopic(TOPICS.inferenceEvents(), new StringSerializer(), new StringSerializer());
    }

    private static List<JsonNode> reports(TopologyTestDriver driver) throws Exception {
        TestOutputTopic<String, String> out =
                driver.createOutputTopic(TOPICS.driftReports(), new StringDeserializer(), new StringDeserializer());
        List<JsonNode> reports = new ArrayList<>();
        for (String value : out.readValuesToList()) {
            reports.add(JsonSerde.reader().readTree(value));
        }
        return reports;
    }
}
