package dev.lazaret.detectors.rate;

/**
 * Outcome of {@link BinomialExcess#test(long, long, double)}.
 *
 * @param hits hits observed (k)
 * @param trials trials (n)
 * @param backgroundRate rate expected without an excess (p0)
 * @param rate observed rate k / n
 * @param pValue one-sided p-value of H1: rate > p0
 * @param effect rate ratio (k / n) / p0, the size of the excess
 */
public record BinomialExcessResult(
        long hits, long trials, double backgroundRate, double rate, double pValue, double effect) {

    /**
     * Returns whether the excess is significant at level {@code alpha}: {@code pValue < alpha}.
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
     * Returns whether the excess is both significant at {@code alpha} and at least {@code minEffect} times the
     * background rate: a p-value alone flags tiny excesses on large samples.
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
