package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.parse.RejectReason;
import java.util.List;

/** What one step of a {@link ModelTimeline} decided; the processor carries each out. */
sealed interface TimelineOutput {
    /** The input does not fit the drift side: dead-letter it with this reason and detail. */
    record Rejected(RejectReason reason, String detail) implements TimelineOutput {}

    /** An event of {@code model} was added to its window. */
    record Accepted(String model) implements TimelineOutput {}

    /** A window of {@code model} closed: publish the report and the conditions, in that order. */
    /** Something about {@code model} for the audit trail (a recalibration requested or done). */
    record Audited(String model, String kind, byte[] payload) implements TimelineOutput {}

    record Closed(String model, DriftReport report, List<AlertCondition> conditions) implements TimelineOutput {}
}
