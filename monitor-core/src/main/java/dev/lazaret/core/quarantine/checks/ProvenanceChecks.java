package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.Keyring;
import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import java.util.Optional;

/** Who sent the batch: the signing key is known and may sign the dataset, the signature holds, the source is allowed. */
final class ProvenanceChecks {
    private final Keyring keyring;

    ProvenanceChecks(Keyring keyring) {
        this.keyring = keyring;
    }

    /** Runs the four checks; whether all passed. */
    boolean run(CheckList checks, BatchManifest m, DatasetPolicy policy) {
        Optional<Keyring.Entry> key = keyring.key(m.keyId());
        checks.add(
                CheckName.KEY_KNOWN,
                key.isPresent() ? 0 : 1,
                1,
                key.isEmpty(),
                key.isPresent()
                        ? "key " + m.keyId() + " is in the keyring"
                        : "key " + m.keyId() + " is not in the keyring");
        boolean signatureOk = key.isPresent()
                && Ed25519.verify(key.get().publicKey(), CanonicalForms.manifestForSigning(m), m.signature());
        checks.add(
                CheckName.SIGNATURE,
                signatureOk ? 0 : 1,
                1,
                !signatureOk,
                signatureOk
                        ? "Ed25519 signature valid for key " + m.keyId()
                        : key.isPresent()
                                ? "Ed25519 signature does not verify with key " + m.keyId()
                                        + ": the manifest was altered or signed with another key"
                                : "cannot verify: key " + m.keyId() + " unknown");
        boolean keyAllowed = key.isPresent() && key.get().mayDataset(m.dataset());
        checks.add(
                CheckName.KEY_ALLOWED,
                keyAllowed ? 0 : 1,
                1,
                !keyAllowed,
                keyAllowed
                        ? "key " + m.keyId() + " may sign dataset " + m.dataset()
                        : "key " + m.keyId() + " may not sign dataset " + m.dataset()
                                + key.map(k -> " (allowed: " + k.datasets() + ")")
                                        .orElse(""));
        boolean sourceOk = policy.sourceAllowed(m.source())
                && key.map(k -> k.maySource(m.source())).orElse(false);
        checks.add(
                CheckName.SOURCE_ALLOWED,
                sourceOk ? 0 : 1,
                1,
                !sourceOk,
                sourceOk
                        ? "source " + m.source() + " allowed"
                        : "source " + m.source() + " not allowed for dataset " + m.dataset() + " with key "
                                + m.keyId());
        return key.isPresent() && signatureOk && keyAllowed && sourceOk;
    }
}
