package dev.lazaret.core.quarantine.audit;

/**
 * Something to append to the audit trail, before it is chained.
 *
 * @param kind {@code VERDICT} (the policy decided), {@code DECISION} (an operator decided a held batch) or {@code
 *     REFERENCE} (a dataset's reference was imported, promoted or bootstrapped)
 * @param subject the batch id, or the dataset for a reference change
 * @param dataset the dataset concerned
 * @param payload the event itself as JSON text: the verdict as published, or the reference change
 */
public record AuditEvent(String kind, String subject, String dataset, String payload) {
    public static final String VERDICT = "VERDICT";
    public static final String DECISION = "DECISION";
    public static final String REFERENCE = "REFERENCE";
}
