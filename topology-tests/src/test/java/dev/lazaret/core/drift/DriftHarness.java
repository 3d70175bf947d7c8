package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.core.topology.MonitorTopology;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
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
 * A drift topology under {@code TopologyTestDriver} with model {@code m1} on dataset {@code d1}: 1 s windows, no grace,
 * at least 50 events per window; events and references in, reports, alerts and dead letters out.
 */
public final class DriftHarness implements AutoCloseable {
    public static final TopicNames TOPICS = new TopicNames("lazaret.");
    public static final long BASE = 1_700_000_000_000L;
    public static final long SIZE = 1_000;

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> events;
    private final TestInputTopic<String, byte[]> profiles;
    private final TestOutputTopic<String, String> reports;
    private final TestOutputTopic<String, String> alerts;
    private final TestOutputTopic<String, byte[]> deadLetters;
    private int nextId;

    public DriftHarness(Path stateDir, boolean multivariate) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("drift.models", "m1:d1");
        settings.put("drift.window.size.ms", Long.toString(SIZE));
        settings.put("drift.window.grace.ms", "0");
        settings.put("drift.window.min.count", "50");
        settings.put("drift.multivariate.enabled", Boolean.toString(multivariate));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "multivariate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                MonitorTopology.build(new MonitorConfig(settings), new InputMetrics(new SimpleMeterRegistry())), props);
        events = driver.createInputTopic(TOPICS.inferenceEvents(), new StringSerializer(), new StringSerializer());
        profiles = driver.createInputTopic(TOPICS.profiles(), new StringSerializer(), new ByteArraySerializer());
        reports = driver.createOutputTopic(TOPICS.driftReports(), new StringDeserializer(), new StringDeserializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(), new StringDeserializer());
        deadLetters =
                driver.createOutputTopic(TOPICS.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Imports a reference built from these rows as {@code lazaret reference import} does; returns its profile. */
    public DatasetProfile importReference(List<Map<String, Object>> rows) {
        var bundle = ReferenceBuilder.build(
                "import:test", "d1", consumer -> rows.forEach(r -> consumer.accept(new ReferenceBuilder.Row(r, null))));
        publish(ProfileCodec.encode(bundle.profile()));
        return bundle.profile();
    }

    /** Publishes profile bytes as d1's reference. */
    public void publish(byte[] profile) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("lazaret.reference.id", "ref-d1".getBytes(StandardCharsets.UTF_8));
        profiles.pipeInput(new TestRecord<>("d1", profile, headers, BASE));
    }

    /** Sends the rows as events of model m1 spread over window {@code w}. */
    public void window(int w, List<Map<String, Object>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            long t = BASE + w * SIZE + i * (SIZE / rows.size());
            String features;
            try {
                features = JsonSerde.writer().writeValueAsString(rows.get(i));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            events.pipeInput(
                    "m1",
                    String.format(
                            Locale.ROOT,
                            "{\"event_id\":\"e%d\",\"model\":\"m1\",\"model_version\":\"v1\",\"timestamp\":%d,"
                                    + "\"features\":%s,\"prediction\":\"1\",\"score\":0.5}",
                            nextId++,
                            t,
                            features));
        }
    }

    /** Reports published so far; fails if anything was dead-lettered. */
    public List<JsonNode> reports() throws Exception {
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

    /** Dead letters written so far (read once): reason and detail headers, in order. */
    public List<String[]> deadLetters() {
        return deadLetters.readRecordsToList().stream()
                .map(r -> new String[] {
                    new String(r.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8),
                    new String(r.headers().lastHeader(DeadLetterHeaders.DETAIL).value(), StandardCharsets.UTF_8)
                })
                .toList();
    }

    public List<Alert> alerts() {
        return alerts.readValuesToList().stream()
                .map(v -> JsonSerde.deserializer(Alert.class).deserialize("t", v.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
