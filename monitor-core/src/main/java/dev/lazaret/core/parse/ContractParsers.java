package dev.lazaret.core.parse;

import static dev.lazaret.core.parse.JsonFields.optionalDouble;
import static dev.lazaret.core.parse.JsonFields.optionalScalar;
import static dev.lazaret.core.parse.JsonFields.optionalScores;
import static dev.lazaret.core.parse.JsonFields.optionalStringMap;
import static dev.lazaret.core.parse.JsonFields.requireFeatures;
import static dev.lazaret.core.parse.JsonFields.requireName;
import static dev.lazaret.core.parse.JsonFields.requireNonEmptyArray;
import static dev.lazaret.core.parse.JsonFields.requireNonNegativeLong;
import static dev.lazaret.core.parse.JsonFields.requireRfc3339;
import static dev.lazaret.core.parse.JsonFields.requireString;
import static dev.lazaret.core.parse.JsonFields.requireText;
import static dev.lazaret.core.parse.JsonFields.requireTimestampMs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.BatchRevocation;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.RecalibrationRequest;
import dev.lazaret.core.contract.TrainingRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parsers for each input topic of the contract (product.md, "Inputs"). */
public final class ContractParsers {
    /**
     * Duplicate keys are refused (I-JSON, RFC 7493, which the RFC 8785 canonical form assumes): a decision
     * {@code {"decision":"REJECT",...,"decision":"RELEASE"}} was read last-wins and released the batch. Numbers are
     * read with Jackson's bundled FastDoubleParser, which rounds correctly as {@link Double#parseDouble} does (the
     * same double for every input, as the streaming parsers read them; their tests compare them with this parser on
     * generated number texts): the JDK's parser was the largest part of a training record's parse in profiles.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ContractParsers() {}

    /** The streaming parser ({@link TrainingRecordParser}): the quarantine's hot path, with no tree per record. */
    public static InputParser<TrainingRecord> trainingRecords(int maxBytes) {
        return new TrainingRecordParser(maxBytes);
    }

    /** The tree parser of training records: the reference the streaming parser is tested against. */
    static InputParser<TrainingRecord> trainingRecordsFromTree(int maxBytes) {
        return parser(maxBytes, "batch_id", ContractParsers::trainingRecord);
    }

    public static InputParser<BatchManifest> manifests(int maxBytes) {
        return parser(maxBytes, "batch_id", ContractParsers::manifest);
    }

    public static InputParser<OperatorDecision> decisions(int maxBytes) {
        return parser(maxBytes, "batch_id", ContractParsers::decision);
    }

    /** The streaming parser ({@link InferenceEventParser}): the drift side's hot path, with no tree per event. */
    public static InputParser<InferenceEvent> inferenceEvents(int maxBytes) {
        return new InferenceEventParser(maxBytes);
    }

    /** The tree parser of inference events: the reference the streaming parser is tested against. */
    static InputParser<InferenceEvent> inferenceEventsFromTree(int maxBytes) {
        return parser(maxBytes, "model", ContractParsers::inferenceEvent);
    }

    public static InputParser<Feedback> feedback(int maxBytes) {
        return parser(maxBytes, "model", ContractParsers::feedbackRecord);
    }

    public static InputParser<RecalibrationRequest> recalibrations(int maxBytes) {
        return parser(maxBytes, "model", ContractParsers::recalibration);
    }

    public static InputParser<ModelRelease> releases(int maxBytes) {
        return parser(maxBytes, "model", ContractParsers::release);
    }

    public static InputParser<BatchRevocation> revocations(int maxBytes) {
        return parser(maxBytes, "batch_id", ContractParsers::revocation);
    }

