package dev.lazaret.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.topics.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(300)
class DeadLetterIT {
    private static final TopicNames TOPICS = new TopicNames("dead-letter-it.");
    private static final KafkaFixture kafka = KafkaFixture.shared();

    @TempDir
    Path dataDir;

    @Test
    void shouldRouteBadRecordsToDeadLetterTopicOnARealBroker() throws Exception {
        Map<String, String> settings = Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "dead-letter-it",
                "topic.prefix", TOPICS.prefix(),
                "data.dir", dataDir.toString(),
                "http.port", "0",
                "topic.partitions", "2",
                "input.max.record.bytes", "1024",
                "kafka.commit.interval.ms", "100",
                "drift.models", "fraud:fraud"); // so the valid event is not dead-lettered as an unknown model
        try (LazaretRuntime runtime = new LazaretRuntime(ConfigLoader.load(null, Map.of(), settings))) {
            runtime.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> runtime.streamsState() == KafkaStreams.State.RUNNING);

            KafkaTestClients.produce(
                    kafka.bootstrapServers(),
                    List.of(
                            new ProducerRecord<>(TOPICS.inferenceEvents(), "fraud", "{not json"),
                            new ProducerRecord<>(
                                    TOPICS.trainingManifests(), "b1", "{\"batch_id\":\"b1\",\"dataset\":\"d\"}"),
                            new ProducerRecord<>(TOPICS.inferenceFeedback(), "fraud", "x".repeat(2048)),
                            new ProducerRecord<>(
                                    TOPICS.inferenceEvents(),
                                    "fraud",
                                    "{\"event_id\":\"e1\",\"model\":\"fraud\",\"model_version\":\"1\","
                                            + "\"timestamp\":1700000000000,\"features\":{\"x\":1},\"prediction\":1,"
                                            + "\"score\":0.2}")));

            List<ConsumerRecord<String, String>> dead = KafkaTestClients.readCommitted(
                    kafka.bootstrapServers(), TOPICS.deadLetter(), 3, Duration.ofSeconds(60));

            assertThat(dead)
                    .extracting(r -> KafkaTestClients.header(r, DeadLetterHeaders.REASON))
                    .containsExactlyInAnyOrder("MALFORMED_JSON", "MISSING_FIELD", "OVERSIZED");
            ConsumerRecord<String, String> malformed = dead.stream()
                    .filter(r -> "MALFORMED_JSON".equals(KafkaTestClients.header(r, DeadLetterHeaders.REASON)))
                    .findFirst()
                    .orElseThrow();
            assertThat(malformed.value()).isEqualTo("{not json");
            assertThat(KafkaTestClients.header(malformed, DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo(TOPICS.inferenceEvents());
            assertThat(KafkaTestClients.header(malformed, DeadLetterHeaders.SOURCE_OFFSET))
                    .isEqualTo("0");
            assertThat(runtime.registry().get(InputMetrics.DEAD_LETTERS).counters().stream()
                            .mapToDouble(c -> c.count())
                            .sum())
                    .isEqualTo(3.0);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + "/readyz"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body())
                    .contains("lazaret_dead_letters_total{reason=\"malformed_json\",topic=\"inference.events\"} 1.0")
                    .contains("kafka_stream_");
        }
    }
}
