package dev.lazaret.core.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lazaret.core.contract.InferenceEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inference-event parser, the hottest input of the drift side: one pass of Jackson's streaming parser over the
 * bytes, straight into the event's fields ({@link StreamingParser}).
 *
 * <p>It decides exactly as the tree parser {@link ContractParsers#inferenceEvent(com.fasterxml.jackson.databind.JsonNode)}
 * (kept as its reference, and compared with it by {@code InferenceEventParserTest}).
 */
final class InferenceEventParser extends StreamingParser<InferenceEvent> {
    InferenceEventParser(int maxBytes) {
        super(maxBytes, "model");
    }

    @Override
    Fields<InferenceEvent> fields() {
        return new EventFields();
    }

    @Override
    String id(InferenceEvent event) {
        return event.model();
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

    /**
     * Each field as read: its value, a {@link ContractViolation} held until the whole value has been read, or null
     * when absent (or JSON null, for the optional fields).
     */
    private static final class EventFields implements Fields<InferenceEvent> {
        Object eventId;
        Object model;
        Object modelVersion;
        Object timestamp;
        Object features;
        Object prediction;
        Object score;
        Object scores;

        @Override
        public void read(JsonParser p, String name, JsonToken t) throws IOException {
            switch (name) {
                case "event_id" -> eventId = name(p, t, "event_id");
                case "model" -> model = name(p, t, "model");
                case "model_version" -> modelVersion = name(p, t, "model_version");
                case "timestamp" -> timestamp = timestamp(p, t);
                case "features" -> features = features(p, t);
                case "prediction" -> prediction = optionalScalar(p, t, "prediction");
                case "score" -> score = optionalDouble(p, t);
                case "scores" -> scores = scores(p, t);
                default -> p.skipChildren();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public InferenceEvent value() {
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
    }
}
