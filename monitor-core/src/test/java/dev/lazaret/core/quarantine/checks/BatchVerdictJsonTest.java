package dev.lazaret.core.quarantine.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lazaret.core.serde.JsonSerde;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchVerdictJsonTest {
    private static BatchVerdict verdict(Verdict outcome, DecidedBy by, Verdict previous) {
        return new BatchVerdict(
                "b-1",
                "fraud",
                "bank-a",
                "k1",
                outcome,
                "reason",
                10,
                10,
                10,
                0,
                "aa",
                "aa",
                List.of(CheckResult.of(CheckName.CONTENT_HASH, CheckStatus.FAIL, 1, 1, "tampered")),
                by,
                previous,
                null,
                1,
                2,
                4,
                3);
    }

    @Test
    void shouldWriteEnumsInTheirWireFormWhenSerialised() throws Exception {
        JsonNode policy = JsonSerde.reader()
                .readTree(JsonSerde.serializer().serialize("t", verdict(Verdict.REJECTED, DecidedBy.POLICY, null)));
        assertThat(policy.get("verdict").asText()).isEqualTo("REJECTED");
        assertThat(policy.get("decided_by").asText()).isEqualTo("policy");
        assertThat(policy.get("previous_verdict").isNull()).isTrue();
        assertThat(policy.get("last_record_ms").asLong()).isEqualTo(4);
        JsonNode check = policy.get("checks").get(0);
        assertThat(check.get("check").asText()).isEqualTo("content-hash");
        assertThat(check.get("category").asText()).isEqualTo("integrity");
        assertThat(check.get("status").asText()).isEqualTo("FAIL");

        JsonNode operator = JsonSerde.reader()
                .readTree(JsonSerde.serializer()
                        .serialize("t", verdict(Verdict.APPROVED, DecidedBy.operator("alice"), Verdict.HELD)));
        assertThat(operator.get("decided_by").asText()).isEqualTo("alice");
        assertThat(operator.get("previous_verdict").asText()).isEqualTo("HELD");
    }

    @Test
    void shouldReadBackWhatItWrote() throws Exception {
        for (BatchVerdict v : List.of(
                verdict(Verdict.HELD, DecidedBy.POLICY, null),
                verdict(Verdict.APPROVED, DecidedBy.operator("alice"), Verdict.HELD))) {
            byte[] json = JsonSerde.serializer().serialize("t", v);
            assertThat(JsonSerde.deserializer(BatchVerdict.class).deserialize("t", json))
                    .isEqualTo(v);
        }
        // a verdict written before last_record_ms existed (on the topic, or in a batch state of an earlier build)
        ObjectNode older = (ObjectNode) JsonSerde.reader()
                .readTree(JsonSerde.serializer().serialize("t", verdict(Verdict.HELD, DecidedBy.POLICY, null)));
        older.remove("last_record_ms");
        assertThat(JsonSerde.deserializer(BatchVerdict.class)
                        .deserialize("t", older.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .lastRecordMs())
                .isZero();
        assertThat(DecidedBy.of("policy").isPolicy()).isTrue();
        assertThat(DecidedBy.of("bob").isPolicy()).isFalse();
    }

    @Test
    void shouldMapPoisoningSignalsToTheirChecks() {
        assertThat(CheckName.ofPoisoningSignal("replay")).isEqualTo(CheckName.RECORD_REPLAY);
        assertThat(CheckName.ofPoisoningSignal("label-flip")).isEqualTo(CheckName.LABEL_FLIP);
        assertThat(CheckName.ofPoisoningSignal("label-shift")).isEqualTo(CheckName.LABEL_SHIFT);
        assertThatThrownBy(() -> CheckName.ofPoisoningSignal("signature")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CheckName.ofPoisoningSignal("nope")).isInstanceOf(IllegalStateException.class);
    }
}
