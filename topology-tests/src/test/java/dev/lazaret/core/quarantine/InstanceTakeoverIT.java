package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import dev.lazaret.it.LazaretProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application (the runnable jar twice, same application id, distinct instance ids): a second
 * instance gets its share of the input partitions; when the first is killed (SIGKILL) while batches are in flight, the
 * second takes over its partitions, and, read with read_committed up to the end offsets, every record is released
 * exactly once and every batch has one verdict. Prints the time the new instance waited for its share and the time
 * from the kill until the survivor owned every input partition.
 */
@Tag("integration")
@Timeout(300)
class InstanceTakeoverIT {
    /** Its own topics and application on the shared broker. */
    private static final String APPLICATION = "takeover";

    private static final TopicNames TOPICS = new TopicNames(APPLICATION + ".");
    private static final int PARTITIONS = 2;
    private static final int BATCHES = 6;
    private static final int RECORDS = 3_000;

    private static final KafkaFixture kafka = KafkaFixture.shared();

    @TempDir
    Path work;

    @Test
    void shouldShareThePartitionsAndTakeOverAKilledInstanceWithoutLossOrDuplicates() throws Exception {
        TestBatches batches = new TestBatches();
        Path keyring = batches.writeKeyring(work);
        Path policy = Files.writeString(
                work.resolve("policy.properties"), "default.check.reference=warn\ndefault.reference.bootstrap=false\n");
        LazaretProcess first = start("node-a", keyring, policy);
        first.awaitTopics(kafka.bootstrapServers(), TOPICS.all());
        first.awaitReady(Duration.ofSeconds(90));
        Map<String, Integer> expected = new HashMap<>();
        produceBatch(batches, "warm", expected);
        KafkaTestClients.readCommitted(kafka.bootstrapServers(), TOPICS.trainingVerdicts(), 1, Duration.ofSeconds(60));

        long joinedNanos = System.nanoTime();
        LazaretProcess second = start("node-b", keyring, policy);
        Set<TopicPartition> inputs = inputPartitions();
        Set<TopicPartition> firstShare = awaitAssignment(second, "node-b", owned -> !owned.isEmpty(), inputs);
        long firstShareMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joinedNanos);
        // Stateful tasks move once their state is warm, at a probing rebalance; tasks are balanced, not partitions,
        // so "its share" is measured as at least a third of the input partitions, within 90 s at most.
        Set<TopicPartition> share = awaitAssignment(
                second, "node-b", owned -> owned.size() * 3 >= inputs.size(), inputs, Duration.ofSeconds(90));
        long shareMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joinedNanos);
        second.awaitReady(Duration.ofSeconds(90));
        first.awaitReady(Duration.ofSeconds(90));

        for (int b = 0; b < BATCHES; b++) {
            produceBatch(batches, "batch-" + b, expected);
        }
        first.kill();
        long killedNanos = System.nanoTime();
        awaitAssignment(second, "node-b", owned -> owned.containsAll(inputs), inputs);
        long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);
        KafkaTestClients.readCommitted(
                kafka.bootstrapServers(), TOPICS.trainingVerdicts(), expected.size(), Duration.ofSeconds(120));
        long verdictsMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);
        second.stop();

        List<ConsumerRecord<String, String>> approved = KafkaTestClients.readAllCommitted(
                kafka.bootstrapServers(), TOPICS.trainingApproved(), Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> verdictRecords = KafkaTestClients.readAllCommitted(
                kafka.bootstrapServers(), TOPICS.trainingVerdicts(), Duration.ofSeconds(30));
        Map<String, Integer> seen = new HashMap<>();
        for (ConsumerRecord<String, String> r : approved) {
            JsonNode node = JsonSerde.reader().readTree(r.value());
            seen.merge(node.get("batch_id").asText() + "#" + node.get("seq").asLong(), 1, Integer::sum);
        }
        Map<String, BatchVerdict> verdicts = new HashMap<>();
        for (ConsumerRecord<String, String> r : verdictRecords) {
            BatchVerdict v = JsonSerde.reader().readValue(r.value(), BatchVerdict.class);
            assertThat(verdicts.put(v.batchId(), v))
                    .as("one verdict for " + v.batchId())
                    .isNull();
        }
        int total = expected.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "takeover test: new instance owned %d of %d input partitions %d ms after it started, %d after %d ms; "
                        + "survivor owned all of them %d ms after the kill -9, all %d verdicts committed %d ms after; "
                        + "approved %d, distinct %d of %d%n",
                firstShare.size(),
                inputs.size(),
                firstShareMs,
                share.size(),
                shareMs,
                takeoverMs,
                expected.size(),
                verdictsMs,
                approved.size(),
                seen.size(),
                total);

        assertThat(verdicts.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(verdicts.values()).extracting(BatchVerdict::verdict).containsOnly(Verdict.APPROVED);
        assertThat(seen)
                .as("every record exactly once")
                .hasSize(total)
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }

    private LazaretProcess start(String instance, Path keyring, Path policy) throws Exception {
        List<String> args = List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--data-dir",
                work.resolve(instance).toString(),
                "--set",
                "application.id=" + APPLICATION,
                "--set",
                "topic.prefix=" + TOPICS.prefix(),
                "--set",
                "instance.id=" + instance,
                "--set",
                "topic.partitions=" + PARTITIONS,
                "--set",
                "quarantine.keyring.file=" + keyring,
                "--set",
                "quarantine.policy.file=" + policy,
                "--set",
                "kafka.commit.interval.ms=200");
        return LazaretProcess.run(args, LazaretProcess.freePort(), work.resolve(instance + ".log"));
    }

    private void produceBatch(TestBatches batches, String batchId, Map<String, Integer> expected) {
        List<TrainingRecord> records = TestBatches.clean(batchId, RECORDS, batchId.hashCode(), 0);
        List<ProducerRecord<String, String>> out = new ArrayList<>(records.size() + 1);
        records.forEach(r -> out.add(new ProducerRecord<>(TOPICS.trainingRecords(), r.batchId(), TestBatches.json(r))));
        out.add(new ProducerRecord<>(
                TOPICS.trainingManifests(), batchId, TestBatches.json(batches.manifest(batchId, records))));
        KafkaTestClients.produce(kafka.bootstrapServers(), out);
        expected.put(batchId, RECORDS);
    }

    /** The partitions of the topics Lazaret reads from outside (not its own repartition or changelog topics). */
    private static Set<TopicPartition> inputPartitions() {
        Set<TopicPartition> inputs = new java.util.HashSet<>();
        for (String topic : List.of(
                TOPICS.trainingRecords(),
                TOPICS.trainingManifests(),
                TOPICS.trainingDecisions(),
                TOPICS.inferenceEvents(),
                TOPICS.inferenceFeedback())) {
            for (int p = 0; p < PARTITIONS; p++) {
                inputs.add(new TopicPartition(topic, p));
            }
        }
        return inputs;
    }

    private static Set<TopicPartition> awaitAssignment(
            LazaretProcess process, String instance, Predicate<Set<TopicPartition>> done, Set<TopicPartition> inputs)
            throws Exception {
        Set<TopicPartition> owned = awaitAssignment(process, instance, done, inputs, Duration.ofSeconds(120));
        if (!done.test(owned)) {
            throw new AssertionError(instance + " owns only " + owned + " of the input partitions:\n" + process.log());
        }
        return owned;
    }

    /**
     * Polls the consumer group until the members of {@code instance} own input partitions that satisfy {@code done},
     * or the timeout passes; returns what they own then.
     */
    private static Set<TopicPartition> awaitAssignment(
            LazaretProcess process,
            String instance,
            Predicate<Set<TopicPartition>> done,
            Set<TopicPartition> inputs,
            Duration timeout)
            throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Set<TopicPartition> owned = Set.of();
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                process.assertAlive();
                owned = new java.util.HashSet<>();
                for (MemberDescription member : admin.describeConsumerGroups(List.of(APPLICATION))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(APPLICATION)
                        .members()) {
                    if (member.groupInstanceId().orElse("").startsWith(instance)) {
                        owned.addAll(member.assignment().topicPartitions());
                    }
                }
                owned.retainAll(inputs);
                if (done.test(owned)) {
                    return owned;
                }
                Thread.sleep(100);
            }
        }
        return owned;
    }
}
