package dev.lazaret.core.drift;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoded references for one task. Decoding a profile of hundreds of sketches per event would dominate the cost, so
 * a decoded reference is reused for {@link #RECHECK_MS} of wall-clock time before the global store is read again;
 * a replaced reference takes effect within that time. A missing reference is looked up on every call, so the first
 * publication takes effect at once.
 */
final class ReferenceCache implements ModelTimeline.References {
    static final long RECHECK_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceCache.class);

    private record Entry(byte[] bytes, Reference reference, long checkedAtMs) {}

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final double outlierZ;
    private final Map<String, Entry> entries = new HashMap<>();

    ReferenceCache(ReadOnlyKeyValueStore<String, byte[]> store, double outlierZ) {
        this.store = store;
        this.outlierZ = outlierZ;
    }

    /** The reference of a dataset, or null when none has been published. */
    @Override
    public Reference get(String dataset, long wallClockMs) {
        Entry entry = entries.get(dataset);
        if (entry != null && wallClockMs - entry.checkedAtMs() < RECHECK_MS) {
            return entry.reference();
        }
        byte[] bytes = store.get(dataset);
        if (bytes == null) {
            entries.remove(dataset);
            return null;
        }
        if (entry != null && Arrays.equals(bytes, entry.bytes())) {
            entries.put(dataset, new Entry(bytes, entry.reference(), wallClockMs));
            return entry.reference();
        }
        try {
            Reference reference = Reference.fromStoreValue(bytes, outlierZ);
            entries.put(dataset, new Entry(bytes, reference, wallClockMs));
            return reference;
        } catch (RuntimeException e) {
            // The loader validated it; this only guards against a store written by another version.
            LOG.warn("reference of dataset '{}' cannot be used: {}", dataset, e.getMessage());
            return null;
        }
    }
}
