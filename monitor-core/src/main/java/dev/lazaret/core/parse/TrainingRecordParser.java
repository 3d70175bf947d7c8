package dev.lazaret.core.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lazaret.core.contract.TrainingRecord;
import java.io.IOException;
import java.util.Map;

/**
 * The training-record parser, the hottest input of the quarantine: one pass of Jackson's streaming parser over the
 * bytes, straight into the record's fields ({@link StreamingParser}), with the features in a {@link
 * dev.lazaret.core.contract.FeatureMap}.
 *
 * <p>It decides exactly as the tree parser {@link ContractParsers#trainingRecord(com.fasterxml.jackson.databind.JsonNode)}
 * (kept as its reference, and compared with it by {@code TrainingRecordParserTest}).
 */
final class TrainingRecordParser extends StreamingParser<TrainingRecord> {
    TrainingRecordParser(int maxBytes) {
        super(maxBytes, "batch_id");
    }

    @Override
    Fields<TrainingRecord> fields() {
        return new RecordFields();
    }

    @Override
    String id(TrainingRecord record) {
        return record.batchId();
    }

    /**
     * As {@link JsonFields#requireNonNegativeLong}: an integer that fits a long (the tree parser's {@code
     * canConvertToLong}; a larger one is read as a big integer, and is the wrong type as a fraction is), at least 0.
     */
    private static Object nonNegativeLong(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return missing(field);
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            p.skipChildren();
            return JsonFields.wrongType(field, "an integer", typeName(t));
        }
        long value = p.getLongValue();
        if (value < 0) {
            return new ContractViolation(
                    RejectReason.INVALID_VALUE, "field '" + field + "' must be >= 0, was " + value);
        }
        return value;
    }

    /**
     * Each field as read: its value, a {@link ContractViolation} held until the whole value has been read, or null
     * when absent (or JSON null, for the label).
     */
    private static final class RecordFields implements Fields<TrainingRecord> {
        Object batchId;
        Object dataset;
        Object seq;
        Object features;
        Object label;

        @Override
        public void read(JsonParser p, String name, JsonToken t) throws IOException {
            switch (name) {
                case "batch_id" -> batchId = name(p, t, "batch_id");
                case "dataset" -> dataset = name(p, t, "dataset");
                case "seq" -> seq = nonNegativeLong(p, t, "seq");
                case "features" -> features = features(p, t);
                case "label" -> label = optionalScalar(p, t, "label");
                default -> p.skipChildren();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public TrainingRecord value() {
            return new TrainingRecord(
                    (String) required(batchId, "batch_id"),
                    (String) required(dataset, "dataset"),
                    (Long) required(seq, "seq"),
                    (Map<String, Object>) required(features, "features"),
                    checked(label));
        }
    }
}
