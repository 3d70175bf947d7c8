package dev.lazaret.detectors.outlier;

import dev.lazaret.detectors.rate.BinomialExcess;
import dev.lazaret.detectors.rate.BinomialExcessResult;

/**
 * The outlier-surge form of {@link BinomialExcess}, kept for callers written against it.
 *
 * @deprecated use {@link BinomialExcess#test(long, long, double)}; this delegates to it
 */
@Deprecated
public final class OutlierRateStatistic {
    private OutlierRateStatistic() {}

    /**
     * Tests whether the outlier rate exceeds the reference rate, by {@link BinomialExcess#test}.
     *
     * @param outliers outliers observed, in [0, trials]
     * @param trials values checked, at least 1
     * @param referenceRate expected outlier rate, in (0, 1)
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static OutlierRateResult test(int outliers, int trials, double referenceRate) {
        Checks.openUnit("referenceRate", referenceRate);
        BinomialExcessResult r = BinomialExcess.test(outliers, trials, referenceRate);
        return new OutlierRateResult(outliers, trials, referenceRate, r.rate(), r.pValue(), r.effect());
    }
}
