package dev.lazaret.core.drift.internal;

import dev.lazaret.core.drift.StateCells;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A write-back cache of live objects in front of a persistent, logged key-value store: {@link #put} keeps the object
 * and encodes it only when the task commits. Encoding a window's sketches on every event was the drift path's
 * largest cost (docs/benchmarks.md); now a window is encoded once per commit interval.
 *
 * <p>Why this is exactly-once safe: Kafka Streams calls {@link CachedStateStore#flushCache()} on every store of a
 * task in {@code StreamTask.prepareCommit}, on every commit path (the commit interval, a requested commit, task
 * suspension on rebalance, clean close), before the record collector is flushed and before the transaction that
 * carries the consumed offsets commits. The write-back puts therefore go to the changelog inside the same
 * transaction as the offsets of every record whose effect they hold; this is the mechanism of Kafka Streams' own
 * record cache. On a crash nothing unwritten survives: the transaction aborts, the store is restored from the
 * changelog and the records since the last commit are consumed again, so the lost cache is recomputed. A
 * punctuator would not do: a rebalance commits without punctuating. The hook is an internal interface, pinned with
 * kafka-streams; {@code WriteBackStoreTest} fails if a commit stops reaching it.
 *
 * <p>The cache holds only what changed since the last commit. Callers must {@link #put} again after each change to
 * an object, since a clean object is no longer tracked. Not thread-safe (one stream thread per task).
 */
public final class WriteBackStore implements StateStore, CachedStateStore<String, byte[]>, StateCells {

    private final KeyValueStore<String, byte[]> inner;
    /**
     * Changed since the last commit; a null value is a pending delete. Replaced rather than cleared at each write:
     * a HashMap keeps the table of its largest size, and iterating (and clearing) it costs that table's length, so
     * one commit interval with many changes would otherwise tax every later commit. (In the drift bench's profile
     * the iteration is a fifth to a quarter of the write-back's samples either way: most of it walks live entries,
     * one pending-join half per event.)
     */
    private Map<String, Encodable> dirty = new HashMap<>();

    public WriteBackStore(KeyValueStore<String, byte[]> inner) {
        this.inner = inner;
    }

    /** A builder of a persistent, logged store of String keys behind the cache. */
    public static StoreBuilder<WriteBackStore> builder(String name) {
        return new Builder(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray()));
    }

    /**
     * The value of {@code key}: the object put since the last commit, else the stored bytes decoded; null when
     * absent or deleted. A key space must hold one type only, the one {@code decoder} makes.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends Encodable> T get(String key, Function<byte[], T> decoder) {
        if (dirty.containsKey(key)) {
            return (T) dirty.get(key);
        }
        byte[] bytes = inner.get(key);
        return bytes == null ? null : decoder.apply(bytes);
    }

    @Override
    public void put(String key, Encodable value) {
        dirty.put(key, value);
    }

    @Override
    public void delete(String key) {
        dirty.put(key, null);
    }

    /** Every live key, stored or not yet written, in order. */
    @Override
    public TreeSet<String> keys() {
        TreeSet<String> keys = new TreeSet<>();
        try (KeyValueIterator<String, byte[]> all = inner.all()) {
            while (all.hasNext()) {
                keys.add(all.next().key);
            }
        }
        dirty.forEach((k, v) -> {
            if (v == null) {
                keys.remove(k);
            } else {
                keys.add(k);
            }
        });
        return keys;
    }

    /** Visits every live entry (stored entries decoded); the action must not change the store. */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends Encodable> void forEach(Function<byte[], T> decoder, BiConsumer<String, T> action) {
        try (KeyValueIterator<String, byte[]> all = inner.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (!dirty.containsKey(entry.key)) {
                    action.accept(entry.key, decoder.apply(entry.value));
                }
            }
        }
        dirty.forEach((k, v) -> {
            if (v != null) {
                action.accept(k, (T) v);
            }
        });
    }

    private void writeBack() {
        for (Map.Entry<String, Encodable> e : dirty.entrySet()) {
            if (e.getValue() == null) {
                inner.delete(e.getKey());
            } else {
                inner.put(e.getKey(), e.getValue().encode());
            }
        }
        dirty = new HashMap<>();
    }

    @Override
    public void flushCache() {
        writeBack();
    }

    @Override
    public void clearCache() {
        dirty = new HashMap<>();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        dirty.clear();
        inner.init(context, root);
    }

    @Override
    public void flush() {
        writeBack();
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        // A clean close commits first (flushCache); an unclean one must not write what no transaction covers.
        dirty.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public org.apache.kafka.streams.query.Position getPosition() {
        return inner.getPosition();
    }

    private static final class Builder implements StoreBuilder<WriteBackStore> {
        private final StoreBuilder<KeyValueStore<String, byte[]>> inner;

        Builder(StoreBuilder<KeyValueStore<String, byte[]>> inner) {
            this.inner = inner;
        }

        @Override
        public StoreBuilder<WriteBackStore> withCachingEnabled() {
            throw new UnsupportedOperationException("the write-back store is the cache");
        }

        @Override
        public StoreBuilder<WriteBackStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<WriteBackStore> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<WriteBackStore> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public WriteBackStore build() {
            return new WriteBackStore(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
