package dev.lazaret.app.compare;

import dev.lazaret.detectors.compare.AndersonDarlingStatistic;
import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.compare.CramerVonMisesStatistic;
import dev.lazaret.detectors.compare.HellingerStatistic;
import dev.lazaret.detectors.compare.JensenShannonStatistic;
import dev.lazaret.detectors.compare.KolmogorovSmirnovStatistic;
import dev.lazaret.detectors.compare.PopulationStabilityIndexStatistic;
import dev.lazaret.detectors.compare.QuantileBins;
import dev.lazaret.detectors.compare.WassersteinStatistic;
import dev.lazaret.detectors.profile.NumericProfile;

/**
 * How {@code lazaret compare --method} compares a numeric feature. The three tests (KS, Anderson–Darling,
 * Cramér–von Mises) give a p-value that goes through the multiple-testing correction and the policy's effect floors;
 * the four distances have no p-value, so a feature drifts when its distance reaches {@code --threshold}. Distances on
 * bins (PSI, Jensen–Shannon, Hellinger) use ten reference-quantile bins. The constants are lower case because they
 * are the command-line values.
 */
enum NumericMethod {
    ks(true),
    ad(true),
    cvm(true),
    psi(false),
    js(false),
    wasserstein(false),
    hellinger(false);

    /**
     * Threshold for the distances when none is given: psi 0.1 is the usual edge of "stable"; the others are on the
     * same scale as the policy's effect floors (js and Hellinger in [0, 1], W1 in reference IQRs).
     */
    static final double DEFAULT_THRESHOLD = 0.1;

    private final boolean test;

    NumericMethod(boolean test) {
        this.test = test;
    }

    /** Whether the method is a significance test (has a p-value) rather than a distance. */
    boolean isTest() {
        return test;
    }

    /**
     * Compares raw samples. For the tests the effect size stays the KS distance D, so the policy's effect floor means
     * the same whichever test decides significance.
     */
    Comparison ofSamples(double[] reference, double[] current) {
        return switch (this) {
            case ks -> KolmogorovSmirnovStatistic.ofSamples(reference, current);
            case ad -> withKsEffect(AndersonDarlingStatistic.ofSamples(reference, current), reference, current);
            case cvm -> withKsEffect(CramerVonMisesStatistic.ofSamples(reference, current), reference, current);
            case psi -> PopulationStabilityIndexStatistic.ofSamples(reference, current);
            case js -> JensenShannonStatistic.ofSamples(reference, current);
            case wasserstein -> WassersteinStatistic.ofSamples(reference, current);
            case hellinger -> hellinger(reference, current);
        };
    }

    /** Compares sketches, for columns too large to keep raw; the rank tests other than KS need raw values. */
    Comparison ofProfiles(NumericProfile reference, NumericProfile current) {
        return switch (this) {
            case ks, ad, cvm -> KolmogorovSmirnovStatistic.ofProfiles(reference, current);
            case psi -> PopulationStabilityIndexStatistic.ofProfiles(reference, current);
            case js -> JensenShannonStatistic.ofProfiles(reference, current);
            case wasserstein -> WassersteinStatistic.ofProfiles(reference, current);
            case hellinger -> HellingerStatistic.ofProfiles(reference, current);
        };
    }

    private static Comparison withKsEffect(Comparison test, double[] reference, double[] current) {
        Comparison ks = KolmogorovSmirnovStatistic.ofSamples(reference, current);
        return new Comparison(
                test.method(),
                test.statistic(),
                test.pValue(),
                ks.effectSize(),
                ks.effectSizeName(),
                test.referenceN(),
                test.currentN());
    }

    private static Comparison hellinger(double[] reference, double[] current) {
        QuantileBins bins = QuantileBins.fromReference(reference, QuantileBins.DEFAULT_BINS);
        double d = HellingerStatistic.distance(bins.proportions(reference), bins.proportions(current));
        return new Comparison("hellinger", d, Double.NaN, d, "hellinger", reference.length, current.length);
    }
}
