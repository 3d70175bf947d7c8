package dev.lazaret.core.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * A vector feature value (an embedding): a JSON array of finite numbers in an inference event. Its dimension is fixed
 * by the pinned reference; the parse step checks only that every element is a finite number and that there are at
 * most {@code FieldLimits.MAX_VECTOR_DIMENSION} of them.
 *
 * <p>The array is owned by this value: callers must not change it. Equality is element-wise, so parsed events
 * compare as values.
 *
 * @param values the elements, at least one, all finite
 */
public record FeatureVector(double[] values) {

    /** Checks the elements; the parsers have done so already, with the feature's name in their message. */
    public FeatureVector {
        if (values.length == 0) {
            throw new IllegalArgumentException("a vector has at least one element");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a vector's elements are finite, was " + v);
            }
        }
    }

    /** The elements, written as a JSON array (for the dead-letter copy of a parsed event). */
    @Override
    @JsonValue
    public double[] values() {
        return values;
    }

    public int dimension() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FeatureVector[dimension=" + values.length + "]";
    }
}
