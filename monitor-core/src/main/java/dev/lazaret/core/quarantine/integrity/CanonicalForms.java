package dev.lazaret.core.quarantine.integrity;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical forms the content hash and the signature cover, as docs/contract.md defines them:
 *
 * <ul>
 *   <li>a record: RFC 8785 JSON of exactly {@code {batch_id, dataset, features, label, seq}} ({@code label} is
 *       written as {@code null} when absent), followed by one {@code "\n"} in the content hash;
 *   <li>a manifest: RFC 8785 JSON of every manifest field except {@code signature};
 *   <li>an operator decision: RFC 8785 JSON of {@code {batch_id, decision, key_id, operator, reason}};
 *   <li>a model release: RFC 8785 JSON of every release field except {@code signature}.
 * </ul>
 */
public final class CanonicalForms {
    private CanonicalForms() {}

    /** The canonical JSON of one record, without the trailing newline. */
    public static byte[] record(TrainingRecord record) {
        return CanonicalJson.record(
                record.batchId(), record.dataset(), record.features(), record.label(), record.seq());
    }

    /**
     * The same bytes through the map of the record's members, as {@link #record} made them before it wrote them
     * directly: the reference {@code CanonicalFormsTest} compares it with.
     */
    static byte[] recordFromMap(TrainingRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("batch_id", record.batchId());
        map.put("dataset", record.dataset());
        map.put("seq", record.seq());
        map.put("features", record.features());
        map.put("label", record.label());
        return CanonicalJson.bytes(map);
    }

    /** The canonical JSON of a manifest without its signature: the bytes the Ed25519 signature covers. */
    public static byte[] manifestForSigning(BatchManifest manifest) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("batch_id", manifest.batchId());
        map.put("dataset", manifest.dataset());
        map.put("source", manifest.source());
        map.put("record_count", manifest.recordCount());
        map.put("content_sha256", manifest.contentSha256());
        map.put("created_at", manifest.createdAt());
        map.put("key_id", manifest.keyId());
        return CanonicalJson.bytes(map);
    }

    /** The canonical JSON of an operator decision without its signature: the bytes the operator signs. */
    public static byte[] decisionForSigning(OperatorDecision decision) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("batch_id", decision.batchId());
        map.put("decision", decision.decision().name());
        map.put("operator", decision.operator());
        map.put("reason", decision.reason());
        map.put("key_id", decision.keyId());
        return CanonicalJson.bytes(map);
    }

    /** The canonical JSON of a model release without its signature: the bytes the release's signer signs. */
    public static byte[] releaseForSigning(ModelRelease release) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("model", release.model());
        map.put("version", release.version());
        map.put(
                "artifacts",
                release.artifacts().stream()
                        .map(a -> Map.of("name", a.name(), "sha256", a.sha256()))
                        .toList());
        map.put(
                "trained_on",
                release.trainedOn().stream()
                        .map(t -> Map.<String, Object>of("dataset", t.dataset(), "batches", List.copyOf(t.batches())))
                        .toList());
        map.put("frameworks", release.frameworks());
        map.put("created_at", release.createdAt());
        map.put("key_id", release.keyId());
        return CanonicalJson.bytes(map);
    }
}
