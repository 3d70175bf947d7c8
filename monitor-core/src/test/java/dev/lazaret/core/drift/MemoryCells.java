package dev.lazaret.core.drift;

import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * State cells in a map for unit tests. Each put encodes the value and each get decodes it, so a test also proves
 * the state survives its byte layout (as a restored store would).
 */
final class MemoryCells implements StateCells {
    private final TreeMap<String, byte[]> bytes = new TreeMap<>();

    @Override
    public <T extends Encodable> T get(String key, Function<byte[], T> decoder) {
        byte[] value = bytes.get(key);
        return value == null ? null : decoder.apply(value);
    }

    @Override
    public void put(String key, Encodable value) {
        bytes.put(key, value.encode());
    }

    @Override
    public void delete(String key) {
        bytes.remove(key);
    }

    @Override
    public SortedSet<String> keys() {
        return new TreeSet<>(bytes.keySet());
    }

    @Override
    public <T extends Encodable> void forEach(Function<byte[], T> decoder, BiConsumer<String, T> action) {
        new TreeMap<>(bytes).forEach((k, v) -> action.accept(k, decoder.apply(v)));
    }
}
