package dev.lazaret.detectors.poisoning;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The test behind {@code class-centroid-shift}: for one feature of one class, Welch's statistic for the difference of
 * the batch and reference class means with the batch's variance taken as at least the reference's, referred to
 * Student's t with {@code min(nBatch, nRef) - 1} degrees of freedom (fewer than Welch–Satterthwaite's, so the test
 * errs on the conservative side); across the {@code m} (class, feature) pairs of a batch, Bonferroni. Bonferroni, not a
 * joint Hotelling T², because the state keeps per-feature moments only (no covariances) and Bonferroni stays valid
 * however the features correlate.
 *
 * <p>Why the floor on the batch's variance: under the null both sides share the reference class's distribution, and
 * the tests are read at Bonferroni levels near 1e-5, where a small batch class's own variance is a poor estimate of
 * it. On a zero-inflated feature it collapses whenever the batch class happens to hold only zeros: {@code segment}'s
 * {@code short-line-density-5} is non-zero in 11% of the class {@code path}'s rows, so 30 batch rows of {@code path}
 * are all zero in 3% of batches (0.891^30), and plain Welch's t against a 165-row reference class is then about -4.5;
 * over 30 random splits of {@code segment} (20 clean 200-row batches each) plain Welch's held 4 of 600 clean batches,
 * this statistic none. The pooled variance, the textbook alternative, weighs the batch's variance by its share of the
 * rows and so understates a batch class whose spread is larger: on {@code diabetes} it held 5 of 600 (one split whose
 * pool's positive class has more and more varied pregnancies than the reference's), against 1 with this statistic.
 */
final class CentroidShiftStatistic {
    private CentroidShiftStatistic() {}

    /**
     * Welch's t with {@code max(varBatch, varRef)} on the batch's side; NaN when the reference has no spread and the
     * batch none either.
     */
    static double statistic(
            double nBatch, double meanBatch, double varBatch, double nRef, double meanRef, double varRef) {
        double se = Math.sqrt(Math.max(varBatch, varRef) / nBatch + varRef / nRef);
        return se > 0 ? (meanBatch - meanRef) / se : Double.NaN;
    }

    /** Degrees of freedom {@link #statistic} is referred to: the smaller side's, less one. */
    static double degreesOfFreedom(double nBatch, double nRef) {
        return Math.min(nBatch, nRef) - 1;
    }

    /** Two-sided p-value of {@code t} on {@code df} degrees of freedom. */
    static double twoSidedP(double t, double df) {
        return Math.min(1, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
    }

    /** The |t| a single pair must reach for the batch to be flagged at family-wise level {@code alpha} over m pairs. */
    static double critical(double alpha, int m, double df) {
        return TDistribution.of(df).inverseSurvivalProbability(alpha / (2.0 * Math.max(1, m)));
    }
}
