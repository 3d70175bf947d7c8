package dev.lazaret.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.alerts.Severity;
import dev.lazaret.core.config.ModelSettings;
import dev.lazaret.core.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnapprovedVersionTopologyTest {
    /**
     * Event time of the first event: the input topics' clock, taken when the driver starts, so that the verdicts and
     * releases piped at that clock do not put stream time ahead of the events.
     */
    private Instant t0;

    @TempDir
    Path dir;

    private ModelSupplyHarness m;

    private void start(Map<String, String> settings) {
        m = new ModelSupplyHarness(dir, settings);
        t0 = Instant.now().plusSeconds(1);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private void events(String model, String version, int n, Instant at) {
        for (int i = 0; i < n; i++) {
            Instant t = at.plusMillis(i);
            m.events.pipeInput(
                    model,
                    "{\"event_id\":\"e-" + version + "-" + t.toEpochMilli() + "\",\"model\":\"" + model
                            + "\",\"model_version\":\"" + version + "\",\"timestamp\":" + t.toEpochMilli()
                            + ",\"features\":{\"x\":1.0},\"prediction\":\"1\",\"score\":0.9}",
                    t);
        }
    }

    private void tick() {
        m.driver.advanceWallClockTime(VersionGateProcessor.PUNCTUATE_EVERY);
    }

    private List<Alert> unapprovedAlerts() {
        return m.alerts.readValuesToList().stream()
                .map(json -> JsonSerde.deserializer(Alert.class).deserialize("", json.getBytes(StandardCharsets.UTF_8)))
                .filter(a -> a.kind() == AlertKind.UNAPPROVED_MODEL_VERSION)
                .toList();
    }

    private double gauge() {
        return m.registry.get(ModelSupplyTopology.UNAPPROVED_VERSIONS).gauge().value();
    }

    @Test
    void shouldStaySilentForAModelUntilItPublishesItsFirstRelease() {
        start(Map.of());
        events(ModelSupplyHarness.MODEL, "1", 50, t0);
        tick();
        assertThat(unapprovedAlerts()).isEmpty();
        assertThat(gauge()).isZero();

        // its first release opts it in: from the next sweep on, an unreleased version alerts
        m.approve("fraud", "b1");
        m.release("1", "b1");
        tick();
        events(ModelSupplyHarness.MODEL, "2", 5, t0.plusSeconds(1));
        assertThat(unapprovedAlerts()).extracting(Alert::subject).containsExactly("fraud-model@2");
    }

    @Test
    void shouldFireOncePerUnapprovedVersionWhileItPersistsAndResolveWhenItIsApproved() {
        start(Map.of());
        m.approve("fraud", "b1");
        m.release("1", "b1");
        events(ModelSupplyHarness.MODEL, "1", 20, t0);
        events(ModelSupplyHarness.MODEL, "2", 200, t0.plusSeconds(1));
        events(ModelSupplyHarness.MODEL, "1", 20, t0.plusSeconds(2));
        events(ModelSupplyHarness.MODEL, "2", 200, t0.plusSeconds(3));
        tick();
        tick();

        List<Alert> fired = unapprovedAlerts();
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).status()).isEqualTo(AlertStatus.FIRING);
        assertThat(fired.get(0).subject()).isEqualTo("fraud-model@2");
        assertThat(fired.get(0).severity().name()).isEqualTo("CRITICAL");
        assertThat(gauge()).isEqualTo(1.0);

        m.release("2", "b1");
        tick();
        List<Alert> after = unapprovedAlerts();
        assertThat(after).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED);
        assertThat(after.get(0).alertId()).isEqualTo(fired.get(0).alertId());
        assertThat(gauge()).isZero();
        events(ModelSupplyHarness.MODEL, "2", 20, t0.plusSeconds(4));
        tick();
        assertThat(unapprovedAlerts()).isEmpty();
    }

    @Test
    void shouldResolveWhenTheVersionLeavesTrafficAndFireAgainWhenItComesBack() {
        start(Map.of(ModelSettings.UNAPPROVED_IDLE_MS_CONFIG, "60000"));
        m.approve("fraud", "b1");
        m.release("1", "b1");
        events(ModelSupplyHarness.MODEL, "canary", 5, t0);
        tick();
        assertThat(unapprovedAlerts()).extracting(Alert::status).containsExactly(AlertStatus.FIRING);

        events(ModelSupplyHarness.MODEL, "1", 5, t0.plus(Duration.ofSeconds(30)));
        tick();
        assertThat(unapprovedAlerts()).as("idle 30 s of 60").isEmpty();
        events(ModelSupplyHarness.MODEL, "1", 5, t0.plus(Duration.ofSeconds(61)));
        tick();
        assertThat(unapprovedAlerts()).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED);

        events(ModelSupplyHarness.MODEL, "canary", 5, t0.plus(Duration.ofSeconds(90)));
        tick();
        assertThat(unapprovedAlerts()).extracting(Alert::status).containsExactly(AlertStatus.FIRING);
    }

    @Test
    void shouldAlertAsAWarningAtWarnOncePerVersionAndResolveLikeCriticalAndDoNothingAtOff() {
        start(Map.of(ModelSettings.UNAPPROVED_VERSION_CONFIG, "fraud-model:warn,churn:off"));
        events(ModelSupplyHarness.MODEL, "9", 10, t0);
        events("churn", "9", 10, t0);
        events(ModelSupplyHarness.MODEL, "9", 10, t0.plusSeconds(1));
        tick();
        List<Alert> fired = unapprovedAlerts();
        assertThat(fired).extracting(Alert::subject).containsExactly("fraud-model@9");
        assertThat(fired.get(0).status()).isEqualTo(AlertStatus.FIRING);
        assertThat(fired.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(gauge()).as("fraud-model 9 counted, churn not").isEqualTo(1.0);

        m.approve("fraud", "b1");
        m.release("9", "b1");
        tick();
        List<Alert> resolved = unapprovedAlerts();
        assertThat(resolved).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED);
        assertThat(resolved.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(resolved.get(0).alertId()).isEqualTo(fired.get(0).alertId());
        assertThat(gauge()).isZero();
    }
}
