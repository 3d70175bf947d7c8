package dev.lazaret.app.verdicts;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckResult;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * How far one check's score stayed from the threshold at which it flags, as a share of the threshold, so checks of
 * different units compare: {@code 1 - score / threshold} for a check that flags at or above its threshold, {@code 1 -
 * threshold / score} for one that flags at or below it (a p-value against alpha). {@code 0} is at the threshold, a
 * negative margin is beyond it (the check flagged), and the smaller the margin, the closer the batch came to the
 * check's action.
 *
 * <p>A check without a usable threshold (not finite, or not above zero, where a share of it means nothing) or that
 * could not run (its score NaN) has no margin: it does not rank its batch.
 *
 * @param check the check, as the verdict carries it
 * @param margin the margin; {@code -Infinity} for a p-value of exactly 0
 */
public record RejectionMargin(CheckResult check, double margin) {
    /** Smallest margin first. */
    public static final Comparator<RejectionMargin> NEAREST_FIRST = Comparator.comparingDouble(RejectionMargin::margin);

    public RejectionMargin {
        Objects.requireNonNull(check, "check");
    }

    /** The check's margin, or empty when it has none. */
    public static Optional<RejectionMargin> of(CheckResult check) {
        double score = check.score();
        double threshold = check.threshold();
        if (Double.isNaN(score) || !Double.isFinite(threshold) || threshold <= 0) {
            return Optional.empty();
        }
        boolean below = check.check() != null && check.check().flagsBelowThreshold();
        return Optional.of(new RejectionMargin(check, below ? 1 - threshold / score : 1 - score / threshold));
    }

    /** The check of {@code verdict} that came nearest to flagging, or empty when none of its checks has a margin. */
    public static Optional<RejectionMargin> nearest(BatchVerdict verdict) {
        return verdict.checks().stream()
                .map(RejectionMargin::of)
                .flatMap(Optional::stream)
                .min(NEAREST_FIRST);
    }
}
