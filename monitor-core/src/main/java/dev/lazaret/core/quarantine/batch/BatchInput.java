package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;

/** The three inputs of a batch, merged into one stream keyed by batch id so one processor sees them in order. */
public sealed interface BatchInput {
    /** The batch this input belongs to. */
    String batchId();

    record RecordIn(TrainingRecord record) implements BatchInput {
        @Override
        public String batchId() {
            return record.batchId();
        }
    }

    record ManifestIn(BatchManifest manifest) implements BatchInput {
        @Override
        public String batchId() {
            return manifest.batchId();
        }
    }

    record DecisionIn(OperatorDecision decision) implements BatchInput {
        @Override
        public String batchId() {
            return decision.batchId();
        }
    }
}
