package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.quarantine.batch.BatchLookup;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The lifecycle's reads, answered from the processor's state stores. */
final class StoreLookup implements BatchLookup {
    private final KeyValueStore<String, byte[]> records;
    private final KeyValueStore<String, byte[]> work;
    private final KeyValueStore<String, String> decided;
    private final KeyValueStore<String, byte[]> filters;
    private final KeyValueStore<String, byte[]> references;

    StoreLookup(
            KeyValueStore<String, byte[]> records,
            KeyValueStore<String, byte[]> work,
            KeyValueStore<String, String> decided,
            KeyValueStore<String, byte[]> filters,
            KeyValueStore<String, byte[]> references) {
        this.records = records;
        this.work = work;
        this.decided = decided;
        this.filters = filters;
        this.references = references;
    }

    @Override
    public Verdict decided(String batchId) {
        String name = decided.get(batchId);
        return name == null ? null : Verdict.valueOf(name);
    }

    @Override
    public boolean hasRecord(String key) {
        return records.get(key) != null;
    }

    @Override
    public Chunk records(String from, String to, int limit, long maxBytes) {
        List<Stored> chunk = new ArrayList<>();
        long bytes = 0;
        try (KeyValueIterator<String, byte[]> it = records.range(from, to)) {
            while (chunk.size() < limit && bytes < maxBytes && it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                chunk.add(new Stored(kv.key, kv.value));
                bytes += kv.value.length;
            }
            return new Chunk(chunk, !it.hasNext());
        }
    }

    @Override
    public byte[] work(String key) {
        return work.get(key);
    }

    @Override
    public byte[] filter(String dataset) {
        return filters.get(dataset);
    }

    @Override
    public ReferenceBundle reference(String dataset) {
        byte[] bytes = references.get(QuarantineTopics.referenceKey(dataset));
        return bytes == null ? null : ReferenceBundleCodec.decode(bytes);
    }
}
