package dev.lazaret.core.quarantine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.batch.BatchInput;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class BatchInputSerdeTest {
    private final Serde<BatchInput> serde = BatchInputSerde.serde();

    private BatchInput roundTrip(BatchInput input) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", input));
    }

    @Test
    void shouldKeepARecordsCanonicalFormAcrossTheRepartition() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("x", 1.0);
        features.put("tiny", 1.0E-300);
        features.put("big", 12345678901234.5);
        features.put("cat", "é \"quoted\"");
        features.put("flag", true);
        features.put("missing", null);
        TrainingRecord record = new TrainingRecord("bätch-1", "fraud", 42, features, 3.0);

        BatchInput back = roundTrip(BatchInput.RecordIn.of(record));

        assertThat(back).isInstanceOf(BatchInput.RecordIn.class);
        BatchInput.RecordIn read = (BatchInput.RecordIn) back;
        assertThat(read.canonical()).isEqualTo(CanonicalForms.record(record));
        assertThat(read.seq()).isEqualTo(42);
        assertThat(read.batchId()).isEqualTo("bätch-1");
        assertThat(read.dataset()).isEqualTo("fraud");
    }

    @Test
    void shouldKeepStringAndAbsentLabels() {
        TrainingRecord labelled = new TrainingRecord("b", "d", 0, Map.of("x", 2.5), "L1");
        TrainingRecord unlabelled = new TrainingRecord("b", "d", 1, Map.of("x", 2.5), null);

        assertThat(roundTrip(BatchInput.RecordIn.of(labelled))).isEqualTo(BatchInput.RecordIn.of(labelled));
        assertThat(roundTrip(BatchInput.RecordIn.of(unlabelled))).isEqualTo(BatchInput.RecordIn.of(unlabelled));
        assertThat(BatchInput.RecordIn.of(labelled)).isNotEqualTo(BatchInput.RecordIn.of(unlabelled));
    }

    @Test
    void shouldReadARecordAnEarlierVersionWroteAsJson() {
        // what the repartition topics held before records travelled as canonical bytes: tag R, batch id, record JSON
        TrainingRecord record = new TrainingRecord("b-7", "fraud", 3, Map.of("x", 0.25, "cat", "a"), "yes");
        byte[] id = "b-7".getBytes(StandardCharsets.UTF_8);
        byte[] json = CanonicalForms.record(record);
        byte[] old = ByteBuffer.allocate(1 + 4 + id.length + json.length)
                .put((byte) 'R')
                .putInt(id.length)
                .put(id)
                .put(json)
                .array();

        assertThat(serde.deserializer().deserialize("t", old)).isEqualTo(BatchInput.RecordIn.of(record));
    }

    @Test
    void shouldKeepManifestsWithTheirSignatureAndDecisions() {
        BatchManifest manifest =
                new BatchManifest("b", "fraud", "bank-a", 1_000, "ab".repeat(32), "2026-11-22T10:00:00Z", "k", "c2ln");
        OperatorDecision decision =
                new OperatorDecision("b", OperatorDecision.Decision.RELEASE, "alice", "seasonal", "alice-2026", "c2ln");

        assertThat(roundTrip(new BatchInput.ManifestIn(manifest))).isEqualTo(new BatchInput.ManifestIn(manifest));
        assertThat(roundTrip(new BatchInput.DecisionIn(decision))).isEqualTo(new BatchInput.DecisionIn(decision));
        assertThat(roundTrip(new BatchInput.DecisionIn(decision)).dataset()).isNull();
    }
}
