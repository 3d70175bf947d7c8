package dev.lazaret.core.drift;

import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;

/** What the drift processor reads: events and feedback of the same model meet in one task (both keyed by model). */
sealed interface DriftInput {
    record Event(InferenceEvent event) implements DriftInput {}

    record Label(Feedback feedback) implements DriftInput {}
}
