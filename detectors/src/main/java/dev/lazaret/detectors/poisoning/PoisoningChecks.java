package dev.lazaret.detectors.poisoning;

import java.util.List;

/**
 * Runs every poisoning check on one batch against the trusted reference.
 *
 * <p>Checks, in the order returned: {@code label-shift}, {@code label-flip}, {@code backdoor-trigger},
 * {@code duplicate-flood}, {@code near-duplicate-flood}, {@code replay}, {@code class-centroid-shift}, {@code label-consistency}. Thresholds come
 * from the {@link PoisoningConfig} the batch accumulator was created with.
 */
public final class PoisoningChecks {
    private PoisoningChecks() {}

    /**
     * Evaluates all checks.
     *
     * @throws IllegalArgumentException if the batch was accumulated with other bins than the reference's
     */
    public static List<PoisoningSignal> evaluate(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        if (!reference.bins().equals(batch.binsUsed())) {
            throw new IllegalArgumentException("batch was accumulated against other bins than this reference: "
                    + batch.binsUsed() + " vs " + reference.bins());
        }
        return List.of(
                LabelShiftChecks.labelShift(reference, batch),
                LabelShiftChecks.labelFlip(reference, batch),
                TriggerCheck.evaluate(reference, batch),
                DuplicationChecks.duplicates(batch),
                DuplicationChecks.nearDuplicates(batch),
                DuplicationChecks.replay(batch),
                CentroidCheck.evaluate(reference, batch),
                LabelConsistencyCheck.evaluate(batch));
    }
}
