package dev.lazaret.detectors.compare;

import dev.lazaret.detectors.profile.NumericProfile;

/**
 * Population Stability Index, PSI = Σ (c_i − r_i)·ln(c_i / r_i) over bins, a symmetric KL divergence used across
 * credit-risk monitoring. Proportions below {@link #DEFAULT_EPSILON} are raised to it, because one empty bin would
 * make PSI infinite. PSI has no p-value; the usual reading is &lt; 0.1 stable, 0.1–0.25 moderate, &gt; 0.25 major.
 */
public final class PopulationStabilityIndexStatistic {

    /** Smallest proportion used for an empty bin. */
    public static final double DEFAULT_EPSILON = 1e-4;

    private PopulationStabilityIndexStatistic() {}

    /**
     * PSI of two distributions over the same bins; weights are normalized first.
     *
     * @param reference non-negative weights
     * @param current non-negative weights, same length
     * @param epsilon floor for empty bins, in (0, 0.1]
     * @return PSI ≥ 0
     */
    public static double of(double[] reference, double[] current, double epsilon) {
        Checks.distributions(reference, current);
        if (!(epsilon > 0 && epsilon <= 0.1)) {
            throw new IllegalArgumentException(String.format("epsilon must be in (0, 0.1]: %s", epsilon));
        }
        double[] r = Checks.normalize(reference);
        double[] c = Checks.normalize(current);
        double psi = 0;
        for (int i = 0; i < r.length; i++) {
            double ri = Math.max(r[i], epsilon);
            double ci = Math.max(c[i], epsilon);
            psi += (ci - ri) * Math.log(ci / ri);
        }
        return Math.max(0, psi);
    }

    /** PSI on reference-quantile bins ({@link QuantileBins#DEFAULT_BINS}) of raw samples. */
    public static Comparison ofSamples(double[] reference, double[] current) {
        QuantileBins bins = QuantileBins.fromReference(reference, QuantileBins.DEFAULT_BINS);
        double psi = of(bins.proportions(reference), bins.proportions(current), DEFAULT_EPSILON);
        return new Comparison("psi", psi, Double.NaN, psi, "psi", reference.length, current.length);
    }

    /** PSI on reference-quantile bins ({@link QuantileBins#DEFAULT_BINS}) of two profiles. */
    public static Comparison ofProfiles(NumericProfile reference, NumericProfile current) {
        QuantileBins bins = QuantileBins.fromReference(reference, QuantileBins.DEFAULT_BINS);
        double psi = of(bins.proportions(reference), bins.proportions(current), DEFAULT_EPSILON);
        return new Comparison("psi", psi, Double.NaN, psi, "psi", reference.count(), current.count());
    }
}
