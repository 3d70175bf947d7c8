package dev.lazaret.core.parse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one mapping of a JSON value to a feature or label value, shared by the parse step and the file readers: a
 * string becomes a {@link String}, a number a {@link Double}, a boolean a {@link Boolean}, JSON null or an absent
 * field {@code null}. Objects and arrays are not scalars; each caller reports them in its own words.
 */
public final class JsonScalars {
    private JsonScalars() {}

    /** Whether {@code node} is a string, number, boolean, JSON null, or absent ({@code null}). */
    public static boolean isScalarOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isTextual() || node.isNumber() || node.isBoolean();
    }

    /**
     * The Java value of a scalar node.
     *
     * @throws IllegalArgumentException if {@code node} is an object or an array; check {@link #isScalarOrNull} first
     *     to report it with context
     */
    public static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        throw new IllegalArgumentException("not a JSON scalar: " + node.getNodeType());
    }
}
