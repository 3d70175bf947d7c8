package dev.lazaret.core.models;

import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.DecidedBy;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.Signing;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.core.topology.MonitorTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole Lazaret topology on a TopologyTestDriver with the model supply chain's topics at hand. Batch verdicts are
 * piped straight into {@code training.verdicts}, which the registry reads like any other input: the quarantine that
 * writes them has tests of its own.
 */
final class ModelSupplyHarness implements AutoCloseable {
    static final TopicNames TOPICS = new TopicNames("lazaret.");
    static final String MODEL = "fraud-model";
    static final String RELEASE_KEY = "ml-team-2026";
    static final String DATASET_KEY = "bank-a-2026";

    final KeyPair releaseKey = Ed25519.generate();
    final KeyPair datasetKey = Ed25519.generate();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final org.apache.kafka.streams.TestInputTopic<String, String> verdicts;
    final org.apache.kafka.streams.TestInputTopic<String, String> releases;
    final org.apache.kafka.streams.TestInputTopic<String, String> revocations;
    final org.apache.kafka.streams.TestInputTopic<String, String> events;
    final org.apache.kafka.streams.TestOutputTopic<String, String> modelVerdicts;
    final org.apache.kafka.streams.TestOutputTopic<String, byte[]> deadLetters;
    final org.apache.kafka.streams.TestOutputTopic<String, String> audit;
    final org.apache.kafka.streams.TestOutputTopic<String, String> alerts;

    ModelSupplyHarness(Path dir, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put(QuarantineSettings.KEYRING_FILE_CONFIG, writeKeyring(dir).toString());
        settings.putAll(extra);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "models-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        driver = new TopologyTestDriver(
                MonitorTopology.build(new MonitorConfig(settings), new InputMetrics(registry)), props);
        StringSerializer s = new StringSerializer();
        StringDeserializer d = new StringDeserializer();
        verdicts = driver.createInputTopic(TOPICS.trainingVerdicts(), s, s);
        releases = driver.createInputTopic(TOPICS.modelReleases(), s, s);
        revocations = driver.createInputTopic(TOPICS.trainingRevocations(), s, s);
        events = driver.createInputTopic(TOPICS.inferenceEvents(), s, s);
        modelVerdicts = driver.createOutputTopic(TOPICS.modelVerdicts(), d, d);
        deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), d, new ByteArrayDeserializer());
        audit = driver.createOutputTopic(TOPICS.audit(), d, d);
        alerts = driver.createOutputTopic(TOPICS.alerts(), d, d);
    }

    /** {@link #RELEASE_KEY} may sign releases of {@link #MODEL}; {@link #DATASET_KEY} signs batches only. */
    private Path writeKeyring(Path dir) {
        String json = "{\"keys\":{\"" + RELEASE_KEY + "\":{\"public_key\":\"" + Ed25519.encode(releaseKey.getPublic())
                + "\",\"models\":[\"" + MODEL + "\"]},\"" + DATASET_KEY + "\":{\"public_key\":\""
                + Ed25519.encode(datasetKey.getPublic()) + "\",\"datasets\":[\"fraud\"]}}}";
        try {
            return Files.writeString(dir.resolve("keyring.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A verdict as the quarantine publishes it. */
    static BatchVerdict verdict(String batchId, String dataset, Verdict verdict, boolean replay) {
        List<CheckResult> checks = replay
                ? List.of(CheckResult.of(CheckName.BATCH_REPLAY, CheckStatus.FAIL, 1, 1, "batch id already decided"))
                : List.of();
        return new BatchVerdict(
                batchId,
                dataset,
                "bank-a",
                DATASET_KEY,
                verdict,
                "test",
                10,
                10,
                10,
                0,
                "0".repeat(64),
                "0".repeat(64),
                checks,
                DecidedBy.POLICY,
                null,
                null,
                1,
                1,
                1,
                2);
    }

    void send(BatchVerdict v) {
        verdicts.pipeInput(v.batchId(), json(v));
    }

    void approve(String dataset, String... batchIds) {
        for (String id : batchIds) {
            send(verdict(id, dataset, Verdict.APPROVED, false));
        }
    }

    static ModelRelease unsigned(String version, String keyId, Map<String, List<String>> trainedOn) {
        return new ModelRelease(
                MODEL,
                version,
                List.of(new ModelRelease.Artifact("model.onnx", "a".repeat(64))),
                trainedOn.entrySet().stream()
                        .map(e -> new ModelRelease.TrainingSet(e.getKey(), e.getValue()))
                        .toList(),
                Map.of("onnxruntime", "1.18.0"),
                "2026-12-02T10:00:00Z",
                keyId,
                "");
    }

    static ModelRelease signed(ModelRelease unsigned, KeyPair key) {
        return Signing.release(unsigned, key.getPrivate());
    }

    void release(ModelRelease release) {
        releases.pipeInput(release.model(), json(release));
    }

    void release(String version, String... batchIds) {
        release(signed(unsigned(version, RELEASE_KEY, Map.of("fraud", List.of(batchIds))), releaseKey));
    }

    void revoke(String batchId, String operator, String reason) {
        revocations.pipeInput(
                batchId,
                "{\"batch_id\":\"" + batchId + "\",\"operator\":\"" + operator + "\",\"reason\":\"" + reason + "\"}");
    }

    List<ModelVerdict> readModelVerdicts() {
        List<ModelVerdict> out = new ArrayList<>();
        while (!modelVerdicts.isEmpty()) {
            out.add(JsonSerde.deserializer(ModelVerdict.class)
                    .deserialize("", modelVerdicts.readValue().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static String json(Object value) {
        return new String(JsonSerde.serializer().serialize("", value), StandardCharsets.UTF_8);
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
