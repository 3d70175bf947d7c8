package dev.lazaret.core.quarantine.audit;

/**
 * Something to append to the audit trail, before it is chained.
 *
 * @param kind {@code VERDICT} (the policy decided), {@code DECISION} (an operator decided a held batch), {@code
 *     REFERENCE} (a dataset's reference was imported, promoted or bootstrapped), {@code RECALIBRATION_REQUESTED} (an
 *     operator asked to refit a model's performance-estimation calibration), {@code RECALIBRATED} (the refit
 *     happened), {@code MODEL_RELEASE} (the verdict on a model release) or {@code BATCH_REVOKED} (an operator revoked
 *     an approved batch)
 * @param subject the batch id, the dataset for a reference change, the model for a recalibration, or {@code
 *     <model>@<version>} for a model release
 * @param dataset the dataset concerned
 * @param payload the event itself as JSON text: the verdict as published, or the reference change
 */
public record AuditEvent(String kind, String subject, String dataset, String payload) {
    public static final String VERDICT = "VERDICT";
    public static final String DECISION = "DECISION";
    public static final String REFERENCE = "REFERENCE";
    public static final String RECALIBRATION_REQUESTED = "RECALIBRATION_REQUESTED";
    public static final String RECALIBRATED = "RECALIBRATED";
    public static final String MODEL_RELEASE = "MODEL_RELEASE";
    public static final String BATCH_REVOKED = "BATCH_REVOKED";

    /**
     * On a record of the audit requests topic, the entry's kind; absent, the record is a {@link #REFERENCE} change
     * keyed by its dataset (what the CLI and the bootstrap write).
     */
    public static final String KIND_HEADER = "lazaret.audit.kind";
    /** On a record of the audit requests topic, the dataset concerned when the key is not the dataset. */
    public static final String DATASET_HEADER = "lazaret.audit.dataset";
}
