package dev.lazaret.detectors.outlier;

import dev.lazaret.detectors.profile.NumericProfile;

/**
 * A numeric feature's non-outlier range, usually {@link RobustZScore#bounds(double)} of its reference.
 *
 * @param low values below are outliers
 * @param high values above are outliers
 */
public record OutlierBounds(double low, double high) {
    /** Validates the range. */
    public OutlierBounds {
        if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException(String.format("need finite low <= high, got [%s, %s]", low, high));
        }
    }

    /** Whether {@code value} lies inside the range (bounds included); NaN is outside. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    /** Whether {@code value} is an outlier: outside the range. */
    public boolean isOutlier(double value) {
        return !contains(value);
    }

    /**
     * Returns the share of {@code profile}'s finite values outside the range: {@code P(X < low) + P(X > high)}, from
     * the sketch's inclusive ranks (so exact while the sketch holds every value).
     *
     * @return the share in [0, 1], or NaN when the profile is empty
     */
    public double tailMass(NumericProfile profile) {
        if (profile.count() == 0) {
            return Double.NaN;
        }
        return profile.rank(Math.nextDown(low)) + (1 - profile.rank(high));
    }
}
