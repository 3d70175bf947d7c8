package dev.lazaret.detectors.poisoning;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * One frequent-items sketch per feature. Memory is bounded by the map size per feature; counts are exact until a
 * feature has more than 0.75 x map size distinct keys, then each count is within {@code 3.5 / mapSize} of the stream.
 */
final class TokenSketches {
    private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

    private final int mapSize;
    private final TreeMap<String, ItemsSketch<String>> sketches = new TreeMap<>();

    TokenSketches(int mapSize) {
        this.mapSize = mapSize;
    }

    void add(String feature, String key) {
        sketches.computeIfAbsent(feature, f -> new ItemsSketch<>(mapSize)).update(key);
    }

    Map<String, ItemsSketch<String>> asMap() {
        return Collections.unmodifiableMap(sketches);
    }

    /** Point estimate of the count of {@code key} (0 when it is not tracked). */
    long estimate(String feature, String key) {
        ItemsSketch<String> s = sketches.get(feature);
        return s == null ? 0 : s.getEstimate(key);
    }

    /** Upper bound of the count of {@code key}: never below the true count, also for keys the sketch let go. */
    long upperBound(String feature, String key) {
        ItemsSketch<String> s = sketches.get(feature);
        return s == null ? 0 : s.getUpperBound(key);
    }

    void merge(TokenSketches other) {
        other.sketches.forEach((f, s) ->
                sketches.computeIfAbsent(f, k -> new ItemsSketch<>(mapSize)).merge(s));
    }

    void write(StateWriter w) {
        w.writeInt(sketches.size());
        sketches.forEach((f, s) -> w.writeString(f).writeBytes(s.toByteArray(SERDE)));
    }

    static TokenSketches read(StateReader r, int mapSize) {
        TokenSketches t = new TokenSketches(mapSize);
        int n = r.readCount(1 << 20);
        for (int i = 0; i < n; i++) {
            t.sketches.put(r.readString(), ItemsSketch.getInstance(Memory.wrap(r.readBytes()), SERDE));
        }
        return t;
    }
}
