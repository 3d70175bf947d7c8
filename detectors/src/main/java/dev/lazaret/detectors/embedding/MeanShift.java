package dev.lazaret.detectors.embedding;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * How far a window's mean moved from the reference's, in reference standard deviations, over several projections:
 * the root mean square of the standardised shifts, √(Σⱼ ((m̄ⱼ − μⱼ) / σⱼ)² / p). One projection moved by one σ and the
 * rest still gives 1/√p; every projection moved by one σ gives 1. Pure.
 */
public final class MeanShift {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private MeanShift() {}

    /**
     * @param referenceMeans μⱼ
     * @param referenceSds σⱼ (sample standard deviations); a projection with σⱼ = 0 or NaN is left out
     * @param windowMeans m̄ⱼ
     * @return the RMS standardised shift, or NaN when no projection has a positive σ
     */
    public static double rmsStandardised(double[] referenceMeans, double[] referenceSds, double[] windowMeans) {
        if (referenceMeans.length != referenceSds.length || referenceMeans.length != windowMeans.length) {
            throw new IllegalArgumentException("means and standard deviations must have one value per projection");
        }
        double sum = 0;
        int used = 0;
        for (int j = 0; j < referenceMeans.length; j++) {
            if (referenceSds[j] > 0 && Double.isFinite(windowMeans[j])) {
                double z = (windowMeans[j] - referenceMeans[j]) / referenceSds[j];
                sum += z * z;
                used++;
            }
        }
        return used == 0 ? Double.NaN : Math.sqrt(sum / used);
    }

    /**
     * Two-sided p-values of the per-projection difference of means, Welch's z = (m̄ − μ) / √(s²ᵣ/N + s²_w/n) against
     * the standard normal (the window and reference counts are at least the policy's minimum, where the central limit
     * theorem holds for the mean); NaN where a variance is missing or both are zero.
     */
    public static double[] pValues(
            double[] referenceMeans,
            double[] referenceVariances,
            long referenceCount,
            double[] windowMeans,
            double[] windowVariances,
            long windowCount) {
        double[] p = new double[referenceMeans.length];
        for (int j = 0; j < p.length; j++) {
            double se = Math.sqrt(referenceVariances[j] / referenceCount + windowVariances[j] / windowCount);
            p[j] = se > 0
                    ? 2 * STANDARD_NORMAL.survivalProbability(Math.abs(windowMeans[j] - referenceMeans[j]) / se)
                    : Double.NaN;
        }
        return p;
    }
}
