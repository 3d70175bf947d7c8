package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.app.StreamsHealth;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input can stop processing, on a real broker with exactly-once: an id too long for its outputs is refused by the
 * parse step and a record just above {@code input.max.record.bytes} (default) is OVERSIZED, each followed by a
 * valid batch that gets its verdict. An output the broker itself refuses cannot be skipped under exactly-once (the
 * refusal aborts the transaction, whatever the production exception handler answers): the stream thread fails and is
 * replaced until it fits, and {@code /readyz} answers 503 throughout and 200 once it is over.
 */
@Tag("integration")
@Timeout(300)
class OutputLimitsIT {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");

    @TempDir
    Path work;

    @Test
    void shouldKeepJudgingBatchesAfterRecordsWhoseOutputsWouldBeTooLarge() throws Exception {
        TestBatches batches = new TestBatches();
        try (KafkaFixture kafka = KafkaFixture.start()) {
            String bs = kafka.bootstrapServers();
            Path keyring = batches.writeKeyring(work);
            try (LazaretRuntime runtime = new LazaretRuntime(new MonitorConfig(Map.of(
                    MonitorConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bs,
                    MonitorConfig.DATA_DIR_CONFIG,
                    work.resolve("data").toString(),
                    MonitorConfig.HTTP_PORT_CONFIG,
                    "0",
                    MonitorConfig.TOPIC_PARTITIONS_CONFIG,
                    "1",
                    QuarantineSettings.KEYRING_FILE_CONFIG,
                    keyring.toString(),
                    QuarantineSettings.PUNCTUATE_INTERVAL_MS_CONFIG,
                    "100",
                    // /readyz tells the truth again this long after the last failure (30 s in production)
                    MonitorConfig.READINESS_QUIET_PERIOD_MS_CONFIG,
                    "5000",
                    "kafka.commit.interval.ms",
                    "100")))) {
                runtime.start();
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> runtime.streamsState() == KafkaStreams.State.RUNNING);

                // 1. the reported case: a well-formed manifest whose batch id is ~480 KB
                String hugeId = "b".repeat(480 * 1024);
                send(bs, batches, hugeId, 5, 1);
                ConsumerRecord<String, String> refused = deadLetter(bs, "INVALID_VALUE");
                assertThat(KafkaTestClients.header(refused, DeadLetterHeaders.DETAIL))
                        .contains("'batch_id'", "limit is 256");
                int verdictBytes = verdictOf(bs, "ok-1", batches, 2).length;

                // 2. OVERSIZED is reachable with the default input.max.record.bytes: the broker takes the record
                String big = "{\"batch_id\":\"ok-x\",\"pad\":\"" + "p".repeat(1_010_000) + "\"}";
                KafkaTestClients.produce(bs, List.of(new ProducerRecord<>(TOPICS.trainingRecords(), "ok-x", big)));
                ConsumerRecord<String, String> oversized = deadLetter(bs, "OVERSIZED");
                assertThat(oversized.value()).isEqualTo(big);

                // 3. an output the broker refuses (the verdicts topic now takes less than a verdict). Under
                // exactly-once the refusal aborts the transaction, so the stream thread fails and is replaced until
                // the output fits; /readyz must say so, and tell the truth again once it is over.
                HttpClient http = HttpClient.newHttpClient();
                URI readyz = URI.create("http://127.0.0.1:" + runtime.httpPort() + "/readyz");
                assertThat(get(http, readyz).statusCode()).isEqualTo(200);
                setMaxMessageBytes(bs, verdictBytes / 2);
                send(bs, batches, "ok-2", 5, 3);
                AtomicReference<String> failing = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            HttpResponse<String> r = get(http, readyz);
                            if (r.statusCode() == 503
                                    && runtime.registry()
                                                    .get(StreamsHealth.THREAD_FAILURES)
                                                    .counter()
                                                    .count()
                                            > 0) {
                                failing.set(r.body());
                                return true;
                            }
                            return false;
                        });
                System.out.println("OutputLimitsIT: /readyz while the verdict is refused: "
                        + failing.get().trim());
                assertThat(failing.get()).contains("stream thread failed");

                setMaxMessageBytes(bs, 1_048_588);
                long back = System.nanoTime();
                await().atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> get(http, readyz).statusCode() == 200);
                System.out.println("OutputLimitsIT: ready again "
                        + Duration.ofNanos(System.nanoTime() - back).toSeconds()
                        + " s after the topic took the verdict, "
                        + runtime.registry()
                                .get(StreamsHealth.THREAD_FAILURES)
                                .counter()
                                .count()
                        + " stream-thread failures");
                assertThat(verdictOf(bs, "ok-3", batches, 4)).isNotEmpty();
                assertThat(runtime.streamsState()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    private static void setMaxMessageBytes(String bs, int bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bs))) {
            ConfigResource verdicts = new ConfigResource(ConfigResource.Type.TOPIC, TOPICS.trainingVerdicts());
            admin.incrementalAlterConfigs(Map.of(
                            verdicts,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void send(String bs, TestBatches batches, String batchId, int n, long seed) {
        List<TrainingRecord> records = TestBatches.clean(batchId, n, seed, 0);
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        records.forEach(r -> out.add(new ProducerRecord<>(TOPICS.trainingRecords(), batchId, TestBatches.json(r))));
        out.add(new ProducerRecord<>(
                TOPICS.trainingManifests(), batchId, TestBatches.json(batches.manifest(batchId, records))));
        KafkaTestClients.produce(bs, out);
    }

    private static byte[] verdictOf(String bs, String batchId, TestBatches batches, long seed) {
        send(bs, batches, batchId, 5, seed);
        return KafkaTestClients.awaitCommitted(
                        bs, TOPICS.trainingVerdicts(), r -> batchId.equals(r.key()), Duration.ofSeconds(60))
                .value()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, String> deadLetter(String bs, String reason) {
        return KafkaTestClients.awaitCommitted(
                bs,
                TOPICS.deadLetter(),
                r -> reason.equals(KafkaTestClients.header(r, DeadLetterHeaders.REASON)),
                Duration.ofSeconds(60));
    }
}
