package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quarantine on three input partitions: a replay of approved records under a new batch id is caught whichever
 * partition the new id hashes to, and a batch whose records, manifest and decision were written to other partitions
 * than Kafka's murmur2 partitioner chooses (as kcat and librdkafka clients do by default) still meets, and gets one
 * verdict.
 */
@Tag("integration")
@Timeout(300)
class QuarantinePartitionsIT {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");
    private static final int PARTITIONS = 3;
    private static final int N = 1_500;

    @TempDir
    Path work;

    private final TestBatches batches = new TestBatches();

    @Test
    void shouldCatchReplaysOnEveryPartitionAndGatherRecordsWrittenToTheWrongPartition() throws Exception {
        try (KafkaFixture kafka = KafkaFixture.start()) {
            String bs = kafka.bootstrapServers();
            try (LazaretRuntime runtime = new LazaretRuntime(new MonitorConfig(Map.of(
                    MonitorConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bs,
                    MonitorConfig.DATA_DIR_CONFIG,
                    work.resolve("data").toString(),
                    MonitorConfig.HTTP_PORT_CONFIG,
                    "0",
                    MonitorConfig.TOPIC_PARTITIONS_CONFIG,
                    String.valueOf(PARTITIONS),
                    QuarantineSettings.KEYRING_FILE_CONFIG,
                    batches.writeKeyring(work).toString(),
                    QuarantineSettings.PUNCTUATE_INTERVAL_MS_CONFIG,
                    "100",
                    "kafka.commit.interval.ms",
                    "100")))) {
                runtime.start();
                Path ref = DataFiles.csv(work.resolve("trusted.csv"), TestBatches.clean("r", 4_000, 1, 0));
                Cli.Result imported =
                        Cli.run("reference", "import", "--dataset", "fraud", "--bootstrap-servers", bs, ref.toString());
                assertThat(imported.exit()).as(imported.err()).isZero();

                List<TrainingRecord> original = asImported(TestBatches.clean("orig", N, 2, 0));
                send(bs, original, batches.manifest("orig", original), r -> null, null);
                BatchVerdict approved = QuarantineCommandsIT.await(bs, "orig", v -> true);
                assertThat(approved.verdict()).as(approved.reason()).isEqualTo(Verdict.APPROVED);

                // the same records under new ids, one landing on each partition (the original's included)
                Map<Integer, String> replayIds = new HashMap<>();
                for (int i = 0; replayIds.size() < PARTITIONS; i++) {
                    replayIds.putIfAbsent(partition("replay-" + i), "replay-" + i);
                }
                assertThat(replayIds).containsKey(partition("orig")).hasSize(PARTITIONS);
                for (String id : replayIds.values()) {
                    List<TrainingRecord> replay = original.stream()
                            .map(r -> TestBatches.withBatch(r, id))
                            .toList();
                    send(bs, replay, batches.manifest(id, replay), r -> null, null);
                }
                Map<Integer, BatchVerdict> replayVerdicts = new java.util.TreeMap<>();
                for (var entry : replayIds.entrySet()) {
                    replayVerdicts.put(entry.getKey(), QuarantineCommandsIT.await(bs, entry.getValue(), x -> true));
                }
                System.out.printf(
                        "partitions test: original on partition %d; replay verdicts by partition %s%n",
                        partition("orig"),
                        replayVerdicts.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue().verdict())
                                .toList());
                replayVerdicts.forEach((p, v) -> {
                    assertThat(v.verdict())
                            .as("replay on partition %d: %s", p, v.reason())
                            .isEqualTo(Verdict.REJECTED);
                    assertThat(v.checks())
                            .filteredOn(c -> c.check().label().equals("record-replay"))
                            .singleElement()
                            .satisfies(c -> assertThat(c.status()).isEqualTo(CheckStatus.FAIL));
                });

                // every record, the manifest and the operator's decision written as a CRC32 client might: mostly
                // beside no other input of their batch
                List<TrainingRecord> misrouted = asImported(TestBatches.clean("misrouted", N, 3, 0));
                send(
                        bs,
                        misrouted,
                        batches.manifest("misrouted", misrouted),
                        r -> (int) (r.seq() % PARTITIONS),
                        1 + partition("misrouted"));
                List<TrainingRecord> shifted = asImported(TestBatches.clean("held-misrouted", N, 4, 1.0));
                int heldHome = partition("held-misrouted");
                send(
                        bs,
                        shifted,
                        batches.manifest("held-misrouted", shifted),
                        r -> (int) ((heldHome + 1 + r.seq() % 2) % PARTITIONS),
                        heldHome + 2);
                // records of one batch id naming two datasets whose tasks differ: the first named owns the batch, so
                // it is judged whole (content hash) once, not split into two incomplete batches with a verdict each
                String otherDataset = java.util.stream.Stream.of("fraud-copy", "fraud2", "churn", "spam")
                        .filter(d -> partition(d) != partition(TestBatches.DATASET))
                        .findFirst()
                        .orElseThrow();
                List<TrainingRecord> mixed = asImported(TestBatches.clean("mixed", N, 5, 0));
                BatchManifest mixedManifest = batches.manifest("mixed", mixed);
                List<TrainingRecord> renamed = new ArrayList<>(mixed.subList(0, N / 2));
                mixed.subList(N / 2, N)
                        .forEach(r -> renamed.add(
                                new TrainingRecord(r.batchId(), otherDataset, r.seq(), r.features(), r.label())));
                send(bs, renamed, mixedManifest, r -> null, null);
                BatchVerdict split = QuarantineCommandsIT.await(bs, "mixed", v -> true);
                assertThat(split.verdict()).isEqualTo(Verdict.REJECTED);
                assertThat(split.checks())
                        .filteredOn(c -> c.status() == CheckStatus.FAIL)
                        .extracting(c -> c.check().label())
                        .contains("content-hash")
                        .doesNotContain("incomplete");

                BatchVerdict gathered = QuarantineCommandsIT.await(bs, "misrouted", v -> true);
                assertThat(gathered.verdict()).as(gathered.reason()).isEqualTo(Verdict.APPROVED);
                BatchVerdict held = QuarantineCommandsIT.await(bs, "held-misrouted", v -> true);
                assertThat(held.verdict()).as(held.reason()).isEqualTo(Verdict.HELD);
                KafkaTestClients.produce(
                        bs,
                        List.of(new ProducerRecord<>(
                                TOPICS.trainingDecisions(),
                                (heldHome + 1) % PARTITIONS,
                                "held-misrouted",
                                TestBatches.decision("held-misrouted", "RELEASE", "alice", "seasonal"))));
                BatchVerdict released =
                        QuarantineCommandsIT.await(bs, "held-misrouted", v -> v.verdict() != Verdict.HELD);
                assertThat(released.verdict()).isEqualTo(Verdict.APPROVED);
                assertThat(released.decidedBy().name()).isEqualTo("alice");

                // one verdict per batch id (two for the held one: HELD, then the operator's), every record once
                Map<String, Integer> expected = new HashMap<>();
                expected.put("orig", 1);
                replayIds.values().forEach(id -> expected.put(id, 1));
                expected.put("misrouted", 1);
                expected.put("held-misrouted", 2);
                expected.put("mixed", 1);
                int total = N * (expected.size());
                // every record released, read to the end offsets of both topics (so a late duplicate is read too)
                List<ConsumerRecord<String, String>> releasedRecords = awaitReleased(bs, total);
                Map<String, Integer> verdicts = new HashMap<>();
                for (ConsumerRecord<String, String> r : KafkaTestClients.readCommitted(
                        bs, TOPICS.trainingVerdicts(), Integer.MAX_VALUE, Duration.ofSeconds(5))) {
                    verdicts.merge(r.key(), 1, Integer::sum);
                }
                assertThat(verdicts).isEqualTo(expected);
                Set<String> seen = new HashSet<>();
                List<String> repeated = new ArrayList<>();
                Map<String, String> topicOf = new HashMap<>();
                for (ConsumerRecord<String, String> r : releasedRecords) {
                    JsonNode node = JsonSerde.reader().readTree(r.value());
                    String id = node.get("batch_id").asText() + "#"
                            + node.get("seq").asLong();
                    if (!seen.add(id)) {
                        repeated.add(id);
                    }
                    topicOf.put(node.get("batch_id").asText(), r.topic());
                }
                assertThat(repeated).isEmpty();
                assertThat(seen).hasSize(total);
                assertThat(topicOf)
                        .containsEntry("misrouted", TOPICS.trainingApproved())
                        .containsEntry("held-misrouted", TOPICS.trainingApproved());
                replayIds.values().forEach(id -> assertThat(topicOf).containsEntry(id, TOPICS.trainingRejected()));
                assertThat(topicOf).containsEntry("mixed", TOPICS.trainingRejected());
            }
        }
    }

    /**
     * Every committed record of approved and rejected, read to their end offsets once at least {@code total} are
     * there (or after 60 s, when the assertions say what is missing).
     */
    private static List<ConsumerRecord<String, String>> awaitReleased(String bs, int total)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ConsumerRecord<String, String>> released = new ArrayList<>();
        while (true) {
            released.clear();
            for (String topic : List.of(TOPICS.trainingApproved(), TOPICS.trainingRejected())) {
                released.addAll(KafkaTestClients.readAllCommitted(bs, topic, Duration.ofSeconds(20)));
            }
            if (released.size() >= total || System.nanoTime() > deadline) {
                return released;
            }
            Thread.sleep(200);
        }
    }

    /** Labels as the imported reference has them ({@link DataFiles} writes {@code L0} and {@code L1}). */
    private static List<TrainingRecord> asImported(List<TrainingRecord> records) {
        return records.stream()
                .map(r -> TestBatches.withLabel(r, "L" + r.label()))
                .toList();
    }

    /** The partition Kafka's Java producer chooses for a batch id: murmur2 of the key's UTF-8 bytes. */
    private static int partition(String batchId) {
        return Utils.toPositive(Utils.murmur2(batchId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /**
     * @param recordPartition the partition to write each record to, or {@code null} for the producer's own choice
     * @param manifestPartition the manifest's partition (taken modulo the partition count), or {@code null}
     */
    private static void send(
            String bs,
            List<TrainingRecord> records,
            BatchManifest manifest,
            java.util.function.Function<TrainingRecord, Integer> recordPartition,
            Integer manifestPartition) {
        List<ProducerRecord<String, String>> out = new ArrayList<>(records.size() + 1);
        for (TrainingRecord r : records) {
            out.add(new ProducerRecord<>(
                    TOPICS.trainingRecords(), recordPartition.apply(r), r.batchId(), TestBatches.json(r)));
        }
        out.add(new ProducerRecord<>(
                TOPICS.trainingManifests(),
                manifestPartition == null ? null : manifestPartition % PARTITIONS,
                manifest.batchId(),
                TestBatches.json(manifest)));
        KafkaTestClients.produce(bs, out);
    }
}
