package dev.lazaret.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the streaming parsers of the hot inputs ({@link InferenceEventParser}, {@link TrainingRecordParser}) share: one
 * pass of Jackson's streaming parser over the bytes, straight into the value's fields, with no {@code JsonNode} tree
 * and no decoded copy of the value, and the readers of the fields both contracts have (ids, features, scalars).
 *
 * <p>Each decides exactly as its tree parser in {@link ContractParsers} (kept as its reference, and compared with it
 * by the tests): same checks, same reasons, same details except the wording of Jackson's own syntax errors. So that
 * the same problem wins when a record has several, it keeps the tree parser's order: bytes (UTF-8), then syntax of the
 * whole value (a violation found early is held until the value has been read to its end), then object, then each
 * field in the contract's order, then the key.
 *
 * @param <T> the record type of the topic
 */
abstract class StreamingParser<T> implements InputParser<T> {
    /**
     * As {@link ContractParsers}: duplicate keys are refused (I-JSON). Numbers are read with Jackson's bundled
     * FastDoubleParser, which rounds correctly as {@link Double#parseDouble} does (the same double for every input,
     * checked against it by {@code InferenceEventParserTest}) in about half the time of the JDK's parser, the largest
     * single cost of the parse in profiles.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /** Feature names that passed {@link JsonFields#checkName}; past this size new names are checked every time. */
    private static final int MAX_CHECKED_NAMES = 4_096;

    /**
     * Feature names already found valid. Every record of a model or a dataset repeats the same few names, and Jackson
     * hands them out as the same canonical strings, so the set's lookup (cached hash, identity equals) replaces a scan
     * of every name's characters per record. Shared by the stream threads, hence concurrent.
     */
    private static final Set<String> CHECKED_NAMES = ConcurrentHashMap.newKeySet();

    private final int maxBytes;
    private final String keyField;

    /**
     * @param keyField the field the record key must equal, in messages
     */
    StreamingParser(int maxBytes, String keyField) {
        this.maxBytes = maxBytes;
        this.keyField = keyField;
    }

    /** The fields of one value while it is read, then the value. */
    interface Fields<T> {
        /**
         * Reads one top-level field whose value starts at {@code t}, to its end: keeps its value, or a {@link
         * ContractViolation} to throw from {@link #value()}; skips an unknown field.
         */
        void read(JsonParser p, String name, JsonToken t) throws IOException;

        /** The value, once the whole record was read. @throws ContractViolation the first in the contract's order */
        T value();
    }

    /** A new holder for one record's fields. */
    abstract Fields<T> fields();

    /** The value of the key field of a value. */
    abstract String id(T value);

