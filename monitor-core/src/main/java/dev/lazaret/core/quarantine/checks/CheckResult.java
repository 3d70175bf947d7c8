package dev.lazaret.core.quarantine.checks;

/**
 * One check's outcome in a verdict.
 *
 * @param check the check's label ({@link CheckName#label()})
 * @param category integrity, quality, shift or poisoning (lower case)
 * @param status pass, warn, hold or fail
 * @param score what was measured (NaN when the check could not run)
 * @param threshold the score at or beyond which the check flags
 * @param evidence what a person should look at, in words: feature, statistic, values
 */
public record CheckResult(
        String check, String category, CheckStatus status, double score, double threshold, String evidence) {}
