package dev.lazaret.core.quarantine.batch;

import dev.lazaret.detectors.poisoning.RecordBloomFilter;

/** A dataset's replay filter as stored, or a fresh one of the configured capacity when it has none yet. */
record ReplayFilters(long capacity) {
    private static final double FALSE_POSITIVE_RATE = 0.001;

    RecordBloomFilter load(BatchLookup lookup, String dataset) {
        byte[] bytes = lookup.filter(dataset);
        return bytes != null
                ? RecordBloomFilter.decode(bytes)
                : RecordBloomFilter.withCapacity(capacity, FALSE_POSITIVE_RATE);
    }
}
