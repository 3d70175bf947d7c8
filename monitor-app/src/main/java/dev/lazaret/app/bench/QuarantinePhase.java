package dev.lazaret.app.bench;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.CanonicalJson;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.ResumableSha256;
import dev.lazaret.core.quarantine.integrity.Signing;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.core.quarantine.topology.QuarantineStores;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.detectors.codec.ProfileCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The quarantine topology, as {@code lazaret run} builds it, on signed batches of N records of 20 features (15
 * numeric, 5 categorical). As in the demo, a fresh Ed25519 key pair and a keyring trusting it are written to the run's
 * directory before the runtime starts, and a trusted reference for the dataset is pinned. Each batch's records are
 * produced, then its signed manifest, back to back. Throughput is the records released to training.approved plus
 * training.rejected (read_committed), from the first release to the last; latency is each manifest's send to the
 * arrival of its committed verdict on training.verdicts.
 */
final class QuarantinePhase implements BenchPhase {
    static final String DATASET = "bench-train";
    private static final String SOURCE = "bench-source";
    private static final String KEY_ID = "bench-key";
    private static final String OPERATOR_KEY_ID = "bench-operator";
    private static final String[][] CATEGORIES = {
        {"FR", "DE", "ES", "IT"}, {"web", "app", "pos"}, {"a", "b", "c", "d", "e"}, {"low", "mid", "high"}, {"y", "n"}
    };

    private final String name;
    private final String prefix;
    private final TopicNames topics;
    private final int batches;
    private final int batchRecords;
    private final int instances;

