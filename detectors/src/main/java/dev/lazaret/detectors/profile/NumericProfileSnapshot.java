package dev.lazaret.detectors.profile;

import java.util.Arrays;

/**
 * The parts of a {@link NumericProfile}, for encoding.
 *
 * @param k KLL accuracy parameter
 * @param count finite values profiled
 * @param mean running mean
 * @param m2 sum of squared deviations from the mean
 * @param min smallest finite value (NaN if none)
 * @param max largest finite value (NaN if none)
 * @param nullCount missing values
 * @param nonFiniteCount NaN and infinite values
 * @param sketch KLL sketch in DataSketches' own binary form
 */
public record NumericProfileSnapshot(
        int k,
        long count,
        double mean,
        double m2,
        double min,
        double max,
        long nullCount,
        long nonFiniteCount,
        byte[] sketch) {

    /** Validates counts. */
    public NumericProfileSnapshot {
        if (count < 0 || nullCount < 0 || nonFiniteCount < 0) {
            throw new IllegalArgumentException(String.format(
                    "counts must be non-negative: count=%d, nulls=%d, nonFinite=%d", count, nullCount, nonFiniteCount));
        }
        sketch = sketch.clone();
    }

    @Override
    public byte[] sketch() {
        return sketch.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericProfileSnapshot s
                && k == s.k
                && count == s.count
                && Double.compare(mean, s.mean) == 0
                && Double.compare(m2, s.m2) == 0
                && Double.compare(min, s.min) == 0
                && Double.compare(max, s.max) == 0
                && nullCount == s.nullCount
                && nonFiniteCount == s.nonFiniteCount
                && Arrays.equals(sketch, s.sketch);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(count) + Arrays.hashCode(sketch);
    }

    @Override
    public String toString() {
        return String.format("NumericProfileSnapshot[k=%d, count=%d, sketchBytes=%d]", k, count, sketch.length);
    }
}
