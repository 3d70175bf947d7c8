package dev.lazaret.core.drift;

import java.util.SortedSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The key-value state the model timeline keeps, without Kafka types: the topology backs it with a write-back store
 * ({@code drift.internal.WriteBackStore}), tests with a map. Values are live objects, encoded only when the backing
 * store writes them.
 */
public interface StateCells {

    /** A value the store can encode when it writes it. */
    interface Encodable {
        byte[] encode();
    }

    /**
     * The value of {@code key}, or null when absent. A key space must hold one type only, the one {@code decoder}
     * makes from stored bytes.
     */
    <T extends Encodable> T get(String key, Function<byte[], T> decoder);

    /** Sets a value; call again after changing a live value, or the change may not be written. */
    void put(String key, Encodable value);

    void delete(String key);

    /** Every live key, in order. */
    SortedSet<String> keys();

    /** Visits every live entry; the action must not change the cells. */
    <T extends Encodable> void forEach(Function<byte[], T> decoder, BiConsumer<String, T> action);
}
