package dev.lazaret.detectors.poisoning;

/**
 * The outcome of one poisoning check on one batch.
 *
 * @param check the check name, stable for alerting (for example {@code label-flip})
 * @param score the check's score; its unit is described by the check
 * @param threshold the score at or above which the check flags (some checks also need significance)
 * @param flagged whether the batch is suspicious for this check
 * @param evidence a human-actionable explanation: the feature and bins, the value and its label, the counts
 */
public record PoisoningSignal(String check, double score, double threshold, boolean flagged, String evidence) {}
