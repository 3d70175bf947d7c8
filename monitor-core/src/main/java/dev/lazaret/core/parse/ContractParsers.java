package dev.lazaret.core.parse;

import static dev.lazaret.core.parse.JsonFields.optionalDouble;
import static dev.lazaret.core.parse.JsonFields.optionalScalar;
import static dev.lazaret.core.parse.JsonFields.requireFeatures;
import static dev.lazaret.core.parse.JsonFields.requireNonBlankString;
import static dev.lazaret.core.parse.JsonFields.requireNonNegativeLong;
import static dev.lazaret.core.parse.JsonFields.requireString;
import static dev.lazaret.core.parse.JsonFields.requireTimestampMs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parsers for each input topic of the contract (product.md, "Inputs"). */
public final class ContractParsers {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ContractParsers() {}

    public static InputParser<TrainingRecord> trainingRecords(int maxBytes) {
        return parser(maxBytes, "batch_id", ContractParsers::trainingRecord);
    }

    public static InputParser<BatchManifest> manifests(int maxBytes) {
        return parser(maxBytes, "batch_id", ContractParsers::manifest);
    }

    public static InputParser<OperatorDecision> decisions(int maxBytes) {
        return parser(maxBytes, "batch_id", ContractParsers::decision);
    }

    public static InputParser<InferenceEvent> inferenceEvents(int maxBytes) {
        return parser(maxBytes, "model", ContractParsers::inferenceEvent);
    }

    public static InputParser<Feedback> feedback(int maxBytes) {
        return parser(maxBytes, "model", ContractParsers::feedbackRecord);
    }

    static TrainingRecord trainingRecord(JsonNode json) {
        return new TrainingRecord(
                requireNonBlankString(json, "batch_id"),
                requireNonBlankString(json, "dataset"),
                requireNonNegativeLong(json, "seq"),
                requireFeatures(json, "features"),
                optionalScalar(json, "label"));
    }

    static BatchManifest manifest(JsonNode json) {
        String sha = requireString(json, "content_sha256");
        if (!SHA256_HEX.matcher(sha).matches()) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE, "field 'content_sha256' must be 64 lower-case hex digits");
        }
        return new BatchManifest(
                requireNonBlankString(json, "batch_id"),
                requireNonBlankString(json, "dataset"),
                requireNonBlankString(json, "source"),
                requireNonNegativeLong(json, "record_count"),
                sha,
                requireNonBlankString(json, "created_at"),
                requireNonBlankString(json, "key_id"),
                requireNonBlankString(json, "signature"));
    }

    static OperatorDecision decision(JsonNode json) {
        String decision = requireString(json, "decision");
        OperatorDecision.Decision parsed;
        try {
            parsed = OperatorDecision.Decision.valueOf(decision.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE, "field 'decision' must be RELEASE or REJECT, was '" + decision + "'");
        }
        return new OperatorDecision(
                requireNonBlankString(json, "batch_id"),
                parsed,
                requireNonBlankString(json, "operator"),
                requireNonBlankString(json, "reason"));
    }

    static InferenceEvent inferenceEvent(JsonNode json) {
        return new InferenceEvent(
                requireNonBlankString(json, "event_id"),
                requireNonBlankString(json, "model"),
                requireNonBlankString(json, "model_version"),
                requireTimestampMs(json, "timestamp"),
                requireFeatures(json, "features"),
                optionalScalar(json, "prediction"),
                optionalDouble(json, "score"));
    }

    static Feedback feedbackRecord(JsonNode json) {
        return new Feedback(
                requireNonBlankString(json, "event_id"),
                requireNonBlankString(json, "model"),
                optionalScalar(json, "label"),
                requireTimestampMs(json, "timestamp"));
    }

    /**
     * The shared shape: size check, JSON object check, field checks, then the key must equal the value's id field
     * (the key decides the partition, so a mismatch would put the record beside the wrong batch or model).
     */
    private static <T> InputParser<T> parser(int maxBytes, String keyField, Function<JsonNode, T> fields) {
        return (key, value) -> {
            if (value == null || value.length == 0) {
                return Parsed.invalid(RejectReason.MALFORMED_JSON, "record value is empty");
            }
            if (value.length > maxBytes) {
                return Parsed.invalid(
                        RejectReason.OVERSIZED,
                        "record value is " + value.length + " bytes; input.max.record.bytes is " + maxBytes);
            }
            JsonNode json;
            try {
                json = JSON.readTree(value);
            } catch (JsonProcessingException e) {
                return Parsed.invalid(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                return Parsed.invalid(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
            }
            if (json == null || !json.isObject()) {
                return Parsed.invalid(RejectReason.NOT_AN_OBJECT, "record value must be a JSON object");
            }
            try {
                T parsed = fields.apply(json);
                String id = json.get(keyField).textValue();
                if (key == null) {
                    return Parsed.invalid(
                            RejectReason.KEY_MISMATCH,
                            "record key is missing; it must equal " + keyField + " '" + id + "'");
                }
                if (!id.equals(key)) {
                    return Parsed.invalid(
                            RejectReason.KEY_MISMATCH,
                            "record key '" + key + "' differs from " + keyField + " '" + id + "'");
                }
                return Parsed.valid(parsed);
            } catch (ContractViolation e) {
                return Parsed.invalid(e.reason(), e.getMessage());
            }
        };
    }
}
