package dev.lazaret.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads typed fields from a JSON object, throwing {@link ContractViolation} with the field's name when one is wrong. */
final class JsonFields {
    private JsonFields() {}

    static String requireString(JsonNode object, String field) {
        JsonNode node = require(object, field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    static String requireNonBlankString(JsonNode object, String field) {
        String value = requireString(object, field);
        if (value.isBlank()) {
            throw new ContractViolation(RejectReason.INVALID_VALUE, "field '" + field + "' must not be blank");
        }
        return value;
    }

    static long requireNonNegativeLong(JsonNode object, String field) {
        JsonNode node = require(object, field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "an integer", node);
        }
        long value = node.longValue();
        if (value < 0) {
            throw new ContractViolation(RejectReason.INVALID_VALUE, "field '" + field + "' must be >= 0, was " + value);
        }
        return value;
    }

    /** A number, or {@code null} when the field is absent or null. */
    static Double optionalDouble(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(field, "a number or null", node);
        }
        return node.doubleValue();
    }

    /** Epoch milliseconds from an integer or an ISO-8601 instant string. */
    static long requireTimestampMs(JsonNode object, String field) {
        JsonNode node = require(object, field);
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new ContractViolation(
                        RejectReason.INVALID_VALUE,
                        "field '" + field + "' is not an ISO-8601 instant: '" + node.textValue() + "'");
            }
        }
        throw wrongType(field, "epoch milliseconds or an ISO-8601 instant string", node);
    }

    /** A scalar (string, number, boolean) or null; absent counts as null. */
    static Object optionalScalar(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return scalar(field, node);
    }

    /** The {@code features} object: name to string, number, boolean or null. */
    static Map<String, Object> requireFeatures(JsonNode object, String field) {
        JsonNode node = require(object, field);
        if (!node.isObject()) {
            throw wrongType(field, "an object", node);
        }
        Map<String, Object> features = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode value = entry.getValue();
            features.put(entry.getKey(), value.isNull() ? null : scalar(field + "." + entry.getKey(), value));
        }
        return features;
    }

    private static Object scalar(String field, JsonNode node) {
        if (!JsonScalars.isScalarOrNull(node)) {
            throw wrongType(field, "a string, number, boolean or null", node);
        }
        return JsonScalars.value(node);
    }

    private static JsonNode require(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new ContractViolation(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
        }
        return node;
    }

    private static ContractViolation wrongType(String field, String expected, JsonNode actual) {
        return new ContractViolation(
                RejectReason.WRONG_TYPE,
                "field '" + field + "' must be " + expected + ", was "
                        + actual.getNodeType().name().toLowerCase(Locale.ROOT));
    }
}
