package dev.lazaret.detectors.profile;

import java.util.Map;
import java.util.TreeMap;

/**
 * Null and unseen-category counts of one feature of a window or batch against the same feature of its reference, the
 * one definition both the drift report and the quarantine checks use. Counts rather than shares so several features
 * add up ({@link #plus}) to a dataset-wide share.
 *
 * <p>A category is <em>unseen</em> when an exact reference profile ({@link CategoricalProfile#isExact()}) never saw
 * it: only an exact reference lists every value it saw, so against a sketched reference nothing counts as unseen.
 * When the current profile itself is no longer exact its counts are frequent-item estimates and the unseen count is
 * approximate.
 *
 * @param nulls null values of the current feature
 * @param total values of any sort (nulls included) of the current feature
 * @param unseen non-null categorical values not in the reference
 * @param categorical non-null values of the current feature when it is categorical, else 0 (the unseen share's
 *     denominator)
 */
public record FeatureShares(long nulls, long total, long unseen, long categorical) {
    /** No values. */
    public static final FeatureShares NONE = new FeatureShares(0, 0, 0, 0);

    /**
     * Counts a feature against its reference.
     *
     * @param reference the reference's profile of the feature, or null when the reference lacks it
     * @param current the window's or batch's profile of the feature, or null (then {@link #NONE})
     */
    public static FeatureShares of(FeatureProfile reference, FeatureProfile current) {
        if (current == null) {
            return NONE;
        }
        long categorical = current instanceof CategoricalProfile c ? c.total() : 0;
        long unseen = unseenValues(reference, current).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        return new FeatureShares(current.nullCount(), current.totalCount(), unseen, categorical);
    }

    /**
     * Returns the categories of {@code current} that an exact categorical {@code reference} never saw, with their
     * counts; empty when either side is not categorical or the reference is not exact.
     */
    public static Map<String, Long> unseenValues(FeatureProfile reference, FeatureProfile current) {
        Map<String, Long> unseen = new TreeMap<>();
        if (reference instanceof CategoricalProfile r && current instanceof CategoricalProfile c && r.isExact()) {
            Map<String, Long> known = r.counts();
            c.counts().forEach((value, count) -> {
                if (!known.containsKey(value)) {
                    unseen.put(value, count);
                }
            });
        }
        return unseen;
    }

    /** Sums two features' counts. */
    public FeatureShares plus(FeatureShares other) {
        return new FeatureShares(
                nulls + other.nulls, total + other.total, unseen + other.unseen, categorical + other.categorical);
    }

    /** Share of null values, or NaN when there are no values. */
    public double nullShare() {
        return total == 0 ? Double.NaN : (double) nulls / total;
    }

    /** Share of unseen categories among the categorical values, or NaN when there are none. */
    public double unseenShare() {
        return categorical == 0 ? Double.NaN : (double) unseen / categorical;
    }
}
