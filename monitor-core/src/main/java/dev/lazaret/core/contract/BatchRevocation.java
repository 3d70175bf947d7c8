package dev.lazaret.core.contract;

/**
 * An operator's revocation of an approved batch later found bad, as produced to {@code training.revocations} (key =
 * batch id) by {@code lazaret batches revoke}. Audited; every approved model version trained on the batch then raises
 * {@code MODEL_TRAINED_ON_REVOKED_DATA}.
 *
 * @param operator who revoked it, as recorded in the audit trail
 * @param reason why, in the operator's words
 */
public record BatchRevocation(String batchId, String operator, String reason) {}
