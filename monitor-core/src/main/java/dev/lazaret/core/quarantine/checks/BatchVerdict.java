package dev.lazaret.core.quarantine.checks;

import java.util.List;

/**
 * One batch's verdict with its evidence, as published on {@code training.verdicts} (key = batch id, JSON, snake_case).
 *
 * @param verdict approved, rejected or held
 * @param reason one line: the checks that decided it, or the operator's reason
 * @param recordCount records the manifest claims ({@code -1} when no manifest arrived)
 * @param recordsReceived records received for the batch, duplicates included
 * @param distinctSeqs distinct seq values received
 * @param duplicateSeqs records whose seq had been seen already in the batch
 * @param contentSha256Claimed the manifest's {@code content_sha256} ({@code null} without a manifest)
 * @param contentSha256Computed the hash over the received records ({@code null} when not computed)
 * @param checks every check that ran, in a fixed order
 * @param decidedBy the policy or the operator ({@code policy} or the operator's name on the wire)
 * @param previousVerdict {@code HELD} when an operator decided a held batch, else {@code null}
 * @param referenceId the reference the batch was compared with, or {@code null}
 * @param firstRecordMs wall-clock time the first record arrived (0 when none did)
 * @param manifestMs wall-clock time the manifest arrived (0 when it did not)
 * @param lastRecordMs wall-clock time the batch's last record was stored (0 when no record arrived)
 * @param verdictMs wall-clock time of this verdict
 */
public record BatchVerdict(
        String batchId,
        String dataset,
        String source,
        String keyId,
        Verdict verdict,
        String reason,
        long recordCount,
        long recordsReceived,
        long distinctSeqs,
        long duplicateSeqs,
        String contentSha256Claimed,
        String contentSha256Computed,
        List<CheckResult> checks,
        DecidedBy decidedBy,
        Verdict previousVerdict,
        String referenceId,
        long firstRecordMs,
        long manifestMs,
        long lastRecordMs,
        long verdictMs) {

    public BatchVerdict {
        checks = List.copyOf(checks);
    }

    /** The same verdict decided by an operator. */
    public BatchVerdict decidedByOperator(Verdict newVerdict, String operator, String operatorReason, long nowMs) {
        return new BatchVerdict(
                batchId,
                dataset,
                source,
                keyId,
                newVerdict,
                "operator " + operator + ": " + operatorReason,
                recordCount,
                recordsReceived,
                distinctSeqs,
                duplicateSeqs,
                contentSha256Claimed,
                contentSha256Computed,
                checks,
                DecidedBy.operator(operator),
                verdict,
                referenceId,
                firstRecordMs,
                manifestMs,
                lastRecordMs,
                nowMs);
    }

    /** Whether an integrity or provenance check failed. */
    public boolean integrityFailed() {
        return checks.stream()
                .anyMatch(c -> c.status() == CheckStatus.FAIL && c.category() == CheckName.Category.INTEGRITY);
    }
}
