package dev.lazaret.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.contract.FeatureVector;

/**
 * The one mapping of a JSON value to a feature or label value, shared by the parse step and the file readers: a
 * string becomes a {@link String}, a number a {@link Double}, a boolean a {@link Boolean}, JSON null or an absent
 * field {@code null}. Objects and arrays are not scalars; each caller reports them in its own words.
 */
public final class JsonScalars {
    private JsonScalars() {}

    /**
     * A vector feature value: an array of 1 to {@link FieldLimits#MAX_VECTOR_DIMENSION} finite numbers, checked as
     * the inference-event parsers check it.
     *
     * @param field the field's name in messages
     * @throws IllegalArgumentException naming the field (and element) that breaks the contract
     */
    public static FeatureVector vector(String field, JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of numbers");
        }
        try {
            return JsonFields.vector(field, array);
        } catch (ContractViolation e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

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
