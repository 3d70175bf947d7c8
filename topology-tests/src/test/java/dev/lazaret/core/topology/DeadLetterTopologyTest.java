package dev.lazaret.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.core.topics.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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

class DeadLetterTopologyTest {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void setUp() {
        // Model "m" is configured, so its valid events pass the drift side instead of being dead-lettered as unknown.
        MonitorConfig config =
                new MonitorConfig(Map.of(MonitorConfig.INPUT_MAX_RECORD_BYTES_CONFIG, "512", "drift.models", "m:d"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(MonitorTopology.build(config, new InputMetrics(registry)), props);
        deadLetters =
                driver.createOutputTopic(TOPICS.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private TestInputTopic<String, String> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    @Test
    void shouldSendMalformedJsonToDeadLetterWithReasonAndSource() {
        input(TOPICS.inferenceEvents()).pipeInput("fraud", "{not json");

        TestRecord<String, byte[]> dead = deadLetters.readRecord();

        assertThat(dead.key()).isEqualTo("fraud");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_JSON");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPICS.inferenceEvents());
        assertThat(header(dead, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(deadLetterCount("inference.events", "malformed_json")).isEqualTo(1.0);
    }

    @Test
    void shouldNameTheFieldWhenATypeIsWrong() {
        input(TOPICS.trainingRecords())
                .pipeInput("b1", "{\"batch_id\":\"b1\",\"dataset\":\"d\",\"seq\":\"one\",\"features\":{}}");

        TestRecord<String, byte[]> dead = deadLetters.readRecord();

        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("WRONG_TYPE");
        assertThat(header(dead, DeadLetterHeaders.DETAIL)).contains("'seq'");
    }

    @Test
    void shouldRejectOversizedRecordsBeforeParsing() {
        String big = "{\"pad\":\"" + "x".repeat(600) + "\"}";
        input(TOPICS.inferenceFeedback()).pipeInput("m", big);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();

        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("OVERSIZED");
        assertThat(dead.value()).hasSize(big.length());
    }

    @Test
    void shouldKeepProcessingAfterBadRecordsAndLetValidOnesThrough() {
        TestInputTopic<String, String> events = input(TOPICS.inferenceEvents());
        events.pipeInput("m", "[1,2,3]");
        events.pipeInput("m", validEvent("m"));
        events.pipeInput("other", validEvent("m"));
        events.pipeInput("m", "{\"event_id\":\"e\",\"model\":\"m\"}");

        List<String> reasons = deadLetters.readRecordsToList().stream()
                .map(r -> header(r, DeadLetterHeaders.REASON))
                .toList();

        assertThat(reasons).containsExactly("NOT_AN_OBJECT", "KEY_MISMATCH", "MISSING_FIELD");
        assertThat(registry.get(InputMetrics.INPUT_RECORDS)
                        .tags("topic", "inference.events", "result", "valid")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldRegisterEveryDeadLetterCounterAtZeroSoDashboardsHaveData() {
        assertThat(registry.find(InputMetrics.DEAD_LETTERS).counters())
                .hasSize(TOPICS.inputs().size() * RejectReason.values().length);
        assertThat(deadLetterCount("training.manifests", "oversized")).isZero();
    }

    private double deadLetterCount(String topic, String reason) {
        return registry.get(InputMetrics.DEAD_LETTERS)
                .tags("topic", topic, "reason", reason)
                .counter()
                .count();
    }

    private static String validEvent(String model) {
        return "{\"event_id\":\"e-1\",\"model\":\"" + model + "\",\"model_version\":\"3\","
                + "\"timestamp\":\"2026-11-22T10:00:00Z\",\"features\":{\"x\":1.5,\"c\":\"a\",\"b\":true,\"n\":null},"
                + "\"prediction\":\"fraud\",\"score\":0.9}";
    }

    private static String header(TestRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
