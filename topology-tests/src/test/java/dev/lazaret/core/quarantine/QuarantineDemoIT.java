package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.app.demo.DriftDemoTraffic;
import dev.lazaret.app.demo.SyntheticModel;
import dev.lazaret.app.demo.quarantine.ModelSupplyDemo;
import dev.lazaret.app.demo.quarantine.QuarantineDemo;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.models.ReleaseStatus;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.it.KafkaFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quarantine demo on a real broker: three clean batches approved, each of the five attacks stopped; then the model
 * supply chain on them: a release approved, the released file verified and a tampered copy refused, an unreleased
 * version in traffic alerting, and the revocation of a training batch alerting and failing the released file.
 */
@Tag("integration")
@Timeout(300)
class QuarantineDemoIT {
    @TempDir
    Path work;

    @Test
    void shouldApproveCleanBatchesAndStopEachAttackWhenTheDemoRuns() throws Exception {
        try (KafkaFixture kafka = KafkaFixture.start()) {
            // the demo's drift models too, as lazaret demo configures them: the model part streams their events
            Map<String, Object> settings = new HashMap<>(DriftDemoTraffic.configDefaults());
            settings.putAll(Map.of(
                    MonitorConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(),
                    MonitorConfig.DATA_DIR_CONFIG,
                    work.toString(),
                    MonitorConfig.HTTP_PORT_CONFIG,
                    "0",
                    QuarantineSettings.PUNCTUATE_INTERVAL_MS_CONFIG,
                    "100",
                    "kafka.commit.interval.ms",
                    "100"));
            QuarantineDemo demo = QuarantineDemo.prepare(new MonitorConfig(settings), 1_000);
            assertThat(demo.config().getString(QuarantineSettings.KEYRING_FILE_CONFIG))
                    .isEqualTo(work.resolve("demo").resolve("keyring.json").toString());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            QuarantineDemo.Result result;
            try (LazaretRuntime runtime = new LazaretRuntime(demo.config());
                    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                runtime.start();
                result = demo.run(runtime.bootstrapServers(), out);
            }
            String text = printed.toString(StandardCharsets.UTF_8);
            System.out.print(text);

            List<QuarantineDemo.Outcome> outcomes = result.batches();
            assertThat(outcomes).hasSize(8);
            for (int i = 0; i < 3; i++) {
                BatchVerdict clean = outcomes.get(i).verdict();
                assertThat(clean.verdict()).as(clean.reason()).isEqualTo(Verdict.APPROVED);
            }
            assertStopped(outcomes.get(3).verdict(), "content-hash");
            assertStopped(outcomes.get(4).verdict(), "label-flip");
            assertStopped(outcomes.get(5).verdict(), "backdoor-trigger");
            assertStopped(outcomes.get(6).verdict(), "duplicate-flood");
            assertStopped(outcomes.get(7).verdict(), "batch-replay");
            assertThat(outcomes.get(7).verdict().batchId())
                    .isEqualTo(outcomes.get(0).verdict().batchId());
            assertThat(text).contains("tampered batch (split view)").contains("fail content-hash");

            ModelSupplyDemo.Outcome models = result.models();
            String v1 = ModelSupplyDemo.MODEL + "@" + SyntheticModel.VERSION;
            assertThat(models.release().status())
                    .as(models.release().reasons().toString())
                    .isEqualTo(ReleaseStatus.APPROVED);
            assertThat(models.release().trainedOn().get(0).batches())
                    .containsExactly(
                            outcomes.get(1).verdict().batchId(),
                            outcomes.get(2).verdict().batchId());
            assertThat(models.verified().ok()).as(models.verified().message()).isTrue();
            assertThat(models.tampered().ok()).isFalse();
            assertThat(models.tampered().message()).contains("differs from the released");
            assertThat(models.unapproved().kind()).isEqualTo(AlertKind.UNAPPROVED_MODEL_VERSION);
            assertThat(models.unapproved().subject())
                    .isEqualTo(ModelSupplyDemo.MODEL + "@" + ModelSupplyDemo.UNRELEASED);
            assertThat(models.revokedData().kind()).isEqualTo(AlertKind.MODEL_TRAINED_ON_REVOKED_DATA);
            assertThat(models.revokedData().subject()).isEqualTo(v1);
            assertThat(models.revokedData().window())
                    .isEqualTo(outcomes.get(2).verdict().batchId());
            assertThat(models.afterRevocation().ok()).isFalse();
            assertThat(models.afterRevocation().message()).contains("trained on revoked batches");
            assertThat(text)
                    .contains("model release " + v1)
                    .contains("lazaret model verify tampered")
                    .contains("without a release: UNAPPROVED_MODEL_VERSION");
        }
    }

    /** Rejected by the default policy, with {@code check} among the failing checks. */
    private static void assertStopped(BatchVerdict v, String check) {
        assertThat(v.verdict()).as(v.batchId() + ": " + v.reason()).isEqualTo(Verdict.REJECTED);
        assertThat(v.checks())
                .filteredOn(c -> c.status() == CheckStatus.FAIL)
                .extracting(c -> c.check().label())
                .contains(check);
    }
}
