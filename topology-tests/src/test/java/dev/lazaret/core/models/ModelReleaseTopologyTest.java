package dev.lazaret.core.models;

import static dev.lazaret.core.models.ModelSupplyHarness.MODEL;
import static dev.lazaret.core.models.ModelSupplyHarness.header;
import static dev.lazaret.core.models.ModelSupplyHarness.signed;
import static dev.lazaret.core.models.ModelSupplyHarness.unsigned;
import static dev.lazaret.core.models.ModelSupplyHarness.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReleaseTopologyTest {
    @TempDir
    Path dir;

    private ModelSupplyHarness m;

    @BeforeEach
    void setUp() {
        m = new ModelSupplyHarness(dir, Map.of());
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private ModelVerdict only() {
        List<ModelVerdict> verdicts = m.readModelVerdicts();
        assertThat(verdicts).hasSize(1);
        return verdicts.get(0);
    }

    @Test
    void shouldApproveASignedReleaseOfApprovedBatchesAndAuditIt() throws Exception {
        m.approve("fraud", "b1", "b2");
        m.release("v1", "b1", "b2");

        ModelVerdict v = only();
        assertThat(v.status()).as(String.join("; ", v.reasons())).isEqualTo(ReleaseStatus.APPROVED);
        assertThat(v.reasons()).isEmpty();
        assertThat(v.trainedOn()).containsExactly(new ModelRelease.TrainingSet("fraud", List.of("b1", "b2")));
        assertThat(v.frameworks()).containsEntry("onnxruntime", "1.18.0");
        JsonNode entry = JsonSerde.reader().readTree(m.audit.readValuesToList().get(0));
        assertThat(entry.get("kind").asText()).isEqualTo("MODEL_RELEASE");
        assertThat(entry.get("subject").asText()).isEqualTo(MODEL + "@v1");
        assertThat(m.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseAReleaseWhoseSignatureDoesNotVerify() {
        m.approve("fraud", "b1");
        ModelRelease good =
                signed(unsigned("v1", ModelSupplyHarness.RELEASE_KEY, Map.of("fraud", List.of("b1"))), m.releaseKey);
        // signed, then a byte of what was signed changed: the artifact hash
        ModelRelease tampered = new ModelRelease(
                good.model(),
                good.version(),
                List.of(new ModelRelease.Artifact("model.onnx", "b".repeat(64))),
                good.trainedOn(),
                good.frameworks(),
                good.createdAt(),
                good.keyId(),
                good.signature());
        m.release(tampered);

        ModelVerdict v = only();
        assertThat(v.status()).isEqualTo(ReleaseStatus.REFUSED);
        assertThat(v.reasons()).containsExactly("the Ed25519 signature does not verify with key 'ml-team-2026'");
    }

    @Test
    void shouldRefuseUnknownAndOutOfScopeKeys() {
        m.approve("fraud", "b1");
        m.release(signed(unsigned("v1", "nobody-2026", Map.of("fraud", List.of("b1"))), m.releaseKey));
        m.release(signed(unsigned("v2", ModelSupplyHarness.DATASET_KEY, Map.of("fraud", List.of("b1"))), m.datasetKey));

        List<ModelVerdict> verdicts = m.readModelVerdicts();
        assertThat(verdicts).extracting(ModelVerdict::status).containsOnly(ReleaseStatus.REFUSED);
        assertThat(verdicts.get(0).reasons()).containsExactly("key 'nobody-2026' is not in the keyring");
        assertThat(verdicts.get(1).reasons())
                .containsExactly("key 'bank-a-2026' may not sign releases of model 'fraud-model'");
    }

    @Test
    void shouldRefuseRejectedHeldUnknownAndMisplacedBatchesNamingEach() {
        m.approve("fraud", "ok");
        m.send(verdict("bad", "fraud", Verdict.REJECTED, false));
        m.send(verdict("held", "fraud", Verdict.HELD, false));
        m.approve("other", "elsewhere");
        m.release("v1", "ok", "bad", "held", "ghost", "elsewhere");

        ModelVerdict v = only();
        assertThat(v.status()).isEqualTo(ReleaseStatus.REFUSED);
        assertThat(v.reasons())
                .containsExactly(
                        "batch 'bad' of dataset 'fraud' is REJECTED",
                        "batch 'held' of dataset 'fraud' is HELD",
                        "batch 'ghost' of dataset 'fraud' has no verdict (unknown)",
                        "batch 'elsewhere' belongs to dataset 'other', not 'fraud'");
    }

    @Test
    void shouldTakeAnOperatorsReleaseOfAHeldBatchAndIgnoreAReplayOfAnApprovedOne() {
        m.send(verdict("held", "fraud", Verdict.HELD, false));
        m.send(verdict("held", "fraud", Verdict.APPROVED, false)
                .decidedByOperator(Verdict.APPROVED, "alice", "looked fine", 3));
        m.approve("fraud", "b1");
        // a copy of b1 refused as a replay: b1 itself stays approved
        m.send(verdict("b1", "fraud", Verdict.REJECTED, true));
        m.release("v1", "held", "b1");

        assertThat(only().status()).isEqualTo(ReleaseStatus.APPROVED);
    }

    @Test
    void shouldDeadLetterAMalformedReleaseAndASecondReleaseOfAnApprovedVersion() {
        m.releases.pipeInput(MODEL, "{\"model\":\"" + MODEL + "\",\"version\":\"v1\",\"artifacts\":[]}");
        TestRecord<String, byte[]> malformed = m.deadLetters.readRecord();
        assertThat(header(malformed, DeadLetterHeaders.REASON)).isEqualTo("INVALID_VALUE");
        assertThat(header(malformed, DeadLetterHeaders.DETAIL)).contains("'artifacts' must not be empty");

        m.approve("fraud", "b1");
        m.release("v1", "b1");
        m.release("v1", "b1");
        assertThat(m.readModelVerdicts()).hasSize(1);
        TestRecord<String, byte[]> again = m.deadLetters.readRecord();
        assertThat(header(again, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("lazaret.models.releases");
        assertThat(header(again, DeadLetterHeaders.DETAIL)).contains("already released and approved");
        assertThat(new String(again.value(), StandardCharsets.UTF_8)).contains("\"trained_on\"");
    }

    @Test
    void shouldLetACorrectedReleaseReplaceARefusedOne() {
        m.release("v1", "b1");
        m.approve("fraud", "b1");
        m.release("v1", "b1");
        assertThat(m.readModelVerdicts())
                .extracting(ModelVerdict::status)
                .containsExactly(ReleaseStatus.REFUSED, ReleaseStatus.APPROVED);
    }
}
