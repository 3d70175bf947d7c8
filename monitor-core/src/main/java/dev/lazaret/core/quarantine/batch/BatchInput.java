package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import java.util.Arrays;

/** The three inputs of a batch, merged into one stream keyed by batch id so one processor sees them in order. */
public sealed interface BatchInput {
    /** The batch this input belongs to. */
    String batchId();

    /** The dataset this input names, or {@code null} for an operator decision, which names none. */
    String dataset();

    /**
     * A validated record in its canonical form, the bytes that are hashed, stored and released: computed once where the
     * record is parsed, so the repartitions between the parse step and the lifecycle carry bytes, not a record to
     * serialise and parse again at each hop.
     */
    record RecordIn(String batchId, String dataset, long seq, byte[] canonical) implements BatchInput {
        public static RecordIn of(TrainingRecord record) {
            return new RecordIn(record.batchId(), record.dataset(), record.seq(), CanonicalForms.record(record));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RecordIn r
                    && batchId.equals(r.batchId)
                    && dataset.equals(r.dataset)
                    && seq == r.seq
                    && Arrays.equals(canonical, r.canonical);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * batchId.hashCode() + Long.hashCode(seq)) + Arrays.hashCode(canonical);
        }

        @Override
        public String toString() {
            return "RecordIn[batchId=" + batchId + ", dataset=" + dataset + ", seq=" + seq + ", " + canonical.length
                    + " bytes]";
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
