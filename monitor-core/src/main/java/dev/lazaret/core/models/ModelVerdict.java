package dev.lazaret.core.models;

import dev.lazaret.core.contract.ModelRelease;
import java.util.List;
import java.util.Map;

/**
 * A model version's standing, as published on {@code models.verdicts} (key = model, JSON, snake_case): the verdict on
 * its release, with the release itself, and later the same verdict again when a batch it was trained on is revoked.
 * The last record of a {@code (model, version)} is its current standing.
 *
 * @param status approved or refused
 * @param reasons why it was refused, one line each, in the order found; empty when approved
 * @param revokedBatches approved batches it was trained on that an operator revoked since, in revocation order
 * @param verdictMs wall-clock time of this record
 */
public record ModelVerdict(
        String model,
        String version,
        ReleaseStatus status,
        List<String> reasons,
        List<ModelRelease.Artifact> artifacts,
        List<ModelRelease.TrainingSet> trainedOn,
        Map<String, String> frameworks,
        String createdAt,
        String keyId,
        List<String> revokedBatches,
        long verdictMs) {

    public ModelVerdict {
        reasons = List.copyOf(reasons);
        artifacts = List.copyOf(artifacts);
        trainedOn = List.copyOf(trainedOn);
        // sorted, so the JSON on models.verdicts does not depend on a hash order
        frameworks = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(frameworks));
        revokedBatches = List.copyOf(revokedBatches);
    }

    public String id() {
        return ModelRelease.releaseId(model, version);
    }

    public boolean approved() {
        return status == ReleaseStatus.APPROVED;
    }

    /** Whether any of its training batches is among {@code batchId}. */
    public boolean trainedOn(String batchId) {
        return trainedOn.stream().anyMatch(t -> t.batches().contains(batchId));
    }

    /** The same standing with {@code batchId} revoked, at {@code nowMs}. */
    public ModelVerdict withRevoked(String batchId, long nowMs) {
        List<String> revoked = new java.util.ArrayList<>(revokedBatches);
        if (!revoked.contains(batchId)) {
            revoked.add(batchId);
        }
        return new ModelVerdict(
                model, version, status, reasons, artifacts, trainedOn, frameworks, createdAt, keyId, revoked, nowMs);
    }
}
