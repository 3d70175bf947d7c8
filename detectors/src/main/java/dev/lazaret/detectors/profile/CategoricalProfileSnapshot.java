package dev.lazaret.detectors.profile;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of a {@link CategoricalProfile}, for encoding.
 *
 * @param maxExactDistinct exact-count limit
 * @param count non-null values
 * @param nullCount missing values
 * @param exactCounts exact counts (empty in sketch mode)
 * @param frequentItemsSketch serialized frequent-items sketch, or null in exact mode
 * @param distinctSketch serialized compact HLL sketch
 */
public record CategoricalProfileSnapshot(
        int maxExactDistinct,
        long count,
        long nullCount,
        Map<String, Long> exactCounts,
        byte[] frequentItemsSketch,
        byte[] distinctSketch) {

    /** Copies the mutable parts and validates counts. */
    public CategoricalProfileSnapshot {
        if (count < 0 || nullCount < 0) {
            throw new IllegalArgumentException(
                    String.format("counts must be non-negative: count=%d, nulls=%d", count, nullCount));
        }
        exactCounts = Map.copyOf(exactCounts);
        frequentItemsSketch = frequentItemsSketch == null ? null : frequentItemsSketch.clone();
        distinctSketch = distinctSketch.clone();
    }

    @Override
    public Map<String, Long> exactCounts() {
        return new TreeMap<>(exactCounts);
    }

    @Override
    public byte[] frequentItemsSketch() {
        return frequentItemsSketch == null ? null : frequentItemsSketch.clone();
    }

    @Override
    public byte[] distinctSketch() {
        return distinctSketch.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalProfileSnapshot s
                && maxExactDistinct == s.maxExactDistinct
                && count == s.count
                && nullCount == s.nullCount
                && exactCounts.equals(s.exactCounts)
                && Arrays.equals(frequentItemsSketch, s.frequentItemsSketch)
                && Arrays.equals(distinctSketch, s.distinctSketch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, nullCount, exactCounts);
    }

    @Override
    public String toString() {
        return String.format(
                "CategoricalProfileSnapshot[count=%d, nulls=%d, exact=%d]", count, nullCount, exactCounts.size());
    }
}
