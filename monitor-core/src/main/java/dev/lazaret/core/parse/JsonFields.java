package dev.lazaret.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.contract.FeatureVector;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
        return checkNonBlank(field, requireString(object, field));
    }

    static String checkNonBlank(String field, String value) {
        if (value.isBlank()) {
            throw new ContractViolation(RejectReason.INVALID_VALUE, "field '" + field + "' must not be blank");
        }
        return value;
    }

    /**
     * An id or a name: non-blank, at most {@link FieldLimits#MAX_NAME_CHARS} characters and free of control
     * characters (a NUL or a line break in a batch id would reach metric labels, logs and file names).
     */
    static String requireName(JsonNode object, String field) {
        String value = requireNonBlankString(object, field);
        checkName(field, value);
        return value;
    }

    /** Non-blank free text of at most {@link FieldLimits#MAX_TEXT_CHARS} characters. */
    static String requireText(JsonNode object, String field) {
        String value = requireNonBlankString(object, field);
        checkLength(field, value, FieldLimits.MAX_TEXT_CHARS);
        return value;
    }

    static void checkName(String field, String value) {
        checkLength(field, value, FieldLimits.MAX_NAME_CHARS);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new ContractViolation(
                        RejectReason.INVALID_VALUE,
                        "field '" + field + "' must not contain control characters (U+"
                                + String.format("%04X", (int) value.charAt(i)) + " at index " + i + ")");
            }
        }
    }

    static void checkLength(String field, String value, int max) {
        if (value.length() > max) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE,
                    "field '" + field + "' is " + value.length() + " characters long; the limit is " + max);
        }
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

    /** The earliest timestamp accepted: the Unix epoch. */
    static final Instant MIN_TIMESTAMP = Instant.EPOCH;
    /** The latest: the end of year 9999, far from where window and timeout arithmetic could overflow. */
    static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999Z");

    /** RFC 3339 section 5.6 date-time: four-digit year, seconds, optional fraction, Z or a numeric offset. */
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    /**
     * Epoch milliseconds from an integer or an RFC 3339 timestamp string, between {@link #MIN_TIMESTAMP} and
     * {@link #MAX_TIMESTAMP}: checked before any arithmetic, so that {@code Long.MAX_VALUE} or year 1000000000 is
     * an invalid value rather than an overflow further on.
     */
    static long requireTimestampMs(JsonNode object, String field) {
        JsonNode node = require(object, field);
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw outOfRange(field, node.asText());
            }
            return checkTimestampMs(field, node.longValue());
        }
        if (node.isTextual()) {
            return parseRfc3339(field, node.textValue()).toEpochMilli();
        }
        throw wrongType(field, TIMESTAMP_TYPES, node);
    }

    static final String TIMESTAMP_TYPES = "epoch milliseconds or an RFC 3339 timestamp string";

    /** Epoch milliseconds in range, or {@link #outOfRange}. */
    static long checkTimestampMs(String field, long ms) {
        if (ms < MIN_TIMESTAMP.toEpochMilli() || ms > MAX_TIMESTAMP.toEpochMilli()) {
            throw outOfRange(field, Long.toString(ms));
        }
        return ms;
    }

    /** An RFC 3339 timestamp string in range, returned as written. */
    static String requireRfc3339(JsonNode object, String field) {
        String value = requireString(object, field);
        parseRfc3339(field, value);
        return value;
    }

    static Instant parseRfc3339(String field, String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        if (!RFC_3339.matcher(text).matches()) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE,
                    "field '" + field + "' is not an RFC 3339 timestamp (like 2026-01-31T12:00:00Z): '" + shown + "'");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE, "field '" + field + "' is not a valid date and time: '" + shown + "'");
        }
        if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
            throw outOfRange(field, shown);
        }
        return instant;
    }

    static ContractViolation outOfRange(String field, String shown) {
        return new ContractViolation(
                RejectReason.INVALID_VALUE,
                "field '" + field + "' is out of range: " + shown + " (accepted: " + MIN_TIMESTAMP + " to "
                        + MAX_TIMESTAMP + ")");
    }

    static final String SCALAR_TYPES = "a string, number, boolean or null";

    /** A scalar (string, number, boolean) or null; absent counts as null. */
    static Object optionalScalar(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return scalar(field, node);
    }

    /** The optional {@code scores} object: class name to a number, one per class; null when absent. */
    static Map<String, Double> optionalScores(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw wrongType(field, "an object or null", node);
        }
        if (node.size() > FieldLimits.MAX_FEATURES) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE,
                    "field '" + field + "' has " + node.size() + " classes; the limit is " + FieldLimits.MAX_FEATURES);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            checkName(field + " class", entry.getKey());
            if (!entry.getValue().isNumber()) {
                throw wrongType(field + "." + entry.getKey(), "a number", entry.getValue());
            }
            scores.put(entry.getKey(), entry.getValue().doubleValue());
        }
        return scores;
    }

    /**
     * The {@code features} object of an inference event or a training record: name to string, number, boolean, null
     * or a {@link FeatureVector} (an array of finite numbers).
     */
    static Map<String, Object> requireFeatures(JsonNode object, String field) {
        JsonNode node = require(object, field);
        if (!node.isObject()) {
            throw wrongType(field, "an object", node);
        }
        if (node.size() > FieldLimits.MAX_FEATURES) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE,
                    "field '" + field + "' has " + node.size() + " features; the limit is " + FieldLimits.MAX_FEATURES);
        }
        Map<String, Object> features = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode value = entry.getValue();
            String name = field + "." + entry.getKey();
            checkName(field + " name", entry.getKey());
            if (value.isNull()) {
                features.put(entry.getKey(), null);
            } else if (value.isArray()) {
                features.put(entry.getKey(), vector(name, value));
            } else if (!JsonScalars.isScalarOrNull(value)) {
                throw wrongType(name, FEATURE_TYPES, value);
            } else {
                features.put(entry.getKey(), scalar(name, value));
            }
        }
        return features;
    }

    /** The feature types of an inference event or a training record, in messages. */
    static final String FEATURE_TYPES = "a string, number, boolean, array of numbers or null";

    /** A vector feature: its size first (0 or over the limit), then the first element that is not a finite number. */
    static FeatureVector vector(String field, JsonNode array) {
        checkDimension(field, array.size());
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = array.get(i);
            if (!element.isNumber()) {
                throw wrongType(element(field, i), "a number", element);
            }
            values[i] = element.doubleValue();
            if (!Double.isFinite(values[i])) {
                throw notFinite(element(field, i));
            }
        }
        return new FeatureVector(values);
    }

    static void checkDimension(String field, int size) {
        if (size == 0) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE,
                    "field '" + field + "' is an empty array; a vector has 1 to " + FieldLimits.MAX_VECTOR_DIMENSION
                            + " elements");
        }
        if (size > FieldLimits.MAX_VECTOR_DIMENSION) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE,
                    "field '" + field + "' has " + size + " elements; the limit is "
                            + FieldLimits.MAX_VECTOR_DIMENSION);
        }
    }

    static String element(String field, int index) {
        return field + "[" + index + "]";
    }

    static ContractViolation notFinite(String field) {
        return new ContractViolation(
                RejectReason.INVALID_VALUE, "field '" + field + "' must be a finite number (it overflows a double)");
    }

    private static Object scalar(String field, JsonNode node) {
        if (!JsonScalars.isScalarOrNull(node)) {
            throw wrongType(field, SCALAR_TYPES, node);
        }
        if (node.isTextual()) {
            checkLength(field, node.textValue(), FieldLimits.MAX_TEXT_CHARS);
        }
        return JsonScalars.value(node);
    }

    /** A non-empty JSON array. */
    static JsonNode requireNonEmptyArray(JsonNode object, String field) {
        JsonNode node = require(object, field);
        if (!node.isArray()) {
            throw wrongType(field, "an array", node);
        }
        if (node.isEmpty()) {
            throw new ContractViolation(RejectReason.INVALID_VALUE, "field '" + field + "' must not be empty");
        }
        return node;
    }

    /** A JSON object whose values are all strings; absent reads as empty. */
    static Map<String, String> optionalStringMap(JsonNode object, String field) {
        JsonNode node = object.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw wrongType(field, "an object", node);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String name = field + "." + e.getKey();
            checkName(name, e.getKey());
            if (!e.getValue().isTextual()) {
                throw wrongType(name, "a string", e.getValue());
            }
            checkName(name, checkNonBlank(name, e.getValue().textValue()));
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static JsonNode require(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new ContractViolation(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
        }
        return node;
    }

    private static ContractViolation wrongType(String field, String expected, JsonNode actual) {
        return wrongType(field, expected, actual.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    /** @param actual the JSON type found, as {@code JsonNodeType}'s lower-case name ("string", "array", ...) */
    static ContractViolation wrongType(String field, String expected, String actual) {
        return new ContractViolation(
                RejectReason.WRONG_TYPE, "field '" + field + "' must be " + expected + ", was " + actual);
    }
}
