package dev.lazaret.app.demo.quarantine;

import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.CanonicalJson;
import dev.lazaret.core.quarantine.integrity.ContentHash;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.Signing;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.detectors.codec.ProfileCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The quarantine part of {@code lazaret demo}: pins a reference for dataset {@code demo-fraud}, streams clean signed
 * batches, then a tampered batch (split view), a label-flipped batch, a backdoored batch, a duplicate flood and a
 * replay of an approved batch, and prints each verdict with the checks that decided it; then the model supply chain
 * on the approved batches ({@link ModelSupplyDemo}).
 *
 * <p>Use {@link #prepare} before the topology is built (the keyring is read at start), then {@link #run} once it runs.
 */
public final class QuarantineDemo {
    private static final String SOURCE = "demo-bank";
    private static final String KEY_ID = "demo-bank-key";
    private static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(120);

    private final MonitorConfig config;
    private final KeyPair key;
    /** The model signer's key, or {@code null} when the operator's keyring is used (it does not know the key). */
    private final KeyPair modelKey;

    private final int batchRecords;

    private QuarantineDemo(MonitorConfig config, KeyPair key, KeyPair modelKey, int batchRecords) {
        this.config = config;
        this.key = key;
        this.modelKey = modelKey;
        this.batchRecords = batchRecords;
    }

    /** One batch of the demo: what it is, and its verdict. */
    public record Outcome(String label, BatchVerdict verdict) {}

    /**
     * What the demo showed.
     *
     * @param batches each batch, in the order sent
     * @param models the model supply chain part, or {@code null} when it was skipped (the operator's keyring, or
     *     clean batches not approved)
     */
    public record Result(List<Outcome> batches, ModelSupplyDemo.Outcome models) {}

    /**
     * Generates the demo's signing keys and, when {@code quarantine.keyring.file} is not set, writes a keyring trusting
     * the producer's for {@code demo-fraud} and the model signer's for the demo model under the data directory, and
     * returns a config that uses it.
     *
     * @param batchRecords records per demo batch (1,000 or more keeps the statistical checks quiet on clean data)
     */
    public static QuarantineDemo prepare(MonitorConfig config, int batchRecords) throws IOException {
        KeyPair key = Ed25519.generate();
        KeyPair modelKey = Ed25519.generate();
        if (!config.getString(QuarantineSettings.KEYRING_FILE_CONFIG).isBlank()) {
            // the operator's keyring does not know this key: the demo batches will fail key-known, which is honest
            return new QuarantineDemo(config, key, null, batchRecords);
        }
        Path dir = demoDir(config);
        Files.createDirectories(dir);
        Path keyring = dir.resolve("keyring.json");
        Files.writeString(
                keyring,
                "{\"keys\":{\"" + KEY_ID + "\":{\"public_key\":\"" + Ed25519.encode(key.getPublic())
                        + "\",\"datasets\":[\"" + DemoBatches.DATASET + "\"],\"sources\":[\"" + SOURCE + "\"]},\""
                        + ModelSupplyDemo.KEY_ID + "\":{\"public_key\":\"" + Ed25519.encode(modelKey.getPublic())
                        + "\",\"models\":[\"" + ModelSupplyDemo.MODEL + "\"]}}}\n");
        Map<String, Object> settings = new HashMap<>(config.originals());
        settings.put(QuarantineSettings.KEYRING_FILE_CONFIG, keyring.toString());
        return new QuarantineDemo(new MonitorConfig(settings), key, modelKey, batchRecords);
    }

    /** The configuration to start Lazaret with. */
    public MonitorConfig config() {
        return config;
    }

    /**
     * Streams the demo batches to the running instance at {@code bootstrap}, printing each verdict as it comes, then
     * runs the model supply chain part.
     */
    public Result run(String bootstrap, PrintStream out) {
        TopicNames topics = new TopicNames(config.getString(MonitorConfig.TOPIC_PREFIX_CONFIG));
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Outcome> outcomes = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap);
                KafkaConsumer<String, byte[]> verdicts = readerAtEnd(bootstrap, topics.trainingVerdicts());
                KafkaConsumer<String, byte[]> modelVerdicts = readerAtEnd(bootstrap, topics.modelVerdicts());
                KafkaConsumer<String, byte[]> alerts = readerAtEnd(bootstrap, topics.alerts())) {
            publishReference(producer, topics, run);
            out.println("demo: reference for dataset " + DemoBatches.DATASET + " pinned (import:demo-" + run + ")");
            List<TrainingRecord> firstClean = null;
            List<String> cleanIds = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String id = "demo-" + run + "-clean-" + i;
                cleanIds.add(id);
                List<TrainingRecord> rows = DemoBatches.clean(id, batchRecords, 100 + i);
                firstClean = firstClean == null ? rows : firstClean;
                send(producer, topics, rows, manifest(id, rows));
                outcomes.add(print(out, "clean batch " + i, await(verdicts, id, v -> true)));
            }
            String tamperedId = "demo-" + run + "-tampered";
            List<TrainingRecord> tampered = new ArrayList<>(DemoBatches.clean(tamperedId, batchRecords, 200));
            BatchManifest signed = manifest(tamperedId, tampered);
            tampered.set(17, DemoBatches.tampered(tampered.get(17)));
            send(producer, topics, tampered, signed);
            outcomes.add(print(out, "tampered batch (split view)", await(verdicts, tamperedId, v -> true)));

            String flippedId = "demo-" + run + "-label-flip";
            outcomes.add(attack(
                    producer,
                    topics,
                    verdicts,
                    out,
                    "label-flipped batch",
                    flippedId,
                    DemoBatches.labelFlipped(flippedId, batchRecords, 300)));
            String backdoorId = "demo-" + run + "-backdoor";
            outcomes.add(attack(
                    producer,
                    topics,
                    verdicts,
                    out,
                    "backdoored batch",
                    backdoorId,
                    DemoBatches.backdoored(backdoorId, batchRecords, 400)));
            String floodId = "demo-" + run + "-duplicate-flood";
            outcomes.add(attack(
                    producer,
                    topics,
                    verdicts,
                    out,
                    "duplicate flood",
                    floodId,
                    DemoBatches.duplicateFlood(floodId, batchRecords, 500)));

            // the first clean batch again, byte for byte with its valid signature: only its id gives it away
            String replayId = firstClean.get(0).batchId();
            send(producer, topics, firstClean, manifest(replayId, firstClean));
            outcomes.add(print(
                    out,
                    "replay of clean batch 1",
                    await(verdicts, replayId, v -> Verdict.REJECTED.equals(v.verdict()))));

            if (modelKey == null) {
                out.println("demo: model supply chain part skipped: " + QuarantineSettings.KEYRING_FILE_CONFIG
                        + " is set, and that keyring does not know the demo's model signer");
                return new Result(outcomes, null);
            }
            // trained on clean batches 2 and 3, the last of them later revoked
            if (!outcomes.get(1).verdict().verdict().equals(Verdict.APPROVED)
                    || !outcomes.get(2).verdict().verdict().equals(Verdict.APPROVED)) {
                // a second run on the same data directory: its clean batches repeat the first run's records
                out.println("demo: model supply chain part skipped: clean batches 2 and 3 were not approved");
                return new Result(outcomes, null);
            }
            ModelSupplyDemo models = new ModelSupplyDemo(topics, modelKey.getPrivate(), demoDir(config));
            return new Result(
                    outcomes,
                    models.run(producer, modelVerdicts, alerts, out, cleanIds.subList(1, 3), cleanIds.get(2)));
        }
    }

    private static Path demoDir(MonitorConfig config) {
        return Path.of(config.getString(MonitorConfig.DATA_DIR_CONFIG)).resolve("demo");
    }

    private Outcome attack(
            KafkaProducer<String, byte[]> producer,
            TopicNames topics,
            KafkaConsumer<String, byte[]> verdicts,
            PrintStream out,
            String label,
            String id,
            List<TrainingRecord> rows) {
        send(producer, topics, rows, manifest(id, rows));
        return print(out, label, await(verdicts, id, v -> true));
    }

    private BatchManifest manifest(String id, List<TrainingRecord> rows) {
        // a fixed creation time, so the replayed manifest is byte-identical to the first one
        BatchManifest unsigned = new BatchManifest(
                id, DemoBatches.DATASET, SOURCE, rows.size(), ContentHash.of(rows), "2026-03-01T00:00:00Z", KEY_ID, "");
        return Signing.manifest(unsigned, key.getPrivate());
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, TopicNames topics, List<TrainingRecord> rows, BatchManifest m) {
        for (TrainingRecord r : rows) {
            producer.send(new ProducerRecord<>(topics.trainingRecords(), r.batchId(), CanonicalForms.record(r)));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batch_id", m.batchId());
        json.put("dataset", m.dataset());
        json.put("source", m.source());
        json.put("record_count", m.recordCount());
        json.put("content_sha256", m.contentSha256());
        json.put("created_at", m.createdAt());
        json.put("key_id", m.keyId());
        json.put("signature", m.signature());
        producer.send(new ProducerRecord<>(topics.trainingManifests(), m.batchId(), CanonicalJson.bytes(json)));
        producer.flush();
    }

    private void publishReference(KafkaProducer<String, byte[]> producer, TopicNames topics, String run) {
        List<TrainingRecord> trusted = DemoBatches.clean("reference", 5 * batchRecords, 1);
        ReferenceBundle bundle = ReferenceBuilder.build(
                "import:demo-" + run,
                DemoBatches.DATASET,
                rows -> trusted.forEach(r -> rows.accept(new ReferenceBuilder.Row(r.features(), r.label()))));
        producer.send(new ProducerRecord<>(
                QuarantineTopics.references(topics.prefix()),
                QuarantineTopics.referenceKey(DemoBatches.DATASET),
                ReferenceBundleCodec.encode(bundle)));
        Headers headers = KafkaHeaders.empty();
        headers.add("lazaret.reference.id", bundle.referenceId().getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(
                topics.profiles(), null, DemoBatches.DATASET, ProfileCodec.encode(bundle.profile()), headers));
        producer.send(new ProducerRecord<>(
                QuarantineTopics.auditRequests(topics.prefix()),
                DemoBatches.DATASET,
                QuarantineTopics.referenceChange(DemoBatches.DATASET, bundle.referenceId(), "import", "demo")));
        producer.flush();
    }

    private static Outcome print(PrintStream out, String label, BatchVerdict v) {
        List<CheckResult> flagged =
                v.checks().stream().filter(c -> c.status() != CheckStatus.PASS).toList();
        out.printf("demo: %-28s %-8s %s%n", label, v.verdict(), v.batchId());
        for (CheckResult c : flagged) {
            out.printf(
                    "demo:     %-4s %-20s %s%n",
                    c.status().name().toLowerCase(java.util.Locale.ROOT),
                    c.check().label(),
                    c.evidence());
        }
        return new Outcome(label, v);
    }

    private static BatchVerdict await(
            KafkaConsumer<String, byte[]> consumer, String batchId, Predicate<BatchVerdict> which) {
        long deadline = System.nanoTime() + VERDICT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                BatchVerdict v = read(r.value());
                if (batchId.equals(v.batchId()) && which.test(v)) {
                    return v;
                }
            }
        }
        throw new IllegalStateException("demo: no verdict for batch " + batchId + " within " + VERDICT_TIMEOUT);
    }

    private static BatchVerdict read(byte[] json) {
        try {
            return JsonSerde.reader().readValue(json, BatchVerdict.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                dev.lazaret.core.quarantine.topology.QuarantineTopics.MAX_RECORD_BYTES);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Positioned at the current end of {@code topic}, so only this run's records are read. */
    private static KafkaConsumer<String, byte[]> readerAtEnd(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
