package dev.lazaret.detectors.outlier;

/**
 * Outcome of {@link OutlierRateStatistic#test(int, int, double)}.
 *
 * @deprecated use {@link dev.lazaret.detectors.rate.BinomialExcessResult}
 *
 * @param outliers outliers observed (k)
 * @param trials values checked (n)
 * @param referenceRate outlier rate expected under the reference (p0)
 * @param statistic observed rate k / n
 * @param pValue one-sided p-value of H1: rate > p0
 * @param effect rate ratio (k / n) / p0, the size of the surge
 */
@Deprecated
public record OutlierRateResult(
        int outliers, int trials, double referenceRate, double statistic, double pValue, double effect) {

    /**
     * Returns whether the surge is significant at level {@code alpha}: {@code pValue < alpha}.
     *
     * @throws IllegalArgumentException if alpha is not in (0, 0.5]
     */
    public boolean reject(double alpha) {
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException(String.format("alpha must be in (0, 0.5], got %s", alpha));
        }
        return pValue < alpha;
    }

    /**
     * Returns whether the surge is both significant at {@code alpha} and at least {@code minEffect} times the
     * reference rate: a p-value alone flags tiny surges on large windows.
     *
     * @throws IllegalArgumentException if alpha is not in (0, 0.5] or minEffect is below 1
     */
    public boolean reject(double alpha, double minEffect) {
        if (!(minEffect >= 1) || !Double.isFinite(minEffect)) {
            throw new IllegalArgumentException(String.format("minEffect must be finite and >= 1, got %s", minEffect));
        }
        return reject(alpha) && effect >= minEffect;
    }
}
