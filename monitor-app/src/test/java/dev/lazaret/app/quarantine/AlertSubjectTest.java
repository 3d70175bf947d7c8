package dev.lazaret.app.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.alerts.Severity;
import dev.lazaret.core.drift.DriftReport;
import dev.lazaret.core.drift.ReportStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code lazaret trace --alert} follows from each kind of alert subject. */
class AlertSubjectTest {
    private static final String WINDOW = "2026-12-01T10:00:00Z/2026-12-01T10:01:00Z";

    private static Alert alert(AlertKind kind, String subjectType, String subject, String window) {
        return new Alert(
                "a-1",
                kind,
                AlertStatus.FIRING,
                Severity.WARNING,
                subjectType,
                subject,
                null,
                "ks",
                0.3,
                0.1,
                window,
                0,
                60_000,
                "evidence",
                0,
                "http://runbook");
    }

    private static DriftReport report(String model, String window, Map<String, Long> versions) {
        return new DriftReport(
                model,
                "fraud",
                ReportStatus.JUDGED,
                "import:r",
                versions,
                window,
                0,
                60_000,
                500,
                List.of(),
                null,
                null,
                false,
                0,
                false,
                0,
                0,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void shouldTraceEveryVersionInTheWindowsReportForADriftAlert() {
        Alert drift = alert(AlertKind.FEATURE_DRIFT, "model", "fraud-model", WINDOW);
        List<Alert> asked = new ArrayList<>();

        AlertSubject traced = AlertSubject.of(drift, "lazaret.", a -> {
            asked.add(a);
            return Optional.of(report("fraud-model", WINDOW, Map.of("9", 40L, "10", 60L)));
        });

        assertThat(asked).containsExactly(drift);
        assertThat(traced.batchId()).isNull();
        // sorted as strings, as the versions' ids are
        assertThat(traced.releaseIds()).containsExactly("fraud-model@10", "fraud-model@9");
        assertThat(traced.note())
                .contains("FEATURE_DRIFT")
                .contains("fraud-model")
                .contains(WINDOW);
    }

    @Test
    void shouldRefuseADriftAlertWhoseWindowHasNoReport() {
        Alert drift = alert(AlertKind.PREDICTION_DRIFT, "model", "fraud-model", WINDOW);

        assertThatThrownBy(() -> AlertSubject.of(drift, "lazaret.", a -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no report on lazaret.drift.reports");
    }

    @Test
    void shouldTraceTheBatchABatchAlertNamesInItsWindow() {
        Alert rejected = alert(AlertKind.BATCH_REJECTED, "dataset", "fraud", "batch-r");

        AlertSubject traced = AlertSubject.of(rejected, "lazaret.", a -> {
            throw new AssertionError("a batch alert needs no drift report");
        });

        assertThat(traced.batchId()).isEqualTo("batch-r");
        assertThat(traced.releaseIds()).isEmpty();
        assertThat(traced.note()).contains("BATCH_REJECTED").contains("batch batch-r of dataset fraud");
    }

    @Test
    void shouldRefuseABatchAlertWithoutABatch() {
        Alert held = alert(AlertKind.BATCH_HELD, "dataset", "fraud", null);

        assertThatThrownBy(() -> AlertSubject.of(held, "lazaret.", a -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no batch");
    }

    @Test
    void shouldTraceTheVersionOfAModelVersionAlert() {
        Alert unapproved = alert(AlertKind.UNAPPROVED_MODEL_VERSION, "model_version", "fraud-model@9", "9");

        AlertSubject traced = AlertSubject.of(unapproved, "lazaret.", a -> Optional.empty());

        assertThat(traced.releaseIds()).containsExactly("fraud-model@9");
        assertThat(traced.batchId()).isNull();
    }
}
