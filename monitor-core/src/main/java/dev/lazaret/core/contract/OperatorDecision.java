package dev.lazaret.core.contract;

/**
 * A person's decision on a held batch, as produced to {@code training.decisions} (key = batch id).
 *
 * @param operator who decided, as recorded in the verdict and the audit trail
 * @param reason why, in the operator's words
 * @param keyId the operator's key in the keyring's {@code operators}
 * @param signature base64 Ed25519 signature over the decision's canonical form (every field but this one)
 */
public record OperatorDecision(
        String batchId, Decision decision, String operator, String reason, String keyId, String signature) {

    /** What the operator decided. */
    public enum Decision {
        RELEASE,
        REJECT
    }
}
