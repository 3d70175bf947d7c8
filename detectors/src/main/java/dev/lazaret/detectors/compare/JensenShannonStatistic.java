package dev.lazaret.detectors.compare;

import dev.lazaret.detectors.profile.NumericProfile;

/**
 * Jensen–Shannon distance with base-2 logarithms: the square root of the JS divergence, a metric in [0, 1] that is
 * symmetric and finite even when one side has empty bins. Matches {@code scipy.spatial.distance.jensenshannon(p, q,
 * base=2)}.
 */
public final class JensenShannonStatistic {

    private JensenShannonStatistic() {}

    /**
     * Returns the JS distance of two weight vectors over the same bins; weights are normalized first.
     *
     * @param p non-negative weights
     * @param q non-negative weights, same length
     * @return distance in [0, 1]
     */
    public static double distance(double[] p, double[] q) {
        Checks.distributions(p, q);
        double[] a = Checks.normalize(p);
        double[] b = Checks.normalize(q);
        double js = 0;
        for (int i = 0; i < a.length; i++) {
            double m = (a[i] + b[i]) / 2;
            js += term(a[i], m) + term(b[i], m);
        }
        js /= 2 * Math.log(2);
        return Math.sqrt(Math.min(1, Math.max(0, js)));
    }

    private static double term(double x, double m) {
        return x > 0 ? x * Math.log(x / m) : 0;
    }

    /** JS distance on reference-quantile bins of two profiles. */
    public static Comparison ofProfiles(NumericProfile reference, NumericProfile current) {
        QuantileBins bins = QuantileBins.fromReference(reference, QuantileBins.DEFAULT_BINS);
        double d = distance(bins.proportions(reference), bins.proportions(current));
        return new Comparison("jensen-shannon", d, Double.NaN, d, "js-distance", reference.count(), current.count());
    }

    /** JS distance on reference-quantile bins of raw samples. */
    public static Comparison ofSamples(double[] reference, double[] current) {
        QuantileBins bins = QuantileBins.fromReference(reference, QuantileBins.DEFAULT_BINS);
        double d = distance(bins.proportions(reference), bins.proportions(current));
        return new Comparison("jensen-shannon", d, Double.NaN, d, "js-distance", reference.length, current.length);
    }
}
