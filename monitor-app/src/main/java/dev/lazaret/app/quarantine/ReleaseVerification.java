package dev.lazaret.app.quarantine;

import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.models.ModelVerdict;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lazaret model verify} answers (and the demo shows): whether files a model server is about to load are the artifacts of an
 * approved release, untouched, and trained on data that still stands.
 *
 * @param ok whether the server may load the files
 * @param message one line: what matched, or the first thing that did not
 */
public record ReleaseVerification(boolean ok, String message) {

    /**
     * Checks {@code files} against the version's standing. Every file must be an artifact of the release with its
     * hash; a release may have more artifacts than a server loads, so the files need not name them all.
     */
    public static ReleaseVerification of(
            String model, String version, Optional<ModelVerdict> standing, List<ModelRelease.Artifact> files) {
        String id = ModelRelease.releaseId(model, version);
        if (standing.isEmpty()) {
            return fail("no release of " + id + " on models.verdicts");
        }
        ModelVerdict v = standing.get();
        if (!v.approved()) {
            return fail("release " + id + " was refused: " + String.join("; ", v.reasons()));
        }
        if (!v.revokedBatches().isEmpty()) {
            return fail("release " + id + " was trained on revoked batches: " + String.join(", ", v.revokedBatches())
                    + " (MODEL_TRAINED_ON_REVOKED_DATA)");
        }
        for (ModelRelease.Artifact file : files) {
            Optional<ModelRelease.Artifact> released = v.artifacts().stream()
                    .filter(a -> a.name().equals(file.name()))
                    .findFirst();
            if (released.isEmpty()) {
                return fail(file.name() + " is not an artifact of release " + id + " (it has "
                        + String.join(
                                ", ",
                                v.artifacts().stream()
                                        .map(ModelRelease.Artifact::name)
                                        .toList()) + ")");
            }
            if (!released.get().sha256().equals(file.sha256())) {
                return fail(file.name() + ": SHA-256 " + file.sha256() + " differs from the released "
                        + released.get().sha256());
            }
        }
        return new ReleaseVerification(
                true, "ok: " + files.size() + " files match approved release " + id + ", signed by " + v.keyId());
    }

    private static ReleaseVerification fail(String message) {
        return new ReleaseVerification(false, message);
    }
}
