package dev.lazaret.core.quarantine.checks;

/**
 * One check's outcome in a verdict.
 *
 * @param check the check (its label on the wire)
 * @param category integrity, quality, shift or poisoning (lower case on the wire)
 * @param status pass, warn, hold or fail
 * @param score what was measured (NaN when the check could not run)
 * @param threshold the score at or beyond which the check flags
 * @param evidence what a person should look at, in words: feature, statistic, values
 */
public record CheckResult(
        CheckName check,
        CheckName.Category category,
        CheckStatus status,
        double score,
        double threshold,
        String evidence) {

    /** Evidence quotes feature names and values; capped so that a verdict's size has a bound. */
    public static final int MAX_EVIDENCE_CHARS = 1_000;

    public CheckResult {
        if (evidence != null && evidence.length() > MAX_EVIDENCE_CHARS) {
            evidence = evidence.substring(0, MAX_EVIDENCE_CHARS - 1) + "…";
        }
    }

    /** A check's result, in its own category. */
    public static CheckResult of(CheckName check, CheckStatus status, double score, double threshold, String evidence) {
        return new CheckResult(check, check.category(), status, score, threshold, evidence);
    }

    public boolean flagged() {
        return status != CheckStatus.PASS;
    }
}
