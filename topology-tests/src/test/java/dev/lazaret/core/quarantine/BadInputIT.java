package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.drift.DriftMetrics;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue ({@link BadInputKinds}) on a real broker, all kinds through one running instance: each lands
 * on the dead-letter topic once, with its reason, a detail, its source topic and its original key and bytes; bad
 * references on the profiles topic (a global store, which has no dead-letter path) are refused with a logged reason and
 * counted; and a valid batch sent afterwards still gets its verdict.
 */
@Tag("integration")
@Timeout(300)
class BadInputIT {
    /** The default prefix and application id: the catalogue names its topics so; no other user of the shared broker does. */
    private static final TopicNames TOPICS = new TopicNames("lazaret.");

    private static final int REFUSED_REFERENCES = 3;

    private static final KafkaFixture kafka = KafkaFixture.shared();

    @TempDir
    Path work;

    @Test
    void shouldDeadLetterEveryKindOfBadInputAndStillJudgeTheNextBatch() throws Exception {
        List<BadInputKinds.Kind> kinds = BadInputKinds.all().toList();
        TestBatches batches = new TestBatches();
        Path policy = Files.writeString(
                work.resolve("policy.properties"), "default.check.reference=warn\ndefault.reference.bootstrap=false\n");
        Map<String, String> settings = Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "data.dir", work.resolve("data").toString(),
                "http.port", "0",
                "topic.partitions", "2",
                "quarantine.keyring.file", batches.writeKeyring(work).toString(),
                "quarantine.policy.file", policy.toString(),
                "kafka.commit.interval.ms", "100");
        try (LazaretRuntime runtime = new LazaretRuntime(ConfigLoader.load(null, Map.of(), settings))) {
            runtime.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> runtime.streamsState() == KafkaStreams.State.RUNNING);

            List<ProducerRecord<String, byte[]>> bad = new ArrayList<>();
            kinds.forEach(k -> bad.add(new ProducerRecord<>(k.topic(), k.key(), k.value())));
            // a keyless reference cannot be sent at all: the profiles topic is compacted and the broker refuses it
            bad.add(new ProducerRecord<>(TOPICS.profiles(), "fraud", new byte[] {1, 2, 3}));
            bad.add(new ProducerRecord<>(TOPICS.profiles(), "fraud", "not a profile".getBytes(StandardCharsets.UTF_8)));
            bad.add(new ProducerRecord<>(TOPICS.profiles(), "fraud", new byte[0]));
            produce(bad);
            List<TrainingRecord> valid = TestBatches.clean("after-bad", 500, 7, 0);
            List<ProducerRecord<String, String>> batch = new ArrayList<>();
            valid.forEach(
                    r -> batch.add(new ProducerRecord<>(TOPICS.trainingRecords(), r.batchId(), TestBatches.json(r))));
            batch.add(new ProducerRecord<>(
                    TOPICS.trainingManifests(), "after-bad", TestBatches.json(batches.manifest("after-bad", valid))));
            KafkaTestClients.produce(kafka.bootstrapServers(), batch);

            List<ConsumerRecord<String, String>> verdicts = KafkaTestClients.readCommitted(
                    kafka.bootstrapServers(), TOPICS.trainingVerdicts(), 1, Duration.ofSeconds(120));
            KafkaTestClients.readCommitted(
                    kafka.bootstrapServers(), TOPICS.deadLetter(), kinds.size(), Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> runtime.registry().find(DriftMetrics.REFERENCES_REJECTED).counters().stream()
                                    .mapToDouble(c -> c.count())
                                    .sum()
                            >= REFUSED_REFERENCES);
            List<ConsumerRecord<String, byte[]>> dead = readAllDeadLetters();

            Map<String, Integer> outcomes = new HashMap<>();
            dead.forEach(d -> outcomes.merge(KafkaTestClients.header(d, DeadLetterHeaders.REASON), 1, Integer::sum));
            System.out.printf(
                    "bad-input IT: %d kinds on %d topics plus %d refused references; dead letters by reason %s%n",
                    kinds.size(),
                    kinds.stream().map(BadInputKinds.Kind::topic).distinct().count(),
                    REFUSED_REFERENCES,
                    outcomes);
            for (BadInputKinds.Kind kind : kinds) {
                List<ConsumerRecord<String, byte[]>> letters = dead.stream()
                        .filter(d -> kind.topic().equals(KafkaTestClients.header(d, DeadLetterHeaders.SOURCE_TOPIC))
                                && java.util.Objects.equals(kind.key(), d.key())
                                && Arrays.equals(kind.value(), d.value()))
                        .toList();
                assertThat(letters)
                        .as(kind.name() + ": one dead letter with its original key and bytes")
                        .hasSize(1);
                assertThat(KafkaTestClients.header(letters.get(0), DeadLetterHeaders.REASON))
                        .as(kind.name())
                        .isEqualTo(kind.reason());
                assertThat(KafkaTestClients.header(letters.get(0), DeadLetterHeaders.DETAIL))
                        .as(kind.name())
                        .contains(kind.detail());
            }
            assertThat(dead).as("nothing else dead-lettered").hasSize(kinds.size());
            BatchVerdict verdict = JsonSerde.reader().readValue(verdicts.get(0).value(), BatchVerdict.class);
            assertThat(verdict.batchId()).isEqualTo("after-bad");
            assertThat(verdict.verdict()).as(verdict.reason()).isEqualTo(Verdict.APPROVED);
            assertThat(runtime.streamsState()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static void produce(List<ProducerRecord<String, byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            records.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
        }
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (Exception e) {
                throw new AssertionError(
                        "the broker refused the bad record sent to "
                                + records.get(i).topic(),
                        e);
            }
        }
    }

    /** Every committed dead letter, read with read_committed up to the end offsets, as raw bytes. */
    private static List<ConsumerRecord<String, byte[]>> readAllDeadLetters() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPICS.deadLetter()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
