package dev.lazaret.detectors.profile;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * Bounded-memory profile of a categorical feature.
 *
 * <p>Counts are exact while the feature has at most {@code maxExactDistinct} distinct values (default 1024), which
 * covers almost every real categorical feature and keeps chi-square tests exact. Past that the profile switches, once
 * and for good, to a DataSketches frequent-items sketch whose counts are estimates with a known maximum error; a
 * cardinality explosion is itself a finding, so the switch is visible through {@link #isExact()}. An HLL sketch
 * estimates the number of distinct values in both modes.
 *
 * <p>Memory is bounded by the cardinality limit times the length of the category strings, never by the number of
 * records. Not thread-safe.
 */
public final class CategoricalProfile implements FeatureProfile {

    /** Default number of distinct values counted exactly. */
    public static final int DEFAULT_MAX_EXACT_DISTINCT = 1024;

    /** log2 of the HLL register count: 2^11 registers, relative error about 2.3%. */
    static final int HLL_LG_K = 11;

    private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

    private final int maxExactDistinct;
    private Map<String, Long> exact = new HashMap<>();
    private ItemsSketch<String> frequent;
    private HllSketch distinct;
    private long count;
    private long nullCount;

    private CategoricalProfile(int maxExactDistinct) {
        this.maxExactDistinct = maxExactDistinct;
        this.distinct = new HllSketch(HLL_LG_K, TgtHllType.HLL_4);
    }

    /** Creates an empty profile with {@link #DEFAULT_MAX_EXACT_DISTINCT}. */
    public static CategoricalProfile create() {
        return create(DEFAULT_MAX_EXACT_DISTINCT);
    }

    /**
     * Creates an empty profile.
     *
     * @param maxExactDistinct distinct values counted exactly, in [1, 65536]
     * @return an empty profile
     */
    public static CategoricalProfile create(int maxExactDistinct) {
        if (maxExactDistinct < 1 || maxExactDistinct > 65536) {
            throw new IllegalArgumentException(
                    String.format("maxExactDistinct must be in [1, 65536]: %d", maxExactDistinct));
        }
        return new CategoricalProfile(maxExactDistinct);
    }

    /**
     * Rebuilds a profile from its parts; used by the codec.
     *
     * @param s the parts, as returned by {@link #snapshot()}
     * @return an equal profile
     */
    public static CategoricalProfile fromSnapshot(CategoricalProfileSnapshot s) {
        CategoricalProfile p = create(s.maxExactDistinct());
        p.count = s.count();
        p.nullCount = s.nullCount();
        p.distinct = HllSketch.heapify(s.distinctSketch());
        if (s.frequentItemsSketch() == null) {
            if (s.exactCounts().size() > s.maxExactDistinct()) {
                throw new IllegalArgumentException(String.format(
                        "%d exact counts exceed the limit %d", s.exactCounts().size(), s.maxExactDistinct()));
            }
            p.exact = new HashMap<>(s.exactCounts());
            long sum = p.exact.values().stream().mapToLong(Long::longValue).sum();
            if (sum != s.count()) {
                throw new IllegalArgumentException(
                        String.format("exact counts sum to %d but the profile counts %d", sum, s.count()));
            }
        } else {
            p.exact = null;
            p.frequent = ItemsSketch.getInstance(Memory.wrap(s.frequentItemsSketch()), SERDE);
        }
        return p;
    }

    /** Returns the parts of this profile, including serialized sketches. */
    public CategoricalProfileSnapshot snapshot() {
        return new CategoricalProfileSnapshot(
                maxExactDistinct,
                count,
                nullCount,
                exact == null ? Map.of() : new TreeMap<>(exact),
                frequent == null ? null : frequent.toByteArray(SERDE),
                distinct.toCompactByteArray());
    }

    /**
     * Adds one value.
     *
     * @param value category; null counts as missing
     */
    public void update(String value) {
        if (value == null) {
            nullCount++;
            return;
        }
        count++;
        distinct.update(value);
        if (exact != null) {
            exact.merge(value, 1L, Long::sum);
            if (exact.size() > maxExactDistinct) {
                switchToSketch();
            }
        } else {
            frequent.update(value);
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
     * Merges another profile into this one; the other is left unchanged. The result is exact only when both are
     * exact and their union stays within this profile's limit.
     *
     * @param other another categorical profile
     */
    public void merge(CategoricalProfile other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a profile into itself");
        }
        count += other.count;
        nullCount += other.nullCount;
        Union union = new Union(HLL_LG_K);
        union.update(distinct);
        union.update(other.distinct);
        distinct = union.getResult(TgtHllType.HLL_4);
        if (exact != null && other.exact != null) {
            other.exact.forEach((k, v) -> exact.merge(k, v, Long::sum));
            if (exact.size() > maxExactDistinct) {
                switchToSketch();
            }
            return;
        }
        if (exact != null) {
            switchToSketch();
        }
        if (other.exact != null) {
            other.exact.forEach(frequent::update);
        } else {
            frequent.merge(other.frequent);
        }
    }

    private void switchToSketch() {
        frequent = new ItemsSketch<>(Integer.highestOneBit(maxExactDistinct) * 4);
        exact.forEach(frequent::update);
        exact = null;
    }

    @Override
    public FeatureKind kind() {
        return FeatureKind.CATEGORICAL;
    }

    /** Returns whether {@link #counts()} is exact (cardinality never exceeded the limit). */
    public boolean isExact() {
        return exact != null;
    }

    /**
     * Returns the count per category: exact counts, or the frequent-items estimates of every category the sketch still
     * tracks. In sketch mode the values may not sum to {@link #total()}.
     */
    public Map<String, Long> counts() {
        if (exact != null) {
            return Collections.unmodifiableMap(new TreeMap<>(exact));
        }
        Map<String, Long> out = new TreeMap<>();
        for (ItemsSketch.Row<String> row : frequent.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            out.put(row.getItem(), row.getEstimate());
        }
        return Collections.unmodifiableMap(out);
    }

    /** Returns an upper bound on the error of any count: 0 in exact mode. */
    public long maximumCountError() {
        if (exact != null) {
            return 0;
        }
        // A frequent-items sketch that purged every item serializes as empty and forgets its error offset, so an
        // empty sketch falls back to the trivially valid bound: the whole count.
        return frequent.getNumActiveItems() == 0 ? count : frequent.getMaximumError();
    }

    /** Returns the HLL estimate of the number of distinct non-null values. */
    public double distinctEstimate() {
        return distinct.getEstimate();
    }

    /** Returns the number of non-null values. */
    public long total() {
        return count;
    }

    @Override
    public long nullCount() {
        return nullCount;
    }

    @Override
    public long totalCount() {
        return count + nullCount;
    }

    /** Returns the configured exact-count limit. */
    public int maxExactDistinct() {
        return maxExactDistinct;
    }

    @Override
    public String toString() {
        return String.format(
                "CategoricalProfile[total=%d, nulls=%d, exact=%s, distinct~%.0f]",
                count, nullCount, isExact(), distinctEstimate());
    }
}
