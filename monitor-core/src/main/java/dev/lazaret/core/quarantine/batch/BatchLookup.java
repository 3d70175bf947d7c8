package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import java.util.List;

/**
 * What the lifecycle may read: the processor answers from its state stores, a test from maps. Writes never go through
 * here; they are {@link BatchCommand}s.
 */
public interface BatchLookup {
    /** The final verdict of a batch id decided before, or {@code null}. */
    Verdict decided(String batchId);

    /** Whether the records store holds {@code key}. */
    boolean hasRecord(String key);

    /** Up to {@code limit} records with keys in {@code [from, to)}, in key order. */
    default Chunk records(String from, String to, int limit) {
        return records(from, to, limit, Long.MAX_VALUE);
    }

    /**
     * Up to {@code limit} records with keys in {@code [from, to)}, in key order, ending with the first record that
     * brings their canonical bytes to {@code maxBytes} or more (so at least one, when the range has any).
     */
    Chunk records(String from, String to, int limit, long maxBytes);

    /** Work in progress under {@code key}, or {@code null}. */
    byte[] work(String key);

    /** The dataset's replay filter, or {@code null} when it has none yet. */
    byte[] filter(String dataset);

    /** The dataset's trusted reference, or {@code null}. */
    ReferenceBundle reference(String dataset);

    /** One stored record. */
    record Stored(String key, byte[] canonical) {}

    /**
     * A slice of the records store.
     *
     * @param exhausted whether the range has no records after these
     */
    record Chunk(List<Stored> records, boolean exhausted) {
        public Chunk {
            records = List.copyOf(records);
        }
    }
}