    /**
     * @param name the phase's name in the table
     * @param prefix its topic prefix, application id and directory, so phases share nothing
     * @param instances runtimes sharing the application id (more than one: the scale-out figure)
     */
    QuarantinePhase(String name, String prefix, int batches, int batchRecords, int instances) {
        this.name = name;
        this.prefix = prefix;
        this.topics = new TopicNames(prefix + ".");
        this.batches = batches;
        this.batchRecords = batchRecords;
        this.instances = instances;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PhaseResult run(BenchEnvironment env) throws Exception {
        Path dir = env.dataDir().resolve(prefix);
        Files.createDirectories(dir);
        // The keyring is read when the topology is built: it must exist before the runtime starts.
        KeyPair key = Ed25519.generate();
        // the bench stands in for an operator releasing held batches, and decisions are signed
        KeyPair operatorKey = Ed25519.generate();
        Path keyring = dir.resolve("keyring.json");
        Files.writeString(
                keyring,
                "{\"keys\":{\"" + KEY_ID + "\":{\"public_key\":\"" + Ed25519.encode(key.getPublic())
                        + "\",\"datasets\":[\"" + DATASET + "\"],\"sources\":[\"" + SOURCE + "\"]}},"
                        + "\"operators\":{\"" + OPERATOR_KEY_ID + "\":{\"public_key\":\""
                        + Ed25519.encode(operatorKey.getPublic()) + "\",\"operator\":\"bench\",\"datasets\":[\""
                        + DATASET + "\"]}}}\n");
        long total = (long) batches * batchRecords;
        Map<String, Long> manifestSentAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<String, Long> lastAckedAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<LastRecordLatency.Sample> afterLastRecord = new ConcurrentLinkedQueue<>();
        List<String> verdicts = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong released = new AtomicLong();
        AtomicLong firstReleaseAt = new AtomicLong(-1);
        AtomicLong firstReleaseCount = new AtomicLong();
        AtomicLong lastReleaseAt = new AtomicLong();
        AtomicLong firstManifestAt = new AtomicLong(-1);
        BiConsumer<ConsumerRecord<String, byte[]>, Long> onRelease = (r, at) -> {
            long n = released.incrementAndGet();
            firstReleaseAt.compareAndSet(-1, at);
            if (at == firstReleaseAt.get()) {
                // the first visible release (one committed chunk) starts the clock, as in CommittedProgress
                firstReleaseCount.set(n);
            }
            lastReleaseAt.accumulateAndGet(at, Math::max);
        };
        List<LazaretRuntime> runtimes = new ArrayList<>();
        try (MemoryProbe memory = new MemoryProbe()) {
            for (int i = 0; i < instances; i++) {
                LazaretRuntime runtime =
                        new LazaretRuntime(ConfigLoader.load(null, Map.of(), settings(env, keyring, i)));
                runtimes.add(runtime);
                runtime.start();
            }
            CpuProbe cpu = new CpuProbe(appId());
            try (KafkaProducer<String, byte[]> decisions = BenchWorkload.producer(env.bootstrapServers());
                    OutputLatency verdictReader =
                            new OutputLatency(env.bootstrapServers(), topics.trainingVerdicts(), (r, at) -> {
                                BatchVerdict v = JsonSerde.deserializer(BatchVerdict.class)
                                        .deserialize(r.topic(), r.value());
                                Long sent = manifestSentAt.remove(v.batchId());
                                if (sent != null) {
                                    latencies.add(at - sent);
                                    afterLastRecord.add(LastRecordLatency.of(
                                            r.value(), at, lastAckedAt.getOrDefault(v.batchId(), sent)));
                                    verdicts.add(v.verdict().name());
                                    report(env, v);
                                    if (v.verdict() == Verdict.HELD) {
                                        release(decisions, topics, v.batchId(), operatorKey);
                                    }
                                }
                            });
                    OutputLatency approved =
                            new OutputLatency(env.bootstrapServers(), topics.trainingApproved(), onRelease);
                    OutputLatency rejected =
                            new OutputLatency(env.bootstrapServers(), topics.trainingRejected(), onRelease);
                    KafkaProducer<String, byte[]> producer = BenchWorkload.producer(env.bootstrapServers())) {
                verdictReader.awaitAssigned();
                approved.awaitAssigned();
                rejected.awaitAssigned();
                publishReference(producer);
                awaitReferencePinned(runtimes, env.timeoutMs());
                String run = Long.toString(System.currentTimeMillis(), 36);
                for (int b = 0; b < batches; b++) {
                    String id = BatchIds.onPartition("bench-" + run + "-" + b, b % env.partitions(), env.partitions());
                    env.progress().printf("bench: %s: producing batch %s (%,d records)%n", name(), id, batchRecords);
                    BatchManifest manifest = sendRecords(producer, key, id, 100 + b, lastAckedAt);
                    producer.flush();
                    long now = System.currentTimeMillis();
                    firstManifestAt.compareAndSet(-1, now);
                    manifestSentAt.put(id, now);
                    producer.send(new ProducerRecord<>(topics.trainingManifests(), id, manifestJson(manifest)));
                    producer.flush();
                }
                long deadline = System.currentTimeMillis() + env.timeoutMs();
                long lastPrint = 0;
                while (released.get() < total || latencies.size() < batches) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(name() + ": " + released.get() + " of " + total
                                + " records released, " + latencies.size() + " verdicts, within " + env.timeoutMs()
                                + " ms");
                    }
                    if (System.currentTimeMillis() - lastPrint >= 2_000) {
                        lastPrint = System.currentTimeMillis();
                        env.progress()
                                .printf(
                                        "bench: %s: %,d/%,d records released, %d/%d verdicts%n",
                                        name(), released.get(), total, latencies.size(), batches);
                    }
                    Thread.sleep(50);
                }
                env.progress()
                        .printf(
                                "bench: %s: %,d/%,d records released, verdicts %s%n",
                                name(), released.get(), total, verdicts);
            }
            CpuProbe.CpuTime cpuTime = cpu.stop();
            List<String> notes = new ArrayList<>();
            if (instances > 1) {
                for (int i = 0; i < runtimes.size(); i++) {
                    notes.add("instance " + (i + 1) + " had "
                            + runtimes.get(i).activeInputPartitions().stream()
                                    .filter(tp -> tp.startsWith(topics.trainingRecords() + "-"))
                                    .toList());
                }
                notes.forEach(n -> env.progress().printf("bench: %s: %s%n", name(), n));
            }
            long spanMs = lastReleaseAt.get() - firstReleaseAt.get();
            double rate = spanMs > 0 && firstReleaseCount.get() < total
                    ? (total - firstReleaseCount.get()) / (spanMs / 1e3)
                    // all released at once (tiny sizes): the only interval is from the first manifest
                    : total / (Math.max(1, lastReleaseAt.get() - firstManifestAt.get()) / 1e3);
            return new PhaseResult(
                    name(),
                    total,
                    rate,
                    Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray()),
                    null,
                    Percentiles.of(afterLastRecord.stream()
                            .mapToLong(LastRecordLatency.Sample::ms)
                            .toArray()),
                    afterLastRecord.stream().anyMatch(l -> l.source() == LastRecordLatency.Source.ACKNOWLEDGED)
                            ? LastRecordLatency.Source.ACKNOWLEDGED
                            : LastRecordLatency.Source.STORED,
                    cpuTime,
                    memory.peakHeapBytes(),
                    MemoryProbe.peakRssBytes(),
                    notes);
        } finally {
            runtimes.forEach(LazaretRuntime::close);
        }
    }

    private String appId() {
        return "bench-" + prefix;
    }

    /** Sends the batch's records and returns its signed manifest (content hash streamed, as lazaret submit does). */
    private BatchManifest sendRecords(
            KafkaProducer<String, byte[]> producer, KeyPair key, String id, long seed, Map<String, Long> lastAckedAt) {
        Random random = new Random(seed);
        ResumableSha256 digest = new ResumableSha256();
        for (int seq = 0; seq < batchRecords; seq++) {
            Row row = row(random);
            byte[] canonical = CanonicalForms.record(new TrainingRecord(id, DATASET, seq, row.features, row.label));
            digest.update(canonical);
            digest.update((byte) '\n');
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.trainingRecords(), id, canonical);
            if (seq == batchRecords - 1) {
                producer.send(record, (metadata, e) -> {
                    if (e == null) {
                        lastAckedAt.put(id, System.currentTimeMillis());
                    }
                });
            } else {
                producer.send(record);
            }
        }
        BatchManifest unsigned =
                new BatchManifest(id, DATASET, SOURCE, batchRecords, digest.hex(), "2026-11-22T00:00:00Z", KEY_ID, "");
        return Signing.manifest(unsigned, key.getPrivate());
    }

    private void report(BenchEnvironment env, BatchVerdict v) {
        env.progress()
                .printf(
                        "bench: %s: verdict %s for %s (reference %s)%n",
                        name(),
                        v.verdict(),
                        v.batchId(),
                        v.referenceId() == null ? "none: bootstrapped" : v.referenceId());
        v.checks().stream()
                .filter(c -> c.status() != CheckStatus.PASS)
                .forEach(c -> env.progress()
                        .printf(
                                "bench: %s:     %s %s: %s%n",
                                name(), c.status(), c.check().label(), c.evidence()));
    }

    /**
     * A held batch waits for an operator; the bench stands in for one, so its records are still released (and
     * counted). Its latency stays the manifest's send to the HELD verdict.
     */
    private static void release(
            KafkaProducer<String, byte[]> producer, TopicNames topics, String batchId, KeyPair operatorKey) {
        String reason = "lazaret bench releases held batches to measure their release";
        OperatorDecision unsigned =
                new OperatorDecision(batchId, OperatorDecision.Decision.RELEASE, "bench", reason, OPERATOR_KEY_ID, "");
        producer.send(new ProducerRecord<>(
                topics.trainingDecisions(), batchId, Signing.decisionJson(unsigned, operatorKey.getPrivate())));
        producer.flush();
    }

    private static byte[] manifestJson(BatchManifest m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batch_id", m.batchId());
        json.put("dataset", m.dataset());
        json.put("source", m.source());
        json.put("record_count", m.recordCount());
        json.put("content_sha256", m.contentSha256());
        json.put("created_at", m.createdAt());
        json.put("key_id", m.keyId());
        json.put("signature", m.signature());
        return CanonicalJson.bytes(json);
    }

    /**
     * Waits until every instance's global reference store holds the pinned reference: the global store has its own
     * consumer, so a batch sent right after the reference could otherwise be judged without it (and bootstrap one).
     */
    private static void awaitReferencePinned(List<LazaretRuntime> runtimes, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        String key = QuarantineTopics.referenceKey(DATASET);
        while (!runtimes.stream().allMatch(r -> r.globalStoreHolds(QuarantineStores.REFERENCES, key))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "the pinned reference did not reach the quarantine's reference store within " + timeoutMs
                                + " ms");
            }
            Thread.sleep(50);
        }
    }

    /** A trusted reference for the dataset, from the same generator, pinned as the demo pins its own. */
    private void publishReference(KafkaProducer<String, byte[]> producer)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        int n = Math.max(5_000, Math.min(batchRecords, 50_000));
        // the builder reads its source once per pass: each pass must see the same rows (bins, then counts over them)
        ReferenceBundle bundle = ReferenceBuilder.build("import:bench", DATASET, rows -> {
            Random random = new Random(1);
            for (int i = 0; i < n; i++) {
                Row row = row(random);
                rows.accept(new ReferenceBuilder.Row(row.features, row.label));
            }
        });
        // awaited: a send that fails (a record over the producer's limit) would otherwise leave the bench measuring a
        // quarantine that bootstraps its own reference
        producer.send(new ProducerRecord<>(
                        QuarantineTopics.references(prefix + "."),
                        QuarantineTopics.referenceKey(DATASET),
                        ReferenceBundleCodec.encode(bundle)))
                .get();
        Headers headers = KafkaHeaders.empty();
        headers.add("lazaret.reference.id", bundle.referenceId().getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(
                        topics.profiles(), null, DATASET, ProfileCodec.encode(bundle.profile()), headers))
                .get();
        producer.send(new ProducerRecord<>(
                        QuarantineTopics.auditRequests(prefix + "."),
                        DATASET,
                        QuarantineTopics.referenceChange(DATASET, bundle.referenceId(), "import", "bench")))
                .get();
    }

    private record Row(Map<String, Object> features, Object label) {}

    /** 15 numeric features f0..f14 ~ N(0, 1) and 5 categorical c0..c4; label {@code pos} when f0 plus noise > 1. */
    private static Row row(Random random) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int f = 0; f < 15; f++) {
            features.put("f" + f, random.nextGaussian());
        }
        for (int c = 0; c < CATEGORIES.length; c++) {
            features.put("c" + c, CATEGORIES[c][random.nextInt(CATEGORIES[c].length)]);
        }
        double f0 = (Double) features.get("f0");
        return new Row(features, f0 + 0.3 * random.nextGaussian() > 1 ? "pos" : "neg");
    }

    private Map<String, String> settings(BenchEnvironment env, Path keyring, int instance) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("bootstrap.servers", env.bootstrapServers());
        settings.put("application.id", appId());
        settings.put("topic.prefix", prefix + ".");
        settings.put("data.dir", env.dataDir().resolve(prefix + "-" + instance).toString());
        settings.put("http.port", "0");
        settings.put("topic.partitions", Integer.toString(env.partitions()));
        settings.put("log.level", "warn");
        settings.put("stream.threads", Integer.toString(env.streamThreads()));
        settings.put(QuarantineSettings.KEYRING_FILE_CONFIG, keyring.toString());
        settings.putAll(env.monitorSettings());
        return settings;
    }
}
