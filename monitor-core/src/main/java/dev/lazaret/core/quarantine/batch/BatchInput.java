package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;

/** The three inputs of a batch, merged into one stream keyed by batch id so one processor sees them in order. */
public sealed interface BatchInput {
    /** The batch this input belongs to. */
    String batchId();

    /** The dataset this input names, or {@code null} for an operator decision, which names none. */
    String dataset();

    record RecordIn(TrainingRecord record) implements BatchInput {
        @Override
        public String batchId() {
            return record.batchId();
        }

        @Override
        public String dataset() {
            return record.dataset();
        }
    }

    record ManifestIn(BatchManifest manifest) implements BatchInput {
        @Override
        public String batchId() {
            return manifest.batchId();
        }

        @Override
        public String dataset() {
            return manifest.dataset();
        }
    }

    record DecisionIn(OperatorDecision decision) implements BatchInput {
        @Override
        public String batchId() {
            return decision.batchId();
        }

        @Override
        public String dataset() {
            return null;
        }
    }
}
