package dev.lazaret.core.models;

import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.Keyring;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides a model release: signed by a key of the keyring whose {@code models} scope holds the model, and trained only
 * on batches that stand approved in the dataset the release names (not rejected, held, revoked or unknown). Pure: the
 * batches' standings come from {@code standings}, the time from the caller.
 */
public final class ReleaseJudge {
    private final Keyring keyring;

    public ReleaseJudge(Keyring keyring) {
        this.keyring = keyring;
    }

    public ModelVerdict judge(ModelRelease release, Function<String, Optional<BatchStanding>> standings, long nowMs) {
        List<String> reasons =
                new ArrayList<>(signatureRefusal(release).stream().toList());
        for (ModelRelease.TrainingSet set : release.trainedOn()) {
            for (String batchId : set.batches()) {
                batchRefusal(set.dataset(), batchId, standings.apply(batchId)).ifPresent(reasons::add);
            }
        }
        return new ModelVerdict(
                release.model(),
                release.version(),
                reasons.isEmpty() ? ReleaseStatus.APPROVED : ReleaseStatus.REFUSED,
                reasons,
                release.artifacts(),
                release.trainedOn(),
                release.frameworks(),
                release.createdAt(),
                release.keyId(),
                List.of(),
                nowMs);
    }

    private Optional<String> signatureRefusal(ModelRelease release) {
        Optional<Keyring.Entry> found = keyring.key(release.keyId());
        if (found.isEmpty()) {
            return Optional.of("key '" + release.keyId() + "' is not in the keyring");
        }
        Keyring.Entry key = found.get();
        if (!Ed25519.verify(key.publicKey(), CanonicalForms.releaseForSigning(release), release.signature())) {
            return Optional.of("the Ed25519 signature does not verify with key '" + key.keyId() + "'");
        }
        if (!key.mayModel(release.model())) {
            return Optional.of("key '" + key.keyId() + "' may not sign releases of model '" + release.model() + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> batchRefusal(String dataset, String batchId, Optional<BatchStanding> standing) {
        if (standing.isEmpty()) {
            return Optional.of("batch '" + batchId + "' of dataset '" + dataset + "' has no verdict (unknown)");
        }
        BatchStanding s = standing.get();
        if (!s.dataset().equals(dataset)) {
            return Optional.of(
                    "batch '" + batchId + "' belongs to dataset '" + s.dataset() + "', not '" + dataset + "'");
        }
        if (!s.usable()) {
            return Optional.of("batch '" + batchId + "' of dataset '" + dataset + "' is " + s.describe());
        }
        return Optional.empty();
    }
}
