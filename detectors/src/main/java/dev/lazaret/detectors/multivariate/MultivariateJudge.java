package dev.lazaret.detectors.multivariate;

import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.compare.KolmogorovSmirnovStatistic;
import dev.lazaret.detectors.compare.WassersteinStatistic;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.rate.BinomialExcess;
import dev.lazaret.detectors.rate.BinomialExcessResult;
import java.util.Locale;

/**
 * Judges a {@link MultivariateWindow} against its {@link MultivariateReference} under the univariate tests' policy:
 *
 * <ul>
 *   <li>the window's reconstruction errors against the reference's with the sketch KS test, drifted when the p-value
 *       is below α/2 and the KS D or W1/IQR reaches the policy's numeric effect floors (as a numeric feature);
 *   <li>the window's Mahalanobis outlier rate against the reference's own (at least the nominal 1%) with the exact
 *       binomial excess test, a surge when the p-value is below α/2 and the rate is at least {@code outlierMinRatio}
 *       times the expected one.
 * </ul>
 *
 * <p>Bonferroni over the two tests keeps the window's false-alarm rate at or below α. A window with fewer scored rows
 * than the policy's {@code minCount} is not tested. Pure.
 */
public final class MultivariateJudge {
    private MultivariateJudge() {}

    /**
     * Judges a window.
     *
     * @param reference the reference the window's rows were scored against
     * @param window the window
     * @param policy alpha, effect floors and minimum count of the univariate tests
     * @param outlierMinRatio minimum ratio of the outlier rate to the expected rate for a surge, ≥ 1
     */
    public static MultivariateVerdict judge(
            MultivariateReference reference, MultivariateWindow window, DriftPolicy policy, double outlierMinRatio) {
        int d = reference.features().size();
        int k = reference.pca().components();
        if (window.rows() < policy.minCount() || reference.referenceErrors().count() < policy.minCount()) {
            return MultivariateVerdict.untested(
                    d,
                    k,
                    window.rows(),
                    window.incomplete(),
                    String.format(
                            Locale.ROOT,
                            "insufficient data: %d complete rows in the window, need %d",
                            window.rows(),
                            policy.minCount()));
        }
        double alpha = policy.alpha() / 2;
        Comparison ks = KolmogorovSmirnovStatistic.ofProfiles(reference.referenceErrors(), window.errors());
        double w1 = WassersteinStatistic.ofProfiles(reference.referenceErrors(), window.errors())
                .effectSize();
        boolean large = ks.effectSize() >= policy.numericEffectFloor() || w1 >= policy.numericWassersteinFloor();
        boolean reconstructionDrift = ks.pValue() < alpha && large;

        double expected =
                Math.min(0.5, Math.max(MultivariateReference.NOMINAL_OUTLIER_RATE, reference.referenceOutlierRate()));
        BinomialExcessResult excess = BinomialExcess.test(
                Math.min(window.outliers(), Integer.MAX_VALUE), Math.min(window.rows(), Integer.MAX_VALUE), expected);
        boolean surge = excess.pValue() < alpha && excess.effect() >= outlierMinRatio;
        boolean drift = reconstructionDrift || surge;
        String reason = String.format(
                Locale.ROOT,
                "%s: PCA reconstruction error (%d of %d components) ks-d %.4f, w1/iqr %.4f, p %.3g; "
                        + "Mahalanobis outliers %.2f%% against %.2f%% expected, p %.3g; each test at alpha/2 = %.3g",
                drift ? "drifted" : "not drifted",
                k,
                d,
                ks.effectSize(),
                w1,
                ks.pValue(),
                100 * excess.rate(),
                100 * expected,
                excess.pValue(),
                alpha);
        return new MultivariateVerdict(
                true,
                d,
                k,
                window.rows(),
                window.incomplete(),
                ks.statistic(),
                ks.pValue(),
                w1,
                reference.referenceErrors().quantile(0.5),
                window.errors().quantile(0.5),
                reconstructionDrift,
                window.outliers(),
                excess.rate(),
                expected,
                excess.pValue(),
                surge,
                drift,
                reason);
    }
}
