package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.core.topology.MonitorTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The whole Lazaret topology on a TopologyTestDriver, with quarantine's inputs and outputs at hand. */
final class QuarantineHarness implements AutoCloseable {
    static final TopicNames TOPICS = new TopicNames("lazaret.");
    static final long TIMEOUT_MS = 60_000;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, String> records;
    final TestInputTopic<String, String> manifests;
    final TestInputTopic<String, String> decisions;
    final TestInputTopic<String, byte[]> references;
    final TestOutputTopic<String, String> approved;
    final TestOutputTopic<String, String> rejected;
    final TestOutputTopic<String, String> verdicts;
    final TestOutputTopic<String, byte[]> profiles;
    final TestOutputTopic<String, byte[]> deadLetters;
    final TestInputTopic<String, String> auditRequests;
    final TestOutputTopic<String, String> audit;

    QuarantineHarness(Path stateDir, Path keyring, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put(QuarantineSettings.KEYRING_FILE_CONFIG, keyring.toString());
        settings.put(QuarantineSettings.BATCH_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_MS));
        settings.put(QuarantineSettings.RELEASE_CHUNK_RECORDS_CONFIG, "700");
        settings.put(QuarantineSettings.PUNCTUATE_INTERVAL_MS_CONFIG, "100");
        settings.put(QuarantineSettings.REPLAY_FILTER_CAPACITY_CONFIG, "100000");
        settings.putAll(extra);
        MonitorConfig config = new MonitorConfig(settings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "quarantine-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(MonitorTopology.build(config, new InputMetrics(registry)), props);
        StringSerializer s = new StringSerializer();
        StringDeserializer d = new StringDeserializer();
        records = driver.createInputTopic(TOPICS.trainingRecords(), s, s);
        manifests = driver.createInputTopic(TOPICS.trainingManifests(), s, s);
        decisions = driver.createInputTopic(TOPICS.trainingDecisions(), s, s);
        references =
                driver.createInputTopic(QuarantineTopics.references(TOPICS.prefix()), s, new ByteArraySerializer());
        approved = driver.createOutputTopic(TOPICS.trainingApproved(), d, d);
        rejected = driver.createOutputTopic(TOPICS.trainingRejected(), d, d);
        verdicts = driver.createOutputTopic(TOPICS.trainingVerdicts(), d, d);
        profiles = driver.createOutputTopic(TOPICS.profiles(), d, new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), d, new ByteArrayDeserializer());
        auditRequests = driver.createInputTopic(QuarantineTopics.auditRequests(TOPICS.prefix()), s, s);
        audit = driver.createOutputTopic(TOPICS.audit(), d, d);
    }

    void importReference(String id, List<TrainingRecord> rows) {
        ReferenceBundle bundle = ReferenceBuilder.build(
                id,
                TestBatches.DATASET,
                consumer -> rows.forEach(r -> consumer.accept(new ReferenceBuilder.Row(r.features(), r.label()))));
        references.pipeInput(QuarantineTopics.referenceKey(TestBatches.DATASET), ReferenceBundleCodec.encode(bundle));
    }

    void send(List<TrainingRecord> batch) {
        batch.forEach(r -> records.pipeInput(r.batchId(), TestBatches.json(r)));
    }

    void send(BatchManifest manifest) {
        manifests.pipeInput(manifest.batchId(), TestBatches.json(manifest));
    }

    /** A signed decision ({@link TestBatches#decision}). */
    void decide(String batchId, String decision, String operator, String reason) {
        decisions.pipeInput(batchId, TestBatches.decision(batchId, decision, operator, reason));
    }

    /** Advances wall-clock time in punctuation steps, long enough to evaluate and release a few thousand records. */
    void settle() {
        for (int i = 0; i < 40; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(100));
        }
    }

    /** Sends a batch and its manifest, lets the topology settle, and returns the one verdict the batch got. */
    BatchVerdict judge(BatchManifest manifest, List<TrainingRecord> batch) {
        send(batch);
        send(manifest);
        settle();
        List<BatchVerdict> verdicts = readVerdicts();
        assertThat(verdicts).hasSize(1);
        return verdicts.get(0);
    }

    /** The result of the check labelled {@code name} in {@code verdict}. */
    static CheckResult check(BatchVerdict verdict, String name) {
        return verdict.checks().stream()
                .filter(c -> c.check().label().equals(name))
                .findFirst()
                .orElseThrow();
    }

    List<BatchVerdict> readVerdicts() {
        List<BatchVerdict> out = new ArrayList<>();
        while (!verdicts.isEmpty()) {
            out.add(JsonSerde.deserializer(BatchVerdict.class)
                    .deserialize("", verdicts.readValue().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static String header(TestRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
