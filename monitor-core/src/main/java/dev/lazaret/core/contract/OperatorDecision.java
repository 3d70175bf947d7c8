package dev.lazaret.core.contract;

/**
 * A person's decision on a held batch, as produced to {@code training.decisions} (key = batch id).
 *
 * @param operator who decided, as recorded in the verdict and the audit trail
 * @param reason why, in the operator's words
 */
public record OperatorDecision(String batchId, Decision decision, String operator, String reason) {

    /** What the operator decided. */
    public enum Decision {
        RELEASE,
        REJECT
    }
}
