package dev.lazaret.detectors.outlier;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * One-sided exact binomial test for an outlier surge: given k outliers among n values and the rate p0 the outlier
 * rule yields on the reference, is the true rate greater than p0? The p-value is {@code P(X ≥ k)} for
 * {@code X ~ Binomial(n, p0)}, computed by Commons Statistics {@link BinomialTest}.
 *
 * <p>Named {@code …Statistic} rather than {@code …Test} because main-code names must not end in {@code Test} (Surefire
 * collects them; see the style guide).
 */
public final class OutlierRateStatistic {
    private static final BinomialTest GREATER = BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

    private OutlierRateStatistic() {}

    /**
     * Tests whether the outlier rate exceeds the reference rate.
     *
     * @param outliers outliers observed, in [0, trials]
     * @param trials values checked, at least 1
     * @param referenceRate expected outlier rate, in (0, 1)
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static OutlierRateResult test(int outliers, int trials, double referenceRate) {
        Checks.atLeast("trials", trials, 1);
        if (outliers < 0 || outliers > trials) {
            throw new IllegalArgumentException(String.format("outliers must be in [0, %d], got %d", trials, outliers));
        }
        Checks.openUnit("referenceRate", referenceRate);
        double rate = (double) outliers / trials;
        double pValue = GREATER.test(trials, outliers, referenceRate).getPValue();
        return new OutlierRateResult(outliers, trials, referenceRate, rate, pValue, rate / referenceRate);
    }
}
