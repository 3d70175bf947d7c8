package dev.lazaret.detectors.poisoning;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One training record: feature values by name and the label.
 *
 * <p>Feature values are {@link Number}, {@link String}, {@link Boolean} or {@code null}. The map is copied into
 * name order, so two rows with the same content are equal whatever order their producer used.
 *
 * <p>Vector features (embeddings) are not feature values here: the poisoning checks read scalar features only. Their
 * content still counts as the row's content: {@code vectors} is a digest of them, which the exact-content hash (exact
 * duplicates, record replay) includes and every other check ignores, so rows that differ only in a vector are not
 * duplicates of each other.
 *
 * @param features feature values by name; values may be {@code null}
 * @param label the label, never {@code null}
 * @param vectors a digest of the row's vector features, {@code null} when it has none
 */
public record LabeledRow(Map<String, Object> features, String label, String vectors) {

    /** Validates the value types and takes an ordered, unmodifiable copy of the features. */
    public LabeledRow {
        Objects.requireNonNull(features, "features");
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        TreeMap<String, Object> copy = new TreeMap<>();
        for (Map.Entry<String, Object> e : features.entrySet()) {
            Object v = e.getValue();
            if (e.getKey() == null) {
                throw new IllegalArgumentException("feature name must not be null");
            }
            if (v != null && !(v instanceof Number) && !(v instanceof String) && !(v instanceof Boolean)) {
                throw new IllegalArgumentException(String.format(
                        "feature '%s' has unsupported type %s; expected Number, String, Boolean or null",
                        e.getKey(), v.getClass().getName()));
            }
            copy.put(e.getKey(), v);
        }
        features = Collections.unmodifiableMap(copy);
    }

    /** A row without vector features. */
    public LabeledRow(Map<String, Object> features, String label) {
        this(features, label, null);
    }

    /** Shorthand for {@code new LabeledRow(features, label)}. */
    public static LabeledRow of(Map<String, Object> features, String label) {
        return new LabeledRow(features, label);
    }
}
