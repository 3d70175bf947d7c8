package dev.lazaret.monitor.quarantine.topology;

import dev.lazaret.monitor.model.BatchManifest;
import dev.lazaret.monitor.model.OperatorDecision;
import dev.lazaret.monitor.model.TrainingRecord;

/** The three inputs of a batch, merged into one stream keyed by batch id so one processor sees them in order. */
sealed interface QuarantineInput {
    record RecordIn(TrainingRecord record) implements QuarantineInput {}

    record ManifestIn(BatchManifest manifest) implements QuarantineInput {}

    record DecisionIn(OperatorDecision decision) implements QuarantineInput {}
}
