package dev.lazaret.core.quarantine.integrity;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.serde.JsonSerde;
import java.security.PrivateKey;

/**
 * Signs what model signers and operators send, over the canonical forms of {@link CanonicalForms}: the one signing path
 * of the CLI, the demo, the bench and the tests, so that what they send is what the topology verifies.
 */
public final class Signing {
    private Signing() {}

    /** The manifest signed with {@code key} (Ed25519 over {@link CanonicalForms#manifestForSigning}). */
    public static BatchManifest manifest(BatchManifest unsigned, PrivateKey key) {
        return new BatchManifest(
                unsigned.batchId(),
                unsigned.dataset(),
                unsigned.source(),
                unsigned.recordCount(),
                unsigned.contentSha256(),
                unsigned.createdAt(),
                unsigned.keyId(),
                Ed25519.sign(key, CanonicalForms.manifestForSigning(unsigned)));
    }

    /** The release signed with {@code key} (Ed25519 over {@link CanonicalForms#releaseForSigning}). */
    public static ModelRelease release(ModelRelease unsigned, PrivateKey key) {
        return unsigned.withSignature(Ed25519.sign(key, CanonicalForms.releaseForSigning(unsigned)));
    }

    /**
     * The decision signed with {@code key} (Ed25519 over {@link CanonicalForms#decisionForSigning}), as the JSON value
     * {@code lazaret batches release|reject} writes to {@code training.decisions}.
     */
    public static byte[] decisionJson(OperatorDecision unsigned, PrivateKey key) {
        OperatorDecision signed = new OperatorDecision(
                unsigned.batchId(),
                unsigned.decision(),
                unsigned.operator(),
                unsigned.reason(),
                unsigned.keyId(),
                Ed25519.sign(key, CanonicalForms.decisionForSigning(unsigned)));
        return JsonSerde.<OperatorDecision>serializer().serialize(null, signed);
    }
}
