package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The label-consistency votes of a batch, kept for at most {@link #MAX_CONTENTS} distinct row contents: those with the
 * smallest content hashes (a bottom-k sample), each with how often it occurred.
 *
 * <p>Why a sample: a vote searches the reference's whole neighbour sample (1,000 partial distances per row), the
 * largest single cost of judging a 100,000-row batch when every row voted. Ten thousand distinct contents already resolve a 2-point excess of
 * outvoted rows; below that every row votes, so batches of the sizes the real-data evaluation measures are unchanged.
 *
 * <p>Why by content hash: the sample is then a function of the batch's rows alone, not of their order or of how they
 * were split into chunks or partitions, and a content once dropped never returns (the threshold only falls), so the
 * count of each kept content is exact. Merging two samples and keeping the smallest hashes gives the sample of the
 * union. A poisoner who knows the hash function could choose rows whose hashes fall outside the sample of a large
 * batch; the label-flip and class-centroid checks still see every row.
 *
 * <p>Strongly outvoted rows (at most {@link #STRONGLY_OUTVOTED} of their K neighbours share their label) also keep
 * their label and values ({@link OutvotedRow}), for {@code backdoor-trigger}'s count of (feature, value, label) among
 * them: the {@link #MAX_OUTVOTED} such contents with the smallest hashes, so again a function of the rows alone (a
 * content whose values were let go never returns: the contents with smaller hashes that pushed it out stay as long as
 * it would).
 */
final class VoteSample {
    static final int MAX_CONTENTS = 10_000;
    /** Strongly outvoted contents that keep their values. */
    static final int MAX_OUTVOTED = 1_000;
    /**
     * A row is strongly outvoted when at most this many of its K nearest reference rows share its label. On
     * {@code segment} 8% of the reference's rows are outvoted by their own neighbours but only 2% this strongly, while
     * 95% of relabelled rows are: a planted label stands out four times better against the natural ones.
     */
    static final int STRONGLY_OUTVOTED = 1;

    /** An outvoted row's label and values ({@link NeighbourSample#values}), with how often its content occurred. */
    record OutvotedRow(String label, Map<String, Object> values, long count) {
        OutvotedRow withCount(long c) {
            return new OutvotedRow(label, values, c);
        }
    }

    /**
     * {@code label}: the content's label, for the per-class part of {@code label-consistency}; {@code row}: the label
     * and values of an outvoted content among the {@code maxOutvoted} kept, else null.
     */
    private record Entry(int own, boolean disagrees, long count, String label, OutvotedRow row) {
        Entry plus(long more) {
            return new Entry(own, disagrees, count + more, label, row == null ? null : row.withCount(count + more));
        }
    }

    private final int capacity;
    private final int maxOutvoted;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    /** Hashes of the entries that keep an outvoted row's values. */
    private final TreeSet<Long> withValues = new TreeSet<>();

    VoteSample() {
        this(MAX_CONTENTS, MAX_OUTVOTED);
    }

    VoteSample(int capacity, int maxOutvoted) {
        if (capacity < 1 || maxOutvoted < 0) {
            throw new IllegalArgumentException(
                    "capacity must be positive and maxOutvoted not negative, were " + capacity + ", " + maxOutvoted);
        }
        this.capacity = capacity;
        this.maxOutvoted = maxOutvoted;
    }

    /** Whether a vote leaves the row strongly outvoted. */
    static boolean stronglyOutvoted(int own) {
        return own <= STRONGLY_OUTVOTED;
    }

    /**
     * Counts one row with content hash {@code hash} and label {@code label} (part of the content); computes its vote
     * only when the content enters the sample, and takes its values only when its neighbours strongly outvote it and
     * they are kept.
     *
     * @return whether the row is in the sample
     */
    boolean offer(long hash, String label, Supplier<LabelConsistency.Vote> vote, Supplier<OutvotedRow> outvoted) {
        Entry seen = entries.get(hash);
        if (seen != null) {
            entries.put(hash, seen.plus(1));
            return true;
        }
        if (entries.size() >= capacity && hash > entries.lastKey()) {
            return false;
        }
        LabelConsistency.Vote v = vote.get();
        boolean keepValues = stronglyOutvoted(v.own())
                && (withValues.size() < maxOutvoted || (maxOutvoted > 0 && hash < withValues.last()));
        OutvotedRow row = keepValues ? outvoted.get().withCount(1) : null;
        entries.put(hash, new Entry(v.own(), v.disagrees(), 1, label, row));
        if (row != null) {
            withValues.add(hash);
        }
        trim();
        return entries.containsKey(hash);
    }

    void merge(VoteSample other) {
        other.entries.forEach((hash, e) -> {
            Entry merged = entries.merge(
                    hash,
                    e,
                    (a, b) -> new Entry(
                                    a.own(), a.disagrees(), a.count(), a.label(), a.row() != null ? a.row() : b.row())
                            .plus(b.count()));
            if (merged.row() != null) {
                withValues.add(hash);
            }
        });
        trim();
    }

    /** The strongly outvoted rows that kept their values, each with its count. */
    List<OutvotedRow> outvotedRows() {
        List<OutvotedRow> out = new ArrayList<>(withValues.size());
        withValues.forEach(h -> out.add(entries.get(h).row()));
        return out;
    }

    /**
     * The rows {@link #outvotedRows} speaks for: every row in the sample while each strongly outvoted content kept
     * its values, else the rows of the contents with hashes up to the largest that kept them (a bottom-k sample of
     * the voting rows, every strongly outvoted one of which is counted).
     */
    long outvotedExposure() {
        long outvoted =
                entries.values().stream().filter(e -> stronglyOutvoted(e.own())).count();
        if (outvoted == withValues.size()) {
            return rows();
        }
        if (withValues.isEmpty()) {
            // a sample that keeps no values speaks for no rows
            return 0;
        }
        return entries.headMap(withValues.last(), true).values().stream()
                .mapToLong(Entry::count)
                .sum();
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

    /**
     * Per own vote (index 0..K), the sum of the squared counts of the sample's contents: with {@link #ownVotes()}, the
     * variance of a mean over a sample of contents ({@link LabelConsistency.Votes#effectiveRows}).
     */
    long[] ownSquaredCopies() {
        long[] histogram = new long[LabelConsistency.K + 1];
        entries.values().forEach(e -> histogram[e.own()] += e.count() * e.count());
        return histogram;
    }

    /** {@link #ownSquaredCopies()} by label. */
    Map<String, long[]> ownSquaredCopiesByLabel() {
        Map<String, long[]> out = new TreeMap<>();
        entries.values()
                .forEach(e -> out.computeIfAbsent(e.label(), l -> new long[LabelConsistency.K + 1])[e.own()] +=
                        e.count() * e.count());
        return out;
    }

    /** Rows in the sample by label, then by own votes (index 0..K). */
    Map<String, long[]> ownVotesByLabel() {
        Map<String, long[]> out = new TreeMap<>();
        entries.values()
                .forEach(e ->
                        out.computeIfAbsent(e.label(), l -> new long[LabelConsistency.K + 1])[e.own()] += e.count());
        return out;
    }

    /** Whether contents were left out (the batch has more distinct contents than the sample holds). */
    boolean full() {
        return entries.size() >= capacity;
    }

    int contents() {
        return entries.size();
    }

    /**
     * The entries' distinct labels once; every entry (hash, own votes, outvoted, count, index of its label); then the
     * feature names of the kept outvoted rows once, and per such row its hash, label and one value per name ({@link
     * NeighbourSample#writeValue}).
     */
    void write(StateWriter w) {
        List<String> labels = new ArrayList<>(
                new TreeSet<>(entries.values().stream().map(Entry::label).toList()));
        Map<String, Integer> index = new TreeMap<>();
        w.writeInt(labels.size());
        for (String label : labels) {
            index.put(label, index.size());
            w.writeString(label);
        }
        w.writeInt(entries.size());
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            w.writeLong(e.getKey())
                    .writeByte(e.getValue().own())
                    .writeByte(e.getValue().disagrees() ? 1 : 0)
                    .writeLong(e.getValue().count())
                    .writeInt(index.get(e.getValue().label()));
        }
        TreeSet<String> names = new TreeSet<>();
        withValues.forEach(h -> names.addAll(entries.get(h).row().values().keySet()));
        w.writeInt(names.size());
        names.forEach(w::writeString);
        w.writeInt(withValues.size());
        for (long h : withValues) {
            OutvotedRow row = entries.get(h).row();
            w.writeLong(h).writeString(row.label());
            names.forEach(f -> NeighbourSample.writeValue(w, row.values().get(f)));
        }
    }

    static VoteSample read(StateReader r) {
        VoteSample sample = new VoteSample();
        String[] labels = new String[r.readCount(MAX_CONTENTS)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.readString();
        }
        int n = r.readCount(MAX_CONTENTS);
        for (int i = 0; i < n; i++) {
            long hash = r.readLong();
            int own = r.readByte();
            int disagrees = r.readByte();
            long count = r.readLong();
            int label = r.readInt();
            if (own < 0
                    || own > LabelConsistency.K
                    || (disagrees != 0 && disagrees != 1)
                    || count < 1
                    || label < 0
                    || label >= labels.length) {
                throw r.invalid(
                        "invalid vote entry: own %d, disagrees %d, count %d, label %d of %d",
                        own, disagrees, count, label, labels.length);
            }
            if (sample.entries.put(hash, new Entry(own, disagrees == 1, count, labels[label], null)) != null) {
                throw r.invalid("vote entry %d repeated", hash);
            }
        }
        String[] names = new String[r.readCount(1 << 16)];
        for (int j = 0; j < names.length; j++) {
            names[j] = r.readString();
        }
        int rows = r.readCount(MAX_OUTVOTED);
        for (int i = 0; i < rows; i++) {
            long hash = r.readLong();
            String label = r.readString();
            Map<String, Object> values = new TreeMap<>();
            for (String f : names) {
                Object v = NeighbourSample.readValue(r);
                if (v != null) {
                    values.put(f, v);
                }
            }
            Entry e = sample.entries.get(hash);
            if (e == null || !stronglyOutvoted(e.own()) || !label.equals(e.label()) || !sample.withValues.add(hash)) {
                throw r.invalid("outvoted values for %d, which is not a strongly outvoted vote entry or repeats", hash);
            }
            sample.entries.put(
                    hash,
                    new Entry(e.own(), e.disagrees(), e.count(), e.label(), new OutvotedRow(label, values, e.count())));
        }
        return sample;
    }

    private void trim() {
        while (entries.size() > capacity) {
            withValues.remove(entries.pollLastEntry().getKey());
        }
        while (withValues.size() > maxOutvoted) {
            long h = withValues.pollLast();
            Entry e = entries.get(h);
            entries.put(h, new Entry(e.own(), e.disagrees(), e.count(), e.label(), null));
        }
    }
}
