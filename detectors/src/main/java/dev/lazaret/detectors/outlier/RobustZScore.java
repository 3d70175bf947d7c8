package dev.lazaret.detectors.outlier;

import java.util.Arrays;

/**
 * Robust z-score of a value against a reference: {@code (x - median) / scaledMad}.
 *
 * <p>The scale is the median absolute deviation multiplied by {@link #NORMAL_CONSISTENCY} = 1/Φ⁻¹(3/4) ≈ 1.4826, which
 * makes it a consistent estimator of the standard deviation under normality (the same constant as
 * {@code scipy.stats.median_abs_deviation(scale='normal')}). Unlike mean and standard deviation, both statistics
 * ignore up to half of the reference being contaminated, so a poisoned reference cannot hide its own outliers.
 *
 * @param median median of the reference
 * @param scaledMad median absolute deviation times {@link #NORMAL_CONSISTENCY}; may be 0 for a degenerate reference
 */
public record RobustZScore(double median, double scaledMad) {
    /** 1/Φ⁻¹(3/4), the factor that turns the MAD into a standard-deviation estimate for normal data. */
    public static final double NORMAL_CONSISTENCY = 1.482602218505602;

    /** Validates the fields. */
    public RobustZScore {
        if (!Double.isFinite(median)) {
            throw new IllegalArgumentException(String.format("median must be finite, got %s", median));
        }
        if (!(scaledMad >= 0) || !Double.isFinite(scaledMad)) {
            throw new IllegalArgumentException(String.format("scaledMad must be finite and >= 0, got %s", scaledMad));
        }
    }

    /**
     * Fits the score to a reference sample.
     *
     * @param reference at least one finite value; not modified
     * @throws IllegalArgumentException if the reference is null, empty or holds a non-finite value
     */
    public static RobustZScore fit(double[] reference) {
        Checks.finiteVector("reference", reference);
        if (reference.length == 0) {
            throw new IllegalArgumentException("reference must hold at least one value");
        }
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double median = median(sorted);
        double[] deviations = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(deviations);
        return new RobustZScore(median, median(deviations) * NORMAL_CONSISTENCY);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        int middle = n / 2;
        return n % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Returns the robust z-score of {@code value}. When the reference is degenerate ({@code scaledMad == 0}) the
     * score is 0 at the median and infinite elsewhere: any departure from a constant reference is an outlier.
     *
     * @throws IllegalArgumentException if the value is not finite
     */
    public double score(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format("value must be finite, got %s", value));
        }
        double deviation = value - median;
        if (scaledMad == 0) {
            return deviation == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, deviation);
        }
        return deviation / scaledMad;
    }
}
