package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;

/** What the drift processor emits; the topology routes each kind to its topic. */
sealed interface DriftOutput {
    record Report(DriftReport report) implements DriftOutput {}

    record Condition(AlertCondition condition) implements DriftOutput {}

    /** An input rejected after parsing; the dead-letter headers are on the record. */
    record DeadLetter(byte[] value) implements DriftOutput {}

    /** An entry for the audit chain, on its way through the audit requests topic; kind and dataset are headers. */
    record Audit(byte[] payload) implements DriftOutput {}
}
