package dev.lazaret.core.quarantine.reference;

import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.profile.DatasetProfile;

/**
 * A dataset's trusted reference as stored on the references topic: where it came from, its profile and its poisoning
 * reference. Its byte layout is {@code quarantine.codec.ReferenceBundleCodec}'s.
 *
 * @param referenceId its origin: {@code import:<sha256 of the file>} or {@code batch:<batch id>}
 */
public record ReferenceBundle(
        String referenceId, String dataset, DatasetProfile profile, PoisoningReference poisoning) {}
