package dev.lazaret.detectors.poisoning;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded, mergeable sample of labelled reference rows for {@code label-consistency}: the {@code capacity} rows with
 * the smallest content hash (a bottom-k sample: the same rows whatever the order or partitioning they arrive in, and
 * two samples merge into the sample of the union). Each row keeps the values of the reference's binned features and
 * its label. Size: capacity x (features + 1) values.
 *
 * <p>The {@link #NEIGHBOURS} rows with the smallest hashes are the neighbours batch rows vote among ({@link
 * #entries()}); the rest are held out ({@link #heldOut()}): reference rows that are not among the neighbours, which
 * vote among them as a clean batch's rows would, so the rate a batch is compared with is measured the way the batch's
 * is. A sample read from a state of capacity {@link #NEIGHBOURS} (written before rows were held out) has none.
 */
final class NeighbourSample {
    /** Rows batch rows vote among: enough for the reference's own disagreement rate to within about ±1.5% at 5%. */
    static final int NEIGHBOURS = 1_000;
    /** Default size: the neighbours and as many held-out rows. */
    static final int CAPACITY = 2 * NEIGHBOURS;

    private final int capacity;
    private final TreeMap<Long, Entry> rows = new TreeMap<>();
    /** How often each kept content occurred: the reference's duplicate structure, for the duplicate-flood null. */
    private final TreeMap<Long, Long> counts = new TreeMap<>();

    record Entry(Map<String, Object> features, String label) {}

    NeighbourSample(int capacity) {
        this.capacity = capacity;
    }

    void add(FeatureBins bins, LabeledRow row) {
        add(bins, row, RowFingerprints.contentHash(row)[0]);
    }

    /** @param hash the first half of the row's content hash ({@link RowFingerprints#contentHash}) */
    void add(FeatureBins bins, LabeledRow row, long hash) {
        if (rows.containsKey(hash)) {
            counts.merge(hash, 1L, Long::sum);
            return;
        }
        if (rows.size() >= capacity && hash >= rows.lastKey()) {
            return;
        }
        rows.put(hash, new Entry(values(bins, row), row.label()));
        counts.put(hash, 1L);
        trim();
    }

    /**
     * The values a sample keeps of a row: finite numbers of the binned numeric features as doubles, and the binned
     * categorical features' values as tokens ({@link RowFingerprints#token}); anything else is left out.
     */
    static Map<String, Object> values(FeatureBins bins, LabeledRow row) {
        Map<String, Object> kept = new TreeMap<>();
        for (String f : bins.numericFeatures()) {
            if (row.features().get(f) instanceof Number n && Double.isFinite(n.doubleValue())) {
                kept.put(f, n.doubleValue());
            }
        }
        for (String f : bins.categoricalFeatures()) {
            Object v = row.features().get(f);
            if (v != null) {
                kept.put(f, RowFingerprints.token(v));
            }
        }
        return kept;
    }

    /** Writes one kept value ({@link #values}, or {@code null}): a kind byte (0 absent, 1 number, 2 token), then it. */
    static void writeValue(StateWriter w, Object v) {
        if (v == null) {
            w.writeByte(0);
        } else if (v instanceof Double d) {
            w.writeByte(1).writeDouble(d);
        } else {
            w.writeByte(2).writeString((String) v);
        }
    }

    /** Reads a value {@link #writeValue} wrote: {@code null} when absent. */
    static Object readValue(StateReader r) {
        int kind = r.readByte();
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.readDouble();
            case 2 -> r.readString();
            default -> throw r.invalid("sample value kind %d is not 0, 1 or 2", kind);
        };
    }

    private void trim() {
        while (rows.size() > capacity) {
            counts.remove(rows.pollLastEntry().getKey());
        }
    }

    void merge(NeighbourSample other) {
        other.rows.forEach((h, e) -> {
            if (rows.containsKey(h) || rows.size() < capacity || h < rows.lastKey()) {
                rows.putIfAbsent(h, e);
                counts.merge(h, other.counts.get(h), Long::sum);
                trim();
            }
        });
    }

    /** The neighbours: the kept rows with the {@link #NEIGHBOURS} smallest hashes, in hash order. */
    List<Entry> entries() {
        return rows.values().stream().limit(NEIGHBOURS).toList();
    }

    /** How often each entry's content occurred, in the order of {@link #entries()}. */
    List<Long> counts() {
        return rows.keySet().stream().limit(NEIGHBOURS).map(counts::get).toList();
    }

    /** The kept rows after the neighbours, in hash order: none until the sample holds more than the neighbours. */
    List<Entry> heldOut() {
        return rows.values().stream().skip(NEIGHBOURS).toList();
    }

    /** How often each held-out row's content occurred, in the order of {@link #heldOut()}. */
    List<Long> heldOutCounts() {
        return rows.keySet().stream().skip(NEIGHBOURS).map(counts::get).toList();
    }

    /**
     * The expected number of repeated rows (rows minus distinct contents) among {@code n} new rows of the reference's
     * population of {@code totalRows} rows, and a variance for the difference between a batch's count and that
     * expectation: {expected, variance}. Estimated by the expected number of equal pairs, C(n, 2) q, where q = sum c_i
     * (c_i - 1) / (N (N - 1)) is the unbiased estimate of the chance that two rows have equal content (a content seen
     * once contributes nothing: continuous data does not repeat). Pairs count each repeat at least once, so this errs
     * towards expecting more repeats.
     *
     * <p>The variance is that of equal-pair counts as U-statistics (Hoeffding), for the batch's n rows and for the
     * estimate from the reference's N: C(n, 2)^2 (4 zeta1 (1/n + 1/N) + 2 q (1 - q) (1/(n (n - 1)) + 1/(N (N - 1)))),
     * with zeta1 = sum p^3 - q^2 (sum p^3 estimated by sum c_i (c_i - 1) (c_i - 2) / (N (N - 1) (N - 2))). The q terms
     * alone are the Poisson variance of a batch's pairs around a known q; the zeta1 terms are what the Poisson variance
     * missed: rows of a common content repeat together, and a reference of a few hundred rows pins q only loosely. On
     * {@code vote} (217 reference rows, 200-row batches) the Poisson variance held clean batches of 1 of 30 random
     * splits at 42 repeats against 25.2 expected (sd 5.0).
     *
     * <p>Once the sample is full, the sums over its contents are scaled up by the bottom-k estimate of the number of
     * distinct contents.
     */
    double[] expectedRepeats(long n, long totalRows) {
        if (rows.isEmpty() || totalRows <= 1 || n <= 1) {
            return new double[] {0, 0};
        }
        double scale = distinctContents() / rows.size();
        double pairs = 0;
        double triples = 0;
        for (long c : counts.values()) {
            pairs += c * (double) (c - 1);
            triples += c * (double) (c - 1) * (c - 2);
        }
        double bigN = totalRows;
        double q = Math.min(1, scale * pairs / (bigN * (bigN - 1)));
        double cubes = totalRows > 2 ? Math.min(1, scale * triples / (bigN * (bigN - 1) * (bigN - 2))) : q;
        double zeta1 = Math.max(0, cubes - q * q);
        double batchPairs = n * (n - 1) / 2.0;
        double expected = batchPairs * q;
        double variance = batchPairs
                * batchPairs
                * (4 * zeta1 * (1.0 / n + 1 / bigN)
                        + 2 * q * (1 - q) * (1 / (n * (n - 1.0)) + 1 / (bigN * (bigN - 1))));
        return new double[] {expected, variance};
    }

    /**
     * Distinct contents of the reference: the sample's size until it is full, then the bottom-k estimate {@code (k -
     * 1) / u}, u the largest kept hash as a share of the hash range.
     */
    double distinctContents() {
        if (rows.size() < capacity) {
            return rows.size();
        }
        double u = (rows.lastKey() - (double) Long.MIN_VALUE) / 0x1p64;
        return (rows.size() - 1) / u;
    }

    /**
     * Rows of the reference the sample's contents stand for: their counts' sum until the sample is full, then that sum
     * scaled by {@link #distinctContents()} over the kept contents.
     */
    double rowsRepresented() {
        double kept = 0;
        for (long c : counts.values()) {
            kept += c;
        }
        return rows.isEmpty() ? 0 : kept * (distinctContents() / rows.size());
    }

    /**
     * How often the reference held the content with this hash, where the sample can tell: a bottom-k sample keeps every
     * content whose hash is below its largest kept hash, so below it an absent content occurred 0 times; above it, once
     * the sample is full, the count is unknown (empty).
     */
    java.util.OptionalLong contentCount(long hash) {
        Long c = counts.get(hash);
        if (c != null) {
            return java.util.OptionalLong.of(c);
        }
        return rows.size() < capacity || hash < rows.lastKey()
                ? java.util.OptionalLong.of(0)
                : java.util.OptionalLong.empty();
    }

    /** How often each kept content occurred in the reference, by content hash. */
    Map<Long, Long> contentCounts() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    int size() {
        return rows.size();
    }

    int capacity() {
        return capacity;
    }

    /** Feature names once, then per row one kind byte (0 absent, 1 number, 2 token) and the value per feature. */
    void write(StateWriter w) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        rows.values().forEach(e -> names.addAll(e.features().keySet()));
        w.writeInt(capacity).writeInt(names.size());
        names.forEach(w::writeString);
        w.writeInt(rows.size());
        rows.forEach((h, e) -> {
            w.writeLong(h).writeLong(counts.get(h)).writeString(e.label());
            for (String f : names) {
                writeValue(w, e.features().get(f));
            }
        });
    }

    static NeighbourSample read(StateReader r) {
        NeighbourSample s = new NeighbourSample(r.readCount(1 << 20));
        String[] names = new String[r.readCount(1 << 16)];
        for (int j = 0; j < names.length; j++) {
            names[j] = r.readString();
        }
        int n = r.readCount(s.capacity);
        for (int i = 0; i < n; i++) {
            long h = r.readLong();
            long count = r.readLong();
            if (count < 1) {
                throw r.invalid("sample row count %d < 1", count);
            }
            String label = r.readString();
            Map<String, Object> features = new TreeMap<>();
            for (String f : names) {
                Object v = readValue(r);
                if (v != null) {
                    features.put(f, v);
                }
            }
            s.rows.put(h, new Entry(features, label));
            s.counts.put(h, count);
        }
        return s;
    }
}
