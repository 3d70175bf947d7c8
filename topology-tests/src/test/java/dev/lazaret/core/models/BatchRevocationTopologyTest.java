package dev.lazaret.core.models;

import static dev.lazaret.core.models.ModelSupplyHarness.header;
import static dev.lazaret.core.models.ModelSupplyHarness.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRevocationTopologyTest {
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

    private List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        m.alerts
                .readValuesToList()
                .forEach(json -> out.add(JsonSerde.deserializer(Alert.class)
                        .deserialize("", json.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return out;
    }

    @Test
    void shouldAlertForExactlyTheApprovedVersionsTrainedOnTheRevokedBatch() throws Exception {
        m.approve("fraud", "b1", "b2");
        m.release("v1", "b1");
        m.release("v2", "b1", "b2");
        m.release("v3", "b2");
        m.release("refused", "b1", "ghost");
        assertThat(m.readModelVerdicts())
                .extracting(ModelVerdict::status)
                .containsExactly(
                        ReleaseStatus.APPROVED, ReleaseStatus.APPROVED, ReleaseStatus.APPROVED, ReleaseStatus.REFUSED);
        m.audit.readValuesToList();

        m.revoke("b1", "soc", "label flips found after approval");

        List<ModelVerdict> standings = m.readModelVerdicts();
        assertThat(standings).extracting(ModelVerdict::version).containsExactlyInAnyOrder("v1", "v2");
        assertThat(standings).allSatisfy(v -> assertThat(v.revokedBatches()).containsExactly("b1"));
        List<Alert> fired = alerts();
        assertThat(fired).allSatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.MODEL_TRAINED_ON_REVOKED_DATA);
            assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(a.evidence()).contains("revoked by soc: label flips found after approval");
        });
        assertThat(fired).extracting(Alert::subject).containsExactlyInAnyOrder("fraud-model@v1", "fraud-model@v2");
        JsonNode entry = JsonSerde.reader().readTree(m.audit.readValuesToList().get(0));
        assertThat(entry.get("kind").asText()).isEqualTo("BATCH_REVOKED");
        assertThat(entry.get("subject").asText()).isEqualTo("b1");
        assertThat(entry.get("dataset").asText()).isEqualTo("fraud");

        // a release naming the revoked batch is refused from now on
        m.release("v4", "b1");
        assertThat(m.readModelVerdicts().get(0).reasons())
                .containsExactly("batch 'b1' of dataset 'fraud' is REVOKED by soc: label flips found after approval");
    }

    @Test
    void shouldDeadLetterARevocationOfABatchThatIsNotApprovedOrAlreadyRevoked() {
        m.send(verdict("bad", "fraud", Verdict.REJECTED, false));
        m.approve("fraud", "b1");
        m.revoke("bad", "soc", "x");
        m.revoke("ghost", "soc", "x");
        m.revoke("b1", "soc", "x");
        m.revoke("b1", "soc", "again");

        List<String> details = m.deadLetters.readRecordsToList().stream()
                .map(r -> header(r, DeadLetterHeaders.DETAIL))
                .toList();
        assertThat(details)
                .containsExactly(
                        "batch 'bad' is REJECTED: only an approved batch can be revoked",
                        "batch 'ghost' has no verdict: only an approved batch can be revoked",
                        "batch 'b1' is already REVOKED by soc: x");
        assertThat(alerts()).isEmpty();
    }
}
