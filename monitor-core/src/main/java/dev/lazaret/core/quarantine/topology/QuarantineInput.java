package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;

/** The three inputs of a batch, merged into one stream keyed by batch id so one processor sees them in order. */
sealed interface QuarantineInput {
    record RecordIn(TrainingRecord record) implements QuarantineInput {}

    record ManifestIn(BatchManifest manifest) implements QuarantineInput {}

    record DecisionIn(OperatorDecision decision) implements QuarantineInput {}
}
