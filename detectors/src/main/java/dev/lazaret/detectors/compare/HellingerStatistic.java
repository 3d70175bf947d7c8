package dev.lazaret.detectors.compare;

import dev.lazaret.detectors.profile.NumericProfile;

/** Hellinger distance, H = sqrt(1 − Σ sqrt(p_i q_i)), in [0, 1]; bounded and symmetric like JS. */
public final class HellingerStatistic {

    private HellingerStatistic() {}

    /**
     * Returns the Hellinger distance of two weight vectors; weights are normalized first.
     *
     * @param p non-negative weights
     * @param q non-negative weights, same length
     * @return distance in [0, 1]
     */
    public static double distance(double[] p, double[] q) {
        Checks.distributions(p, q);
        double[] a = Checks.normalize(p);
        double[] b = Checks.normalize(q);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.sqrt(a[i]) - Math.sqrt(b[i]);
            sum += d * d;
        }
        // the sum-of-squares form avoids the cancellation of 1 − Σ sqrt(pq) for nearly equal inputs
        return Math.min(1, Math.sqrt(sum / 2));
    }

    /** Hellinger distance on reference-quantile bins of two profiles. */
    public static Comparison ofProfiles(NumericProfile reference, NumericProfile current) {
        QuantileBins bins = QuantileBins.fromReference(reference, QuantileBins.DEFAULT_BINS);
        double d = distance(bins.proportions(reference), bins.proportions(current));
        return new Comparison("hellinger", d, Double.NaN, d, "hellinger", reference.count(), current.count());
    }
}
