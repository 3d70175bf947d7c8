package dev.lazaret.detectors.rate;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * One-sided exact binomial excess test: given k hits among n trials and the background rate p0 (the reference
 * outlier rate, the baseline error rate, a Bloom filter's false-positive rate), is the true rate greater than p0? The
 * p-value is {@code P(X ≥ k)} for {@code X ~ Binomial(n, p0)}, computed by Commons Statistics {@link BinomialTest}
 * ({@code scipy.stats.binomtest(k, n, p0, alternative='greater').pvalue}).
 */
public final class BinomialExcess {
    private static final BinomialTest GREATER = BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

    private BinomialExcess() {}

    /**
     * Tests whether the hit rate exceeds the background rate.
     *
     * @param hits hits observed, in [0, trials]
     * @param trials trials, in [1, Integer.MAX_VALUE]
     * @param backgroundRate rate expected without an excess, in [0, 1] (at 0 any hit is an infinite excess)
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static BinomialExcessResult test(long hits, long trials, double backgroundRate) {
        if (trials < 1 || trials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    String.format("trials must be in [1, %d], got %d", Integer.MAX_VALUE, trials));
        }
        if (hits < 0 || hits > trials) {
            throw new IllegalArgumentException(String.format("hits must be in [0, %d], got %d", trials, hits));
        }
        if (!(backgroundRate >= 0 && backgroundRate <= 1)) {
            throw new IllegalArgumentException(
                    String.format("backgroundRate must be in [0, 1], got %s", backgroundRate));
        }
        double rate = (double) hits / trials;
        double pValue = GREATER.test((int) trials, (int) hits, backgroundRate).getPValue();
        return new BinomialExcessResult(hits, trials, backgroundRate, rate, pValue, rate / backgroundRate);
    }
}
