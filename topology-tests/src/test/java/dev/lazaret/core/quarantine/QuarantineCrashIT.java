package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once release across crashes: the runnable jar, on a real broker, is killed (SIGKILL, no clean close) three
 * times while it releases a 200,000-record batch, and restarted each time. Afterwards, read with read_committed, every
 * record of every batch is on exactly one of approved and rejected, exactly once, and every batch has one verdict.
 */
@Tag("integration")
@Timeout(360)
class QuarantineCrashIT {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");
    private static final int BIG = 200_000;
    private static final int TIMED = 100_000;
    private static final int SMALL = 1_000;
    private static final int KILLS = 3;

    private static KafkaFixture kafka;

    @TempDir
    Path work;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaFixture.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void shouldReleaseEveryRecordExactlyOnceWhenKilledRepeatedlyWhileReleasing() throws Exception {
        TestBatches batches = new TestBatches();
        Path keyring = batches.writeKeyring(work);
        // no reference and no bootstrap: this test is about delivery, so only the integrity checks decide
        Path policy = Files.writeString(
                work.resolve("policy.properties"), "default.check.reference=warn\ndefault.reference.bootstrap=false\n");
        List<String> args = List.of(
                "run",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--data-dir",
                work.resolve("data").toString(),
                "--http-port",
                String.valueOf(freePort()),
                "--set",
                "topic.partitions=2",
                "--set",
                "quarantine.keyring.file=" + keyring,
                "--set",
                "quarantine.policy.file=" + policy,
                "--set",
                "quarantine.release.chunk.records=20000",
                "--set",
                "kafka.commit.interval.ms=200");

        // Lazaret creates the topics (the broker does not auto-create them), so it starts first
        Process app = start(args, work.resolve("run-0.log"));
        awaitTopics(app, work.resolve("run-0.log"));
        Map<String, Integer> expected = new HashMap<>();
        List<TrainingRecord> big = TestBatches.clean("big", BIG, 1, 0);
        List<TrainingRecord> small = TestBatches.clean("small", SMALL, 2, 0);
        List<TrainingRecord> tampered = new ArrayList<>(TestBatches.clean("tampered", SMALL, 3, 0));
        BatchManifest tamperedManifest = batches.manifest("tampered", tampered);
        tampered.set(7, TestBatches.withLabel(tampered.get(7), "x"));
        produce(big, batches.manifest("big", big));
        produce(small, batches.manifest("small", small));
        produce(tampered, tamperedManifest);
        expected.put("big", BIG);
        expected.put("small", SMALL);
        expected.put("tampered", SMALL);

        List<Long> killedAt = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            long before = releasedOffsets();
            // wait until this run has released at least one more chunk, then pull the plug mid-release
            awaitReleasedBeyond(app, before + 20_000, work.resolve("run-" + (kill - 1) + ".log"));
            app.destroyForcibly();
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            killedAt.add(releasedOffsets());
            app = start(args, work.resolve("run-" + kill + ".log"));
        }
        List<TrainingRecord> timed = TestBatches.clean("timed", TIMED, 4, 0);
        produce(timed, batches.manifest("timed", timed));
        expected.put("timed", TIMED);
        int total = expected.values().stream().mapToInt(Integer::intValue).sum();

        List<ConsumerRecord<String, String>> approved = KafkaTestClients.readCommitted(
                kafka.bootstrapServers(), TOPICS.trainingApproved(), total - SMALL, Duration.ofSeconds(150));
        List<ConsumerRecord<String, String>> rejected = KafkaTestClients.readCommitted(
                kafka.bootstrapServers(), TOPICS.trainingRejected(), SMALL, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> verdictRecords = KafkaTestClients.readCommitted(
                kafka.bootstrapServers(), TOPICS.trainingVerdicts(), expected.size(), Duration.ofSeconds(30));
        app.destroy();
        app.waitFor(60, TimeUnit.SECONDS);

        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> outcome = new HashMap<>();
        for (var list : List.of(approved, rejected)) {
            for (ConsumerRecord<String, String> r : list) {
                JsonNode node = JsonSerde.reader().readTree(r.value());
                String id =
                        node.get("batch_id").asText() + "#" + node.get("seq").asLong();
                seen.merge(id, 1, Integer::sum);
                outcome.put(node.get("batch_id").asText(), r.topic());
            }
        }
        Map<String, BatchVerdict> verdicts = new HashMap<>();
        for (ConsumerRecord<String, String> r : verdictRecords) {
            BatchVerdict v = JsonSerde.reader().readValue(r.value(), BatchVerdict.class);
            assertThat(verdicts.put(v.batchId(), v))
                    .as("one verdict for " + v.batchId())
                    .isNull();
        }
        BatchVerdict timedVerdict = verdicts.get("timed");
        System.out.printf(
                "crash test: killed at released offsets %s; approved %d, rejected %d, distinct %d of %d; "
                        + "100k batch: manifest->verdict %d ms, first record->verdict %d ms%n",
                killedAt,
                approved.size(),
                rejected.size(),
                seen.size(),
                total,
                timedVerdict == null ? -1 : timedVerdict.verdictMs() - timedVerdict.manifestMs(),
                timedVerdict == null ? -1 : timedVerdict.verdictMs() - timedVerdict.firstRecordMs());

        assertThat(seen)
                .as("every record exactly once")
                .hasSize(total)
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(approved).hasSize(total - SMALL);
        assertThat(rejected).hasSize(SMALL);
        assertThat(verdicts.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(verdicts.get("tampered").verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(verdicts.get("big").verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(outcome)
                .containsEntry("tampered", TOPICS.trainingRejected())
                .containsEntry("big", TOPICS.trainingApproved());
    }

    private void produce(List<TrainingRecord> records, BatchManifest manifest) {
        List<ProducerRecord<String, String>> out = new ArrayList<>(records.size() + 1);
        records.forEach(r -> out.add(new ProducerRecord<>(TOPICS.trainingRecords(), r.batchId(), TestBatches.json(r))));
        out.add(new ProducerRecord<>(TOPICS.trainingManifests(), manifest.batchId(), TestBatches.json(manifest)));
        KafkaTestClients.produce(kafka.bootstrapServers(), out);
    }

    private void awaitTopics(Process app, Path log) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!app.isAlive()) {
                    throw new AssertionError("lazaret exited early:\n" + Files.readString(log));
                }
                if (admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(TOPICS.all())) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("topics not created within 90 s:\n" + Files.readString(log));
    }

    /** End offsets of approved plus rejected: what was written, committed or not. */
    private long releasedOffsets() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (String topic : List.of(TOPICS.trainingApproved(), TOPICS.trainingRejected())) {
                if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                    return 0;
                }
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get(topic)
                        .partitions()
                        .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset())
                    .sum();
        }
    }

    private void awaitReleasedBeyond(Process app, long offsets, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new AssertionError("lazaret exited early:\n" + Files.readString(log));
            }
            if (releasedOffsets() >= offsets) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("release did not progress to " + offsets + " offsets:\n" + Files.readString(log));
    }

    private static Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(runnableJar().toString());
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
    }

    private static Path runnableJar() throws IOException {
        Path target = Path.of("..", "monitor-app", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-all.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
