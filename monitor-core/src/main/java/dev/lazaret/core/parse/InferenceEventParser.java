package dev.lazaret.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.InferenceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inference-event parser, the hottest input of the drift side: one pass of Jackson's streaming parser over the
 * bytes, straight into the event's fields, with no {@code JsonNode} tree and no decoded copy of the value.
 *
 * <p>It decides exactly as the tree parser {@link ContractParsers#inferenceEvent(com.fasterxml.jackson.databind.JsonNode)}
 * (kept as its reference, and compared with it by {@code InferenceEventParserTest}): same checks, same reasons, same
 * details except the wording of Jackson's own syntax errors. So that the same problem wins when a record has several,
 * it keeps the tree parser's order: bytes (UTF-8), then syntax of the whole value (a violation found early is held
 * until the value has been read to its end), then object, then each field in the contract's order, then the key.
 */
final class InferenceEventParser implements InputParser<InferenceEvent> {
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
     * Feature names already found valid. Every event of a model repeats the same few names, and Jackson hands them
     * out as the same canonical strings, so the set's lookup (cached hash, identity equals) replaces a scan of every
     * name's characters per event. Shared by the stream threads, hence concurrent.
     */
    private static final Set<String> CHECKED_NAMES = ConcurrentHashMap.newKeySet();

    private final int maxBytes;

    InferenceEventParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Parsed<InferenceEvent> parse(String key, byte[] value) {
        if (value == null || value.length == 0) {
            return Parsed.invalid(RejectReason.MALFORMED_JSON, "record value is empty");
        }
        if (value.length > maxBytes) {
            return Parsed.invalid(
                    RejectReason.OVERSIZED,
                    "record value is " + value.length + " bytes; input.max.record.bytes is " + maxBytes);
        }
        try {
            StrictUtf8.validate(value);
        } catch (IllegalArgumentException e) {
            return Parsed.invalid(RejectReason.MALFORMED_JSON, e.getMessage());
        }
        Fields fields = new Fields();
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
            InferenceEvent event = fields.event();
            if (key == null) {
                return Parsed.invalid(
                        RejectReason.KEY_MISMATCH,
                        "record key is missing; it must equal model '" + event.model() + "'");
            }
            if (!event.model().equals(key)) {
                return Parsed.invalid(
                        RejectReason.KEY_MISMATCH,
                        "record key '" + key + "' differs from model '" + event.model() + "'");
            }
            return Parsed.valid(event);
        } catch (ContractViolation e) {
            return Parsed.invalid(e.reason(), e.getMessage());
        }
    }

    private static void readObject(JsonParser p, Fields fields) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "event_id" -> fields.eventId = name(p, t, "event_id");
                case "model" -> fields.model = name(p, t, "model");
                case "model_version" -> fields.modelVersion = name(p, t, "model_version");
                case "timestamp" -> fields.timestamp = timestamp(p, t);
                case "features" -> fields.features = features(p, t);
                case "prediction" -> fields.prediction = optionalScalar(p, t, "prediction");
                case "score" -> fields.score = optionalDouble(p, t);
                case "scores" -> fields.scores = scores(p, t);
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            // nextFieldName() returns null at the end of the object only; anything else the parser has thrown on
            throw new IllegalStateException("unexpected token " + p.currentToken());
        }
    }

    /** A required id or name: its value, or the violation the tree parser would report. */
    private static Object name(JsonParser p, JsonToken t, String field) throws IOException {
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

    private static Object timestamp(JsonParser p, JsonToken t) throws IOException {
        String field = "timestamp";
        try {
            return switch (t) {
                case VALUE_NULL -> missing(field);
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw JsonFields.outOfRange(
                                field, p.getBigIntegerValue().toString());
                    }
                    yield JsonFields.checkTimestampMs(field, p.getLongValue());
                }
                case VALUE_STRING -> JsonFields.parseRfc3339(field, p.getText()).toEpochMilli();
                default -> {
                    p.skipChildren();
                    yield JsonFields.wrongType(field, JsonFields.TIMESTAMP_TYPES, typeName(t));
                }
            };
        } catch (ContractViolation e) {
            return e;
        }
    }

    /**
     * The features object, read to its end whatever it holds (the rest of the value may still be malformed, which
     * wins); the first violation in document order, unless the count is over the limit, which the tree parser checks
     * first.
     */
    private static Object features(JsonParser p, JsonToken t) throws IOException {
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

    private static Object optionalScalar(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        try {
            return scalar(p, t, field, JsonFields.SCALAR_TYPES);
        } catch (ContractViolation e) {
            return e;
        }
    }

    private static Object optionalDouble(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            p.skipChildren();
            return JsonFields.wrongType("score", "a number or null", typeName(t));
        }
        return p.getDoubleValue();
    }

    /**
     * The optional per-class scores, as {@link JsonFields#optionalScores}: the class count is checked before the
     * entries, then the first bad class name or value in document order.
     */
    private static Object scores(JsonParser p, JsonToken t) throws IOException {
        String field = "scores";
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return JsonFields.wrongType(field, "an object or null", typeName(t));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        return entries(
                p,
                field,
                "classes",
                (name, v) -> {
                    JsonFields.checkName(field + " class", name);
                    if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                        p.skipChildren();
                        throw JsonFields.wrongType(field + "." + name, "a number", typeName(v));
                    }
                    values.put(name, p.getDoubleValue());
                },
                () -> values);
    }

    /** Reads one entry of an object field and keeps its value, or throws a {@link ContractViolation}. */
    @FunctionalInterface
    private interface EntryReader {
        void read(String name, JsonToken value) throws IOException;
    }

    /**
     * The entries of an object field, read to its end whatever it holds (the rest of the value may still be
     * malformed, which wins): what {@code kept} gives once every entry was read, or the first violation in document
     * order unless the count is over the limit, which the tree parser checks first.
     */
    private static Object entries(
            JsonParser p, String field, String unit, EntryReader read, java.util.function.Supplier<Object> kept)
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

    private static ContractViolation missing(String field) {
        return new ContractViolation(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
    }

    /** The tree parser's name of a value's type ({@code JsonNodeType}, lower case). */
    private static String typeName(JsonToken t) {
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

    /**
     * Each field as read: its value, a {@link ContractViolation} held until the whole value has been read, or null
     * when absent (or JSON null, for the optional fields).
     */
    private static final class Fields {
        Object eventId;
        Object model;
        Object modelVersion;
        Object timestamp;
        Object features;
        Object prediction;
        Object score;
        Object scores;

        @SuppressWarnings("unchecked")
        InferenceEvent event() {
            return new InferenceEvent(
                    (String) required(eventId, "event_id"),
                    (String) required(model, "model"),
                    (String) required(modelVersion, "model_version"),
                    (Long) required(timestamp, "timestamp"),
                    (Map<String, Object>) required(features, "features"),
                    checked(prediction),
                    (Double) checked(score),
                    (Map<String, Double>) checked(scores));
        }

        private static Object required(Object read, String field) {
            return checked(read == null ? missing(field) : read);
        }

        private static Object checked(Object read) {
            if (read instanceof ContractViolation v) {
                throw v;
            }
            return read;
        }
    }
}
