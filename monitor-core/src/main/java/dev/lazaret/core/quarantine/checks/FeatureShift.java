package dev.lazaret.core.quarantine.checks;

import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.profile.DatasetProfile;

/**
 * How quarantine's {@code feature-shift} judges a batch's features against the reference: the drift side's tests and
 * effect floors ({@link DriftJudge}, {@link DriftPolicy#defaults()}), at the level {@link #ALPHA} rather than the drift
 * side's 0.05.
 */
public final class FeatureShift {
    /**
     * Benjamini–Hochberg level across a batch's features. The drift side watches windows and alerts at 0.05; a
     * quarantine hold stops a batch until an operator looks, and a clean batch is held at about the level on average.
     * Over 30 random splits of the five real tables (20 clean 200-row batches each, {@code RealDataCleanSweep}), 0.05
     * held 27 of 600 clean {@code vote} batches (19 of them on one split whose pool differs from its reference in one
     * feature) and 17 of 600 {@code credit-g}; 0.01 held 0 and 4; 0.005 held 0 and 2.
     */
    public static final double ALPHA = 0.01;

    private FeatureShift() {}

    /** The per-feature verdicts of a batch's profile against the reference's. */
    public static DatasetDriftVerdict judge(DatasetProfile reference, DatasetProfile batch) {
        return DriftJudge.judge(reference, batch, DriftPolicy.defaults().withAlpha(ALPHA));
    }
}