    static ModelRelease release(JsonNode json) {
        List<ModelRelease.Artifact> artifacts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode a : requireNonEmptyArray(json, "artifacts")) {
            if (!a.isObject()) {
                throw JsonFields.wrongType(
                        "artifacts[]", "an object", a.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            String name = requireName(a, "name");
            if (!names.add(name)) {
                // model verify matches files by name: two hashes under one name could not both be checked
                throw new ContractViolation(RejectReason.INVALID_VALUE, "artifact '" + name + "' is listed twice");
            }
            artifacts.add(new ModelRelease.Artifact(name, sha256(a, "sha256")));
        }
        List<ModelRelease.TrainingSet> trainedOn = new ArrayList<>();
        Set<String> batchIds = new HashSet<>();
        for (JsonNode t : requireNonEmptyArray(json, "trained_on")) {
            if (!t.isObject()) {
                throw JsonFields.wrongType(
                        "trained_on[]", "an object", t.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            List<String> batches = new ArrayList<>();
            for (JsonNode b : requireNonEmptyArray(t, "batches")) {
                if (!b.isTextual()) {
                    throw JsonFields.wrongType(
                            "trained_on[].batches[]",
                            "a string",
                            b.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                }
                JsonFields.checkName(
                        "trained_on[].batches[]", JsonFields.checkNonBlank("trained_on[].batches[]", b.textValue()));
                if (!batchIds.add(b.textValue())) {
                    throw new ContractViolation(
                            RejectReason.INVALID_VALUE, "batch '" + b.textValue() + "' is listed twice");
                }
                batches.add(b.textValue());
            }
            trainedOn.add(new ModelRelease.TrainingSet(requireName(t, "dataset"), batches));
        }
        return new ModelRelease(
                requireName(json, "model"),
                requireName(json, "version"),
                artifacts,
                trainedOn,
                optionalStringMap(json, "frameworks"),
                requireRfc3339(json, "created_at"),
                requireName(json, "key_id"),
                requireName(json, "signature"));
    }

    static BatchRevocation revocation(JsonNode json) {
        return new BatchRevocation(
                requireName(json, "batch_id"), requireName(json, "operator"), requireText(json, "reason"));
    }

    private static String sha256(JsonNode json, String field) {
        String sha = requireString(json, field);
        if (!SHA256_HEX.matcher(sha).matches()) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE, "field '" + field + "' must be 64 lower-case hex digits");
        }
        return sha;
    }

    static TrainingRecord trainingRecord(JsonNode json) {
        return new TrainingRecord(
                requireName(json, "batch_id"),
                requireName(json, "dataset"),
                requireNonNegativeLong(json, "seq"),
                requireFeatures(json, "features"),
                optionalScalar(json, "label"));
    }

    static BatchManifest manifest(JsonNode json) {
        String sha = sha256(json, "content_sha256");
        return new BatchManifest(
                requireName(json, "batch_id"),
                requireName(json, "dataset"),
                requireName(json, "source"),
                requireNonNegativeLong(json, "record_count"),
                sha,
                requireRfc3339(json, "created_at"),
                requireName(json, "key_id"),
                requireName(json, "signature"));
    }

    static OperatorDecision decision(JsonNode json) {
        String decision = requireString(json, "decision");
        OperatorDecision.Decision parsed;
        try {
            // case-exact: the contract spells RELEASE and REJECT, and 'release' must not mean something by accident
            parsed = OperatorDecision.Decision.valueOf(decision);
        } catch (IllegalArgumentException e) {
            throw new ContractViolation(
                    RejectReason.INVALID_VALUE, "field 'decision' must be RELEASE or REJECT, was '" + decision + "'");
        }
        return new OperatorDecision(
                requireName(json, "batch_id"),
                parsed,
                requireName(json, "operator"),
                requireText(json, "reason"),
                requireName(json, "key_id"),
                requireName(json, "signature"));
    }

    static InferenceEvent inferenceEvent(JsonNode json) {
        return new InferenceEvent(
                requireName(json, "event_id"),
                requireName(json, "model"),
                requireName(json, "model_version"),
                requireTimestampMs(json, "timestamp"),
                requireFeatures(json, "features"),
                optionalScalar(json, "prediction"),
                optionalDouble(json, "score"),
                optionalScores(json, "scores"));
    }

    static Feedback feedbackRecord(JsonNode json) {
        return new Feedback(
                requireName(json, "event_id"),
                requireName(json, "model"),
                optionalScalar(json, "label"),
                requireTimestampMs(json, "timestamp"));
    }

    static RecalibrationRequest recalibration(JsonNode json) {
        return new RecalibrationRequest(
                requireName(json, "model"), requireName(json, "operator"), requireText(json, "reason"));
    }

    /**
     * The shared shape: size check, JSON object check, field checks, then the key must equal the value's id field
     * (the key decides the partition, so a mismatch would put the record beside the wrong batch or model).
     */
    private static <T> InputParser<T> parser(int maxBytes, String keyField, Function<JsonNode, T> fields) {
        return (key, value) -> {
            Parsed<T> refused = InputChecks.refusedSize(value, maxBytes);
            if (refused != null) {
                return refused;
            }
            String text;
            try {
                text = StrictUtf8.decode(value);
            } catch (IllegalArgumentException e) {
                return Parsed.invalid(RejectReason.MALFORMED_JSON, e.getMessage());
            }
            JsonNode json;
            try {
                // parsed from the decoded text, so Jackson cannot detect UTF-16 or UTF-32 on its own
                json = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return Parsed.invalid(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
            }
            if (json == null || !json.isObject()) {
                return Parsed.invalid(RejectReason.NOT_AN_OBJECT, "record value must be a JSON object");
            }
            try {
                T parsed = fields.apply(json);
                return InputChecks.keyed(key, keyField, json.get(keyField).textValue(), parsed);
            } catch (ContractViolation e) {
                return Parsed.invalid(e.reason(), e.getMessage());
            }
        };
    }
}
