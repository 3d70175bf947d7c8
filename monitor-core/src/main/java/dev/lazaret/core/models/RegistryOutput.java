package dev.lazaret.core.models;

import dev.lazaret.core.alerts.AlertCondition;

/**
 * What the model registry forwards: bytes for a topic (a model verdict, an audit request, a dead letter; the record's
 * headers travel with it), or an alert condition for the alert stage.
 *
 * @param topic where {@code value} goes, or {@code null} for a condition
 * @param value the bytes to write, or {@code null} for a condition
 * @param condition the alert condition, or {@code null}
 */
record RegistryOutput(String topic, byte[] value, AlertCondition condition) {
    static RegistryOutput to(String topic, byte[] value) {
        return new RegistryOutput(topic, value, null);
    }

    static RegistryOutput of(AlertCondition condition) {
        return new RegistryOutput(null, null, condition);
    }
}
