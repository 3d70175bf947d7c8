package dev.lazaret.detectors.poisoning;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The test behind {@code class-centroid-shift}: for one feature of one class, Welch's statistic for the difference of
 * the batch and reference class means, referred to Student's t with {@code min(nBatch, nRef) - 1} degrees of freedom
 * (smaller than Welch–Satterthwaite's, so the test errs on the conservative side); across the {@code m} (class,
 * feature) pairs of a batch, Bonferroni. Bonferroni, not a joint Hotelling T², because the state keeps per-feature
 * moments only (no covariances) and Bonferroni stays valid however the features correlate.
 */
final class CentroidShiftStatistic {
    private CentroidShiftStatistic() {}

    /** Welch's t; NaN when neither side has spread. */
    static double welch(double nBatch, double meanBatch, double varBatch, double nRef, double meanRef, double varRef) {
        double se = Math.sqrt(varBatch / nBatch + varRef / nRef);
        return se > 0 ? (meanBatch - meanRef) / se : Double.NaN;
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