    @Override
    public final Parsed<T> parse(String key, byte[] value) {
        Parsed<T> refused = InputChecks.refusedSize(value, maxBytes);
        if (refused != null) {
            return refused;
        }
        try {
            StrictUtf8.validate(value);
        } catch (IllegalArgumentException e) {
            return Parsed.invalid(RejectReason.MALFORMED_JSON, e.getMessage());
        }
        Fields<T> fields = fields();
        try (JsonParser p = JSON.createParser(value)) {
            JsonToken root = p.nextToken();
            if (root == JsonToken.START_OBJECT) {
                readObject(p, fields);
            } else if (root != null) {
                p.skipChildren();
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                // the tree parser's DeserializationFeature.FAIL_ON_TRAILING_TOKENS, in its words
                return Parsed.invalid(
                        RejectReason.MALFORMED_JSON,
                        "not valid JSON: Trailing token (of type " + trailing + ") found after value");
            }
            if (root != JsonToken.START_OBJECT) {
                return Parsed.invalid(RejectReason.NOT_AN_OBJECT, "record value must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            return Parsed.invalid(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
        try {
            T parsed = fields.value();
            return InputChecks.keyed(key, keyField, id(parsed), parsed);
        } catch (ContractViolation e) {
            return Parsed.invalid(e.reason(), e.getMessage());
        }
    }

    private static <T> void readObject(JsonParser p, Fields<T> fields) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            fields.read(p, name, p.nextToken());
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            // nextFieldName() returns null at the end of the object only; anything else the parser has thrown on
            throw new IllegalStateException("unexpected token " + p.currentToken());
        }
    }

    /** A required id or name: its value, or the violation the tree parser would report. */
    static Object name(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return missing(field);
        }
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return JsonFields.wrongType(field, "a string", typeName(t));
        }
        String value = p.getText();
        try {
            JsonFields.checkNonBlank(field, value);
            JsonFields.checkName(field, value);
            return value;
        } catch (ContractViolation e) {
            return e;
        }
    }

    /**
     * The features object, as {@link JsonFields#requireFeatures}, read to its end whatever it holds (the rest of the
     * value may still be malformed, which wins); the first violation in document order, unless the count is over the
     * limit, which the tree parser checks first.
     */
    static Object features(JsonParser p, JsonToken t) throws IOException {
        String field = "features";
        if (t == JsonToken.VALUE_NULL) {
            return missing(field);
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return JsonFields.wrongType(field, "an object", typeName(t));
        }
        // into a FeatureMap: numbers stay primitive, and no map entry is made per feature
        FeatureMap.Builder values = FeatureMap.builder(32);
        return entries(
                p,
                field,
                "features",
                (name, v) -> {
                    checkFeatureName(field, name);
                    switch (v) {
                        case VALUE_NULL -> values.put(name, null);
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> values.putNumber(name, p.getDoubleValue());
                        case START_ARRAY -> values.put(name, vector(p, field + "." + name));
                        case VALUE_STRING -> {
                            // scalar()'s string case, naming the field only when the value is refused
                            String text = p.getText();
                            if (text.length() > FieldLimits.MAX_TEXT_CHARS) {
                                JsonFields.checkLength(field + "." + name, text, FieldLimits.MAX_TEXT_CHARS);
                            }
                            values.put(name, text);
                        }
                        default -> values.put(name, scalar(p, v, field + "." + name, JsonFields.FEATURE_TYPES));
                    }
                },
                values::build);
    }

    private static void checkFeatureName(String field, String name) {
        if (CHECKED_NAMES.contains(name)) {
            return;
        }
        JsonFields.checkName(field + " name", name);
        if (CHECKED_NAMES.size() < MAX_CHECKED_NAMES) {
            CHECKED_NAMES.add(name);
        }
    }

    /** As {@link JsonFields#optionalScalar}: the value, null for JSON null, or the violation. */
    static Object optionalScalar(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        try {
            return scalar(p, t, field, JsonFields.SCALAR_TYPES);
        } catch (ContractViolation e) {
            return e;
        }
    }

    /** Reads one entry of an object field and keeps its value, or throws a {@link ContractViolation}. */
    @FunctionalInterface
    interface EntryReader {
        void read(String name, JsonToken value) throws IOException;
    }

    /**
     * The entries of an object field, read to its end whatever it holds (the rest of the value may still be
     * malformed, which wins): what {@code kept} gives once every entry was read, or the first violation in document
     * order unless the count is over the limit, which the tree parser checks first.
     */
    static Object entries(JsonParser p, String field, String unit, EntryReader read, Supplier<Object> kept)
            throws IOException {
        ContractViolation first = null;
        int count = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            count++;
            if (first != null || count > FieldLimits.MAX_FEATURES) {
                p.skipChildren();
                continue;
            }
            try {
                read.read(name, v);
            } catch (ContractViolation e) {
                p.skipChildren(); // a bad name's value is still unread; a bad value has been skipped already
                first = e;
            }
        }
        if (count > FieldLimits.MAX_FEATURES) {
            return new ContractViolation(
                    RejectReason.INVALID_VALUE,
                    "field '" + field + "' has " + count + " " + unit + "; the limit is " + FieldLimits.MAX_FEATURES);
        }
        return first != null ? first : kept.get();
    }

    /**
     * As {@link JsonFields#requireFeatures}' vectors: read to the closing bracket whatever it holds, then the size
     * (0 or over the limit) wins over the first element that is not a finite number; at most the limit is kept.
     */
    private static FeatureVector vector(JsonParser p, String field) throws IOException {
        double[] values = new double[16];
        int size = 0;
        ContractViolation first = null;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            int index = size++;
            if (e != JsonToken.VALUE_NUMBER_INT && e != JsonToken.VALUE_NUMBER_FLOAT) {
                p.skipChildren();
                if (first == null) {
                    first = JsonFields.wrongType(JsonFields.element(field, index), "a number", typeName(e));
                }
                continue;
            }
            if (first != null || size > FieldLimits.MAX_VECTOR_DIMENSION) {
                continue;
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                first = JsonFields.notFinite(JsonFields.element(field, index));
                continue;
            }
            if (index == values.length) {
                values = Arrays.copyOf(values, Math.min(2 * values.length, FieldLimits.MAX_VECTOR_DIMENSION));
            }
            values[index] = value;
        }
        JsonFields.checkDimension(field, size);
        if (first != null) {
            throw first;
        }
        return new FeatureVector(size == values.length ? values : Arrays.copyOf(values, size));
    }

    /** As {@link JsonScalars#value}: string, Double or Boolean; objects and arrays are skipped and refused. */
    private static Object scalar(JsonParser p, JsonToken t, String field, String expected) throws IOException {
        switch (t) {
            case VALUE_STRING -> {
                String text = p.getText();
                JsonFields.checkLength(field, text, FieldLimits.MAX_TEXT_CHARS);
                return text;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                p.skipChildren();
                throw JsonFields.wrongType(field, expected, typeName(t));
            }
        }
    }

    static ContractViolation missing(String field) {
        return new ContractViolation(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
    }

    /** The tree parser's name of a value's type ({@code JsonNodeType}, lower case). */
    static String typeName(JsonToken t) {
        String type = switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
        return type.toLowerCase(Locale.ROOT);
    }

    /** A required field as read: its value, or the violation (missing when it was absent). */
    static Object required(Object read, String field) {
        return checked(read == null ? missing(field) : read);
    }

    /** A field as read: its value (null when absent), or the violation it held, thrown. */
    static Object checked(Object read) {
        if (read instanceof ContractViolation v) {
            throw v;
        }
        return read;
    }
}
