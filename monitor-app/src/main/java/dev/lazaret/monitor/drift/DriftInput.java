package dev.lazaret.monitor.drift;

import dev.lazaret.monitor.model.Feedback;
import dev.lazaret.monitor.model.InferenceEvent;

/** What the drift processor reads: events and feedback of the same model meet in one task (both keyed by model). */
sealed interface DriftInput {
    record Event(InferenceEvent event) implements DriftInput {}

    record Label(Feedback feedback) implements DriftInput {}
}
