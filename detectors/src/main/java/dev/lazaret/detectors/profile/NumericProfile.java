package dev.lazaret.detectors.profile;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Bounded-memory profile of a numeric feature: a KLL quantile sketch of the finite values, exact count, mean,
 * variance, min and max of those values, and counts of nulls and of non-finite values (NaN, ±Inf).
 *
 * <p>Non-finite values are counted but kept out of the sketch and the moments, because a single NaN would poison
 * the mean and the sketch would sort infinities as ordinary values. Mean and variance are merged with the pairwise
 * formula of Chan, Golub and LeVeque (1979), so merging partitions gives the same moments as one pass.
 *
 * <p>Not thread-safe.
 */
public final class NumericProfile implements FeatureProfile {

    /** Default KLL accuracy parameter: normalized rank error of about 1.3% (single-sided, 99% confidence). */
    public static final int DEFAULT_K = 200;

    private final KllDoublesSketch sketch;
    private long count;
    private double mean;
    private double m2;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private long nullCount;
    private long nonFiniteCount;

    private NumericProfile(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    /** Creates an empty profile with {@link #DEFAULT_K}. */
    public static NumericProfile create() {
        return create(DEFAULT_K);
    }

    /**
     * Creates an empty profile.
     *
     * @param k KLL accuracy parameter in [8, 65535]; larger is more accurate and larger
     * @return an empty profile
     */
    public static NumericProfile create(int k) {
        if (k < 8 || k > KllSketch.MAX_K) {
            throw new IllegalArgumentException(String.format("KLL k must be in [8, %d]: %d", KllSketch.MAX_K, k));
        }
        return new NumericProfile(KllDoublesSketch.newHeapInstance(k));
    }

    /**
     * Rebuilds a profile from its parts; used by the codec.
     *
     * @param state the parts, as returned by {@link #snapshot()}
     * @return a profile equal to the one that produced the state
     */
    public static NumericProfile fromSnapshot(NumericProfileSnapshot state) {
        KllDoublesSketch heap = KllDoublesSketch.heapify(Memory.wrap(state.sketch()));
        if (heap.getN() != state.count()) {
            throw new IllegalArgumentException(
                    String.format("sketch holds %d values but the profile counts %d", heap.getN(), state.count()));
        }
        NumericProfile p = new NumericProfile(heap);
        p.count = state.count();
        p.mean = state.mean();
        p.m2 = state.m2();
        p.min = state.min();
        p.max = state.max();
        p.nullCount = state.nullCount();
        p.nonFiniteCount = state.nonFiniteCount();
        return p;
    }

    /** Returns the parts of this profile, including the serialized sketch. */
    public NumericProfileSnapshot snapshot() {
        return new NumericProfileSnapshot(
                sketch.getK(), count, mean, m2, min, max, nullCount, nonFiniteCount, sketch.toByteArray());
    }

    /** Adds one value; NaN and infinities are counted as non-finite and not profiled further. */
    public void update(double value) {
        if (!Double.isFinite(value)) {
            nonFiniteCount++;
            return;
        }
        sketch.update(value);
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        if (count == 1) {
            min = value;
            max = value;
        } else {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
    }

    /** Counts one missing value. */
    public void updateNull() {
        nullCount++;
    }

    void updateNulls(long n) {
        nullCount += n;
    }

    /**
     * Merges another profile into this one; the other is left unchanged.
     *
     * @param other a profile built with any k
     */
    public void merge(NumericProfile other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a profile into itself");
        }
        nullCount += other.nullCount;
        nonFiniteCount += other.nonFiniteCount;
        if (other.count == 0) {
            return;
        }
        sketch.merge(other.sketch);
        if (count == 0) {
            count = other.count;
            mean = other.mean;
            m2 = other.m2;
            min = other.min;
            max = other.max;
            return;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        mean += delta * ((double) other.count / n);
        m2 += other.m2 + delta * delta * ((double) count * other.count / n);
        count = n;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    @Override
    public FeatureKind kind() {
        return FeatureKind.NUMERIC;
    }

    /** Returns the number of finite values profiled. */
    public long count() {
        return count;
    }

    @Override
    public long nullCount() {
        return nullCount;
    }

    /** Returns the number of NaN or infinite values seen (not profiled). */
    public long nonFiniteCount() {
        return nonFiniteCount;
    }

    @Override
    public long totalCount() {
        return count + nullCount + nonFiniteCount;
    }

    /** Returns the mean of the finite values, or NaN when there are none. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Returns the unbiased sample variance, or NaN with fewer than two values. */
    public double variance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    /** Returns the smallest finite value, or NaN when empty. */
    public double min() {
        return min;
    }

    /** Returns the largest finite value, or NaN when empty. */
    public double max() {
        return max;
    }

    /** Returns the KLL accuracy parameter. */
    public int k() {
        return sketch.getK();
    }

    /**
     * Returns the approximate quantile at a normalized rank.
     *
     * @param rank in [0, 1]
     * @return the quantile (inclusive search criterion), or NaN when empty
     */
    public double quantile(double rank) {
        checkRank(rank);
        return count == 0 ? Double.NaN : sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
    }

    /**
     * Returns the approximate fraction of values less than or equal to {@code value}.
     *
     * @param value any finite value
     * @return rank in [0, 1], or NaN when empty
     */
    public double rank(double value) {
        return count == 0 ? Double.NaN : sketch.getRank(value, QuantileSearchCriteria.INCLUSIVE);
    }

    /**
     * Returns ranks for several values at once (ascending values are not required).
     *
     * @param values split points
     * @return fraction of values ≤ each split point
     */
    public double[] ranks(double[] values) {
        if (count == 0) {
            throw new IllegalArgumentException("cannot rank against an empty profile");
        }
        return sketch.getRanks(values, QuantileSearchCriteria.INCLUSIVE);
    }

    /**
     * Returns the sorted distinct values the sketch retains; a CDF evaluated at these points is exact for the sketch.
     */
    public double[] retainedValues() {
        if (count == 0) {
            return new double[0];
        }
        return java.util.Arrays.stream(sketch.getSortedView().getQuantiles())
                .distinct()
                .toArray();
    }

    /**
     * Returns the retained values in ascending order, repeats included; pairs with {@link #cumulativeWeights()}.
     */
    public double[] sortedValues() {
        if (count == 0) {
            return new double[0];
        }
        return sketch.getSortedView().getQuantiles();
    }

    /**
     * Returns, for each entry of {@link #sortedValues()}, the total weight of values up to and including it; the
     * last entry is the number of finite values profiled.
     */
    public long[] cumulativeWeights() {
        if (count == 0) {
            return new long[0];
        }
        return sketch.getSortedView().getCumulativeWeights();
    }

    /**
     * Returns the single-sided normalized rank error of the sketch at 99% confidence, or 0 while the sketch still
     * holds every value (then ranks and quantiles are exact).
     */
    public double normalizedRankError() {
        return sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0.0;
    }

    private static void checkRank(double rank) {
        if (!(rank >= 0 && rank <= 1)) {
            throw new IllegalArgumentException(String.format("rank must be in [0, 1]: %s", rank));
        }
    }

    @Override
    public String toString() {
        return String.format(
                "NumericProfile[count=%d, mean=%s, min=%s, max=%s, nulls=%d, nonFinite=%d]",
                count, mean(), min, max, nullCount, nonFiniteCount);
    }
}
