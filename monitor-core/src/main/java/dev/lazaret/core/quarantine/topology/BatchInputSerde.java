package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.parse.ContractParsers;
import dev.lazaret.core.parse.InputParser;
import dev.lazaret.core.parse.Parsed;
import dev.lazaret.core.quarantine.batch.BatchInput;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.serde.JsonSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A {@link BatchInput} on the quarantine's repartition topics: one tag byte, then the batch id (length-prefixed UTF-8),
 * then the JSON. A record travels as its canonical form and is read back by the parse step's own parser, so the record
 * the lifecycle sees after the repartition hashes to the same content as the one the parse step produced.
 */
final class BatchInputSerde {
    private static final byte RECORD = 'R';
    private static final byte MANIFEST = 'M';
    private static final byte DECISION = 'D';
    private static final InputParser<TrainingRecord> RECORDS = ContractParsers.trainingRecords(Integer.MAX_VALUE);

    private BatchInputSerde() {}

    static Serde<BatchInput> serde() {
        return Serdes.serdeFrom(
                (topic, input) -> input == null ? null : write(input),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    static byte[] write(BatchInput input) {
        byte tag;
        byte[] json;
        if (input instanceof BatchInput.RecordIn r) {
            tag = RECORD;
            json = CanonicalForms.record(r.record());
        } else if (input instanceof BatchInput.ManifestIn m) {
            tag = MANIFEST;
            json = JsonSerde.serializer().serialize(null, m.manifest());
        } else {
            tag = DECISION;
            json = JsonSerde.serializer().serialize(null, ((BatchInput.DecisionIn) input).decision());
        }
        byte[] id = input.batchId().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + id.length + json.length)
                .put(tag)
                .putInt(id.length)
                .put(id)
                .put(json)
                .array();
    }

    static BatchInput read(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte tag = buffer.get();
        byte[] id = new byte[buffer.getInt()];
        buffer.get(id);
        byte[] json = new byte[buffer.remaining()];
        buffer.get(json);
        return switch (tag) {
            case RECORD -> new BatchInput.RecordIn(record(new String(id, StandardCharsets.UTF_8), json));
            case MANIFEST ->
                new BatchInput.ManifestIn(
                        JsonSerde.deserializer(BatchManifest.class).deserialize(null, json));
            case DECISION ->
                new BatchInput.DecisionIn(
                        JsonSerde.deserializer(OperatorDecision.class).deserialize(null, json));
            default -> throw new SerializationException("unknown quarantine input tag " + tag);
        };
    }

    private static TrainingRecord record(String batchId, byte[] canonical) {
        Parsed<TrainingRecord> parsed = RECORDS.parse(batchId, canonical);
        if (parsed instanceof Parsed.Valid<TrainingRecord> valid) {
            return valid.value();
        }
        // written by write() from a record that passed the same parser, so this is a corrupt repartition record
        throw new SerializationException("cannot read a quarantined record back: " + parsed);
    }
}
