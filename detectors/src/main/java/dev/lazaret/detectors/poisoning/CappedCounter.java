package dev.lazaret.detectors.poisoning;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Exact counts per key for at most {@code cap} keys; later new keys share the {@value #OTHER} count. */
final class CappedCounter {
    static final String OTHER = "<other>";

    private final int cap;
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private long total;

    CappedCounter(int cap) {
        this.cap = cap;
    }

    void add(String key, long n) {
        String k = counts.containsKey(key) || counts.size() < cap ? key : OTHER;
        counts.merge(k, n, Long::sum);
        total += n;
    }

    long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    long total() {
        return total;
    }

    Map<String, Long> asMap() {
        return Collections.unmodifiableMap(counts);
    }

    void merge(CappedCounter other) {
        other.counts.forEach(this::add);
    }

    void write(StateWriter w) {
        w.writeInt(counts.size());
        counts.forEach((k, v) -> w.writeString(k).writeLong(v));
    }

    static CappedCounter read(StateReader r, int cap) {
        CappedCounter c = new CappedCounter(cap);
        int n = r.readCount(cap + 1);
        for (int i = 0; i < n; i++) {
            String k = r.readString();
            long v = r.readLong();
            if (v < 0) {
                throw r.invalid("negative count %d for '%s'", v, k);
            }
            c.counts.put(k, v);
            c.total += v;
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CappedCounter other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }
}
