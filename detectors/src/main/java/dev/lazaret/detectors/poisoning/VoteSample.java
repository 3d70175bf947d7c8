package dev.lazaret.detectors.poisoning;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The label-consistency votes of a batch, kept for at most {@link #MAX_CONTENTS} distinct row contents: those with the
 * smallest content hashes (a bottom-k sample), each with how often it occurred.
 *
 * <p>Why a sample: a vote searches the reference's neighbour sample (about 30 µs per row), which made it the largest
 * single cost of judging a 100,000-row batch. Ten thousand distinct contents already resolve a 2-point excess of
 * outvoted rows; below that every row votes, so batches of the sizes the real-data evaluation measures are unchanged.
 *
 * <p>Why by content hash: the sample is then a function of the batch's rows alone, not of their order or of how they
 * were split into chunks or partitions, and a content once dropped never returns (the threshold only falls), so the
 * count of each kept content is exact. Merging two samples and keeping the smallest hashes gives the sample of the
 * union. A poisoner who knows the hash function could choose rows whose hashes fall outside the sample of a large
 * batch; the label-flip and class-centroid checks still see every row.
 */
final class VoteSample {
    static final int MAX_CONTENTS = 10_000;

    private record Entry(int own, boolean disagrees, long count) {}

    private final int capacity;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();

    VoteSample() {
        this(MAX_CONTENTS);
    }

    VoteSample(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Counts one row with content hash {@code hash}; computes its vote only when the content enters the sample.
     *
     * @return whether the row is in the sample
     */
    boolean offer(long hash, Supplier<LabelConsistency.Vote> vote) {
        Entry seen = entries.get(hash);
        if (seen != null) {
            entries.put(hash, new Entry(seen.own(), seen.disagrees(), seen.count() + 1));
            return true;
        }
        if (entries.size() >= capacity && hash > entries.lastKey()) {
            return false;
        }
        LabelConsistency.Vote v = vote.get();
        entries.put(hash, new Entry(v.own(), v.disagrees(), 1));
        trim();
        return entries.containsKey(hash);
    }

    void merge(VoteSample other) {
        other.entries.forEach((hash, e) ->
                entries.merge(hash, e, (a, b) -> new Entry(a.own(), a.disagrees(), a.count() + b.count())));
        trim();
    }

    /** Rows in the sample, every occurrence of a kept content counted. */
    long rows() {
        return entries.values().stream().mapToLong(Entry::count).sum();
    }

    /** Rows in the sample outvoted by their neighbours. */
    long disagreements() {
        return entries.values().stream()
                .filter(Entry::disagrees)
                .mapToLong(Entry::count)
                .sum();
    }

    /** Rows in the sample by own votes (index 0..K). */
    long[] ownVotes() {
        long[] histogram = new long[LabelConsistency.K + 1];
        entries.values().forEach(e -> histogram[e.own()] += e.count());
        return histogram;
    }

    /** Whether contents were left out (the batch has more distinct contents than the sample holds). */
    boolean full() {
        return entries.size() >= capacity;
    }

    int contents() {
        return entries.size();
    }

    void write(StateWriter w) {
        w.writeInt(entries.size());
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            w.writeLong(e.getKey())
                    .writeByte(e.getValue().own())
                    .writeByte(e.getValue().disagrees() ? 1 : 0)
                    .writeLong(e.getValue().count());
        }
    }

    static VoteSample read(StateReader r) {
        VoteSample sample = new VoteSample();
        int n = r.readCount(MAX_CONTENTS);
        for (int i = 0; i < n; i++) {
            long hash = r.readLong();
            int own = r.readByte();
            int disagrees = r.readByte();
            long count = r.readLong();
            if (own < 0 || own > LabelConsistency.K || (disagrees != 0 && disagrees != 1) || count < 1) {
                throw r.invalid("invalid vote entry: own %d, disagrees %d, count %d", own, disagrees, count);
            }
            if (sample.entries.put(hash, new Entry(own, disagrees == 1, count)) != null) {
                throw r.invalid("vote entry %d repeated", hash);
            }
        }
        return sample;
    }

    private void trim() {
        while (entries.size() > capacity) {
            entries.pollLastEntry();
        }
    }
}
