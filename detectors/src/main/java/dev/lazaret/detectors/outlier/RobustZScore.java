package dev.lazaret.detectors.outlier;

import dev.lazaret.detectors.profile.NumericProfile;
import java.util.Arrays;
import java.util.Optional;

/**
 * Robust z-score of a value against a reference: {@code (x - median) / scale}, where the scale is a
 * normal-consistent estimate of the standard deviation that ignores up to a quarter (IQR) or half (MAD) of the
 * reference being contaminated, so a poisoned reference cannot hide its own outliers.
 *
 * <p>Two ways to fit it:
 *
 * <ul>
 *   <li>{@link #fit(double[])} on a sample: median and the median absolute deviation times {@link
 *       #NORMAL_CONSISTENCY} = 1/Φ⁻¹(3/4) ≈ 1.4826 ({@code scipy.stats.median_abs_deviation(scale='normal')}).
 *   <li>{@link #fromProfile(NumericProfile)} on a sketch, the one definition both the drift and the quarantine side
 *       use for a reference profile: the sketch median and the interquartile range divided by {@link
 *       #IQR_NORMAL_SCALE} = 2Φ⁻¹(3/4) ≈ 1.349 ({@code scipy.stats.iqr(x, scale='normal')}); when the IQR is 0 (a
 *       feature mostly at one value) the sample standard deviation stands in.
 * </ul>
 *
 * <p>{@link #bounds(double)} turns the score into a non-outlier range, and {@link OutlierBounds#tailMass} gives the
 * share of the reference outside it (the reference outlier rate, see {@link ReferenceOutlierRate}).
 *
 * @param median robust location of the reference
 * @param scale normal-consistent robust scale; may be 0 for a degenerate reference
 */
public record RobustZScore(double median, double scale) {
    /** 1/Φ⁻¹(3/4), the factor that turns the MAD into a standard-deviation estimate for normal data. */
    public static final double NORMAL_CONSISTENCY = 1.482602218505602;

    /** 2Φ⁻¹(3/4), the interquartile range of N(0, 1): dividing an IQR by it estimates the standard deviation. */
    public static final double IQR_NORMAL_SCALE = 1.3489795003921634;

    /** Validates the fields. */
    public RobustZScore {
        if (!Double.isFinite(median)) {
            throw new IllegalArgumentException(String.format("median must be finite, got %s", median));
        }
        if (!(scale >= 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException(String.format("scale must be finite and >= 0, got %s", scale));
        }
    }

    /**
     * Fits the score to a reference profile: median, and IQR / {@link #IQR_NORMAL_SCALE} or, when that is 0, the
     * sample standard deviation.
     *
     * @return the score, or empty when the profile holds no finite value or its scale is 0 or not finite (a constant
     *     feature has no outlier range)
     */
    public static Optional<RobustZScore> fromProfile(NumericProfile profile) {
        if (profile.count() == 0) {
            return Optional.empty();
        }
        double median = profile.quantile(0.5);
        double iqr = profile.quantile(0.75) - profile.quantile(0.25);
        double scale = iqr > 0 ? iqr / IQR_NORMAL_SCALE : Math.sqrt(profile.variance());
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(median)) {
            return Optional.empty();
        }
        return Optional.of(new RobustZScore(median, scale));
    }

    /**
     * Returns the non-outlier range {@code [median - z·scale, median + z·scale]}.
     *
     * @param z robust z threshold, finite and positive
     * @throws IllegalArgumentException if z is not finite and positive
     */
    public OutlierBounds bounds(double z) {
        if (!(z > 0) || !Double.isFinite(z)) {
            throw new IllegalArgumentException(String.format("z must be finite and > 0, got %s", z));
        }
        return new OutlierBounds(median - z * scale, median + z * scale);
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
     * Returns the robust z-score of {@code value}. When the reference is degenerate ({@code scale == 0}) the
     * score is 0 at the median and infinite elsewhere: any departure from a constant reference is an outlier.
     *
     * @throws IllegalArgumentException if the value is not finite
     */
    public double score(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format("value must be finite, got %s", value));
        }
        double deviation = value - median;
        if (scale == 0) {
            return deviation == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, deviation);
        }
        return deviation / scale;
    }
}
