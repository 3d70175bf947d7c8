package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.parse.ContractParsers;
import dev.lazaret.core.parse.InputParser;
import dev.lazaret.core.parse.Parsed;
import dev.lazaret.core.quarantine.batch.BatchInput;
import dev.lazaret.core.serde.JsonSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A {@link BatchInput} on the quarantine's repartition topics: one tag byte, then the batch id (length-prefixed UTF-8),
 * then the payload. A record travels as its dataset (length-prefixed), its seq and its canonical form, which the
 * lifecycle stores as it is: the bytes hashed are the bytes the parse step produced, and no hop parses them again.
 * Manifests and decisions travel as JSON. Tag {@code R} (a record as JSON, read back by the parse step's parser) is
 * what earlier versions wrote; it is still read, so records in flight on the repartition topics survive an upgrade.
 */
final class BatchInputSerde {
    private static final byte RECORD = 'C';
    private static final byte RECORD_AS_JSON = 'R';
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
            return writeRecord(r);
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

    private static byte[] writeRecord(BatchInput.RecordIn r) {
        byte[] id = r.batchId().getBytes(StandardCharsets.UTF_8);
        byte[] dataset = r.dataset().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + id.length + 4 + dataset.length + 8 + r.canonical().length)
                .put(RECORD)
                .putInt(id.length)
                .put(id)
                .putInt(dataset.length)
                .put(dataset)
                .putLong(r.seq())
                .put(r.canonical())
                .array();
    }

    static BatchInput read(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte tag = buffer.get();
        String batchId = string(buffer);
        if (tag == RECORD) {
            String dataset = string(buffer);
            long seq = buffer.getLong();
            return new BatchInput.RecordIn(batchId, dataset, seq, rest(buffer));
        }
        byte[] json = rest(buffer);
        return switch (tag) {
            case RECORD_AS_JSON -> BatchInput.RecordIn.of(record(batchId, json));
            case MANIFEST ->
                new BatchInput.ManifestIn(
                        JsonSerde.deserializer(BatchManifest.class).deserialize(null, json));
            case DECISION ->
                new BatchInput.DecisionIn(
                        JsonSerde.deserializer(OperatorDecision.class).deserialize(null, json));
            default -> throw new SerializationException("unknown quarantine input tag " + tag);
        };
    }

    private static String string(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] rest(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
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
