package dev.lazaret.core.quarantine;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.ContentHash;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.Signing;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic signed batches for quarantine tests: a clean generator and the attacks, with a signer and keyring. */
final class TestBatches {
    static final String DATASET = "fraud";
    static final String SOURCE = "bank-a";
    static final String KEY_ID = "bank-a-2026";
    static final String OTHER_KEY_ID = "other-2026";

    final KeyPair key = Ed25519.generate();
    final KeyPair otherKey = Ed25519.generate();

    /** The operators the keyring lets decide {@link #DATASET}, each with a key of its own, id {@code <name>-2026}. */
    static final Map<String, KeyPair> OPERATORS =
            Map.of("alice", Ed25519.generate(), "bob", Ed25519.generate(), "soc", Ed25519.generate());

    /**
     * Writes a keyring trusting {@link #KEY_ID} for {@link #DATASET}, {@link #OTHER_KEY_ID} for "other" only, and the
     * {@link #OPERATORS} to decide {@link #DATASET}.
     */
    Path writeKeyring(Path dir) {
        StringBuilder operators = new StringBuilder();
        OPERATORS.forEach((name, pair) -> operators
                .append(operators.length() == 0 ? "" : ",")
                .append("\"")
                .append(name)
                .append("-2026\":{\"public_key\":\"")
                .append(Ed25519.encode(pair.getPublic()))
                .append("\",\"operator\":\"")
                .append(name)
                .append("\",\"datasets\":[\"" + DATASET + "\"]}"));
        String json = "{\"keys\":{\"" + KEY_ID + "\":{\"public_key\":\"" + Ed25519.encode(key.getPublic())
                + "\",\"datasets\":[\"" + DATASET + "\"],\"sources\":[\"" + SOURCE + "\"]},\"" + OTHER_KEY_ID
                + "\":{\"public_key\":\"" + Ed25519.encode(otherKey.getPublic()) + "\",\"datasets\":[\"other\"]}},"
                + "\"operators\":{" + operators + "}}";
        try {
            return Files.writeString(dir.resolve("keyring.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Clean rows: x, z1, z2, z3 ~ N(0, 1), y ~ N(5 + 2 shift, 2) (so {@code shift} is in y's standard deviations), cat in
     * {a, b, c}; label 1 when x + noise > 0, so shifting y moves no label.
     */
    static List<TrainingRecord> clean(String batchId, int n, long seed, double shift) {
        Random random = new Random(seed);
        List<TrainingRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian();
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("x", x);
            features.put("y", 5 + 2 * (shift + random.nextGaussian()));
            features.put("z1", random.nextGaussian());
            features.put("z2", random.nextGaussian());
            features.put("z3", random.nextGaussian());
            features.put("cat", new String[] {"a", "b", "c"}[random.nextInt(3)]);
            String label = x + 0.5 * random.nextGaussian() > 0 ? "1" : "0";
            records.add(new TrainingRecord(batchId, DATASET, i, features, label));
        }
        return records;
    }

    BatchManifest manifest(String batchId, List<TrainingRecord> records) {
        return sign(
                new BatchManifest(
                        batchId,
                        DATASET,
                        SOURCE,
                        records.size(),
                        ContentHash.of(records),
                        "2026-11-22T10:00:00Z",
                        KEY_ID,
                        ""),
                key);
    }

    static BatchManifest sign(BatchManifest m, KeyPair signer) {
        return Signing.manifest(m, signer.getPrivate());
    }

    static String json(TrainingRecord r) {
        return new String(CanonicalForms.record(r), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String json(BatchManifest m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("batch_id", m.batchId());
        map.put("dataset", m.dataset());
        map.put("source", m.source());
        map.put("record_count", m.recordCount());
        map.put("content_sha256", m.contentSha256());
        map.put("created_at", m.createdAt());
        map.put("key_id", m.keyId());
        map.put("signature", m.signature());
        try {
            return JsonSerde.writer().writeValueAsString(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrainingRecord withLabel(TrainingRecord r, String label) {
        return new TrainingRecord(r.batchId(), r.dataset(), r.seq(), r.features(), label);
    }

    static TrainingRecord withFeature(TrainingRecord r, String name, Object value) {
        Map<String, Object> features = new LinkedHashMap<>(r.features());
        features.put(name, value);
        return new TrainingRecord(r.batchId(), r.dataset(), r.seq(), features, r.label());
    }

    static TrainingRecord withBatch(TrainingRecord r, String batchId) {
        return new TrainingRecord(batchId, r.dataset(), r.seq(), r.features(), r.label());
    }

    /**
     * An operator decision as {@code lazaret batches release|reject} writes it, signed with the key of {@code operator}
     * in {@link #OPERATORS} (or, for a name not there, with a key the keyring does not know).
     */
    static String decision(String batchId, String decision, String operator, String reason) {
        KeyPair signer = OPERATORS.getOrDefault(operator, Ed25519.generate());
        OperatorDecision unsigned = new OperatorDecision(
                batchId, OperatorDecision.Decision.valueOf(decision), operator, reason, operator + "-2026", "");
        return new String(Signing.decisionJson(unsigned, signer.getPrivate()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
