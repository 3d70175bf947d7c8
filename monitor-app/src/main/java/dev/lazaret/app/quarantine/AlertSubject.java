package dev.lazaret.app.quarantine;

import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.drift.DriftReport;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code lazaret trace --alert} follows from an alert: model versions, or a training batch.
 *
 * @param releaseIds the versions to trace as {@code <model>@<version>}, sorted; empty when a batch is traced
 * @param batchId the batch to trace, or {@code null}
 * @param note one line for the user saying what the alert is about, or {@code null} when the subject says it all
 */
record AlertSubject(List<String> releaseIds, String batchId, String note) {

    /**
     * A model version's alert (UNAPPROVED_MODEL_VERSION, MODEL_TRAINED_ON_REVOKED_DATA) traces that version; a model's
     * drift alert every version in traffic in the alert's window, as the window's drift report counts them; a
     * dataset's batch alert its batch, which the alert's window names.
     *
     * @param prefix the topic prefix, to name topics in errors
     * @param reportOf the drift report of a model alert's model and window, if one is on {@code drift.reports}
     * @throws IllegalArgumentException when the alert cannot be followed
     */
    static AlertSubject of(Alert alert, String prefix, Function<Alert, Optional<DriftReport>> reportOf) {
        switch (alert.subjectType()) {
            case "model_version":
                return new AlertSubject(List.of(alert.subject()), null, null);
            case "model":
                DriftReport report = reportOf.apply(alert)
                        .orElseThrow(() -> new IllegalArgumentException("alert '" + alert.alertId()
                                + "' is about model " + alert.subject() + " in window " + alert.window()
                                + ", which has no report on " + prefix + "drift.reports to name its versions"));
                List<String> ids = report.modelVersions().keySet().stream()
                        .sorted()
                        .map(v -> ModelRelease.releaseId(report.model(), v))
                        .toList();
                return new AlertSubject(
                        ids,
                        null,
                        "alert " + alert.alertId() + " (" + alert.kind() + ") is about model " + report.model()
                                + " in window " + report.window() + ", versions in traffic: " + ids);
            case "dataset":
                if (alert.window() == null) {
                    throw new IllegalArgumentException("alert '" + alert.alertId() + "' names no batch");
                }
                // a batch alert's window is its batch id
                return new AlertSubject(
                        List.of(),
                        alert.window(),
                        "alert " + alert.alertId() + " (" + alert.kind() + ") is about batch " + alert.window()
                                + " of dataset " + alert.subject());
            default:
                throw new IllegalArgumentException("alert '" + alert.alertId() + "' is about a " + alert.subjectType()
                        + ", which trace cannot follow");
        }
    }
}
