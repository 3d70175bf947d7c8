package dev.lazaret.core.drift;

import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.RecalibrationRequest;

/** What the drift processor reads: events and feedback of the same model meet in one task (both keyed by model). */
sealed interface DriftInput {
    record Event(InferenceEvent event) implements DriftInput {}

    record Label(Feedback feedback) implements DriftInput {}

    /** An operator's request to refit a model's calibration (keyed by model too). */
    record Recalibration(RecalibrationRequest request) implements DriftInput {}
}
