package dev.lazaret.detectors.poisoning;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * First pass over approved rows: learns which features are numeric and their quantiles (one KLL sketch per numeric
 * feature, k = 200, normalised rank error about 1.3%), then yields {@link FeatureBins}. Not thread-safe. Memory is a few KB per
 * feature whatever the row count. Mergeable and encodable.
 */
public final class FeatureBinsAccumulator {
    private static final byte VERSION = 1;
    private static final byte KIND = 'Q';
    private static final int KLL_K = 200;
    private static final int MAX_FEATURES = 10_000;
    // interquartile range of a normal distribution in standard deviations: makes the spread comparable to a std
    private static final double IQR_PER_STD = 1.349;

    private final TreeMap<String, KllDoublesSketch> numeric = new TreeMap<>();
    // per feature: {rows with a Number, rows with a String or Boolean}
    private final TreeMap<String, long[]> kindCounts = new TreeMap<>();

    /** An empty accumulator. */
    public static FeatureBinsAccumulator create() {
        return new FeatureBinsAccumulator();
    }

    /** Adds one approved row. */
    public void update(LabeledRow row) {
        for (Map.Entry<String, Object> e : row.features().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            long[] kinds = kindCounts.get(e.getKey());
            if (kinds == null) {
                if (kindCounts.size() >= MAX_FEATURES) {
                    continue; // bounded: a schema explosion is the quality check's finding, not ours
                }
                kinds = new long[2];
                kindCounts.put(e.getKey(), kinds);
            }
            if (v instanceof Number n) {
                kinds[0]++;
                if (Double.isFinite(n.doubleValue())) {
                    numeric.computeIfAbsent(e.getKey(), k -> KllDoublesSketch.newHeapInstance(KLL_K))
                            .update(n.doubleValue());
                }
            } else {
                kinds[1]++;
            }
        }
    }

    /** Adds the state of {@code other} to this accumulator. */
    public void merge(FeatureBinsAccumulator other) {
        other.numeric.forEach((k, s) -> numeric.merge(k, s, (a, b) -> {
            a.merge(b);
            return a;
        }));
        other.kindCounts.forEach((k, c) -> {
            long[] mine = kindCounts.computeIfAbsent(k, x -> new long[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
    }

    /**
     * Bins with {@code binCount} equal-frequency bins per numeric feature (fewer where quantiles coincide). A feature
     * is numeric when most of its non-null values are numbers.
     */
    public FeatureBins toBins(int binCount) {
        if (binCount < 2) {
            throw new IllegalArgumentException(String.format("binCount must be >= 2, was %d", binCount));
        }
        Map<String, double[]> cuts = new TreeMap<>();
        Map<String, double[]> scales = new TreeMap<>();
        TreeSet<String> categorical = new TreeSet<>();
        kindCounts.forEach((feature, kinds) -> {
            KllDoublesSketch sketch = numeric.get(feature);
            if (kinds[0] >= kinds[1] && sketch != null && !sketch.isEmpty()) {
                double[] ranks = new double[binCount - 1];
                for (int i = 0; i < ranks.length; i++) {
                    ranks[i] = (i + 1) / (double) binCount;
                }
                double[] q = sketch.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE);
                cuts.put(feature, Arrays.stream(q).distinct().sorted().toArray());
                double[] quartiles =
                        sketch.getQuantiles(new double[] {0.25, 0.5, 0.75}, QuantileSearchCriteria.INCLUSIVE);
                double spread = (quartiles[2] - quartiles[0]) / IQR_PER_STD;
                if (spread > 0 && Double.isFinite(spread)) {
                    scales.put(feature, new double[] {quartiles[1], spread});
                }
            } else {
                categorical.add(feature);
            }
        });
        return FeatureBins.of(cuts, scales, categorical);
    }

    /** Encodes to a versioned byte array (version 1). */
    public byte[] encode() {
        StateWriter w = new StateWriter(VERSION, KIND);
        w.writeInt(kindCounts.size());
        kindCounts.forEach((k, c) -> w.writeString(k).writeLong(c[0]).writeLong(c[1]));
        w.writeInt(numeric.size());
        numeric.forEach((k, s) -> w.writeString(k).writeBytes(s.toByteArray()));
        return w.toByteArray();
    }

    /** Decodes {@link #encode()} output; throws {@link IllegalArgumentException} on anything else. */
    public static FeatureBinsAccumulator decode(byte[] bytes) {
        return StateReader.decode(bytes, "FeatureBinsAccumulator", VERSION, KIND, r -> {
            FeatureBinsAccumulator acc = new FeatureBinsAccumulator();
            int n = r.readCount(MAX_FEATURES);
            for (int i = 0; i < n; i++) {
                acc.kindCounts.put(r.readString(), new long[] {r.readLong(), r.readLong()});
            }
            int m = r.readCount(MAX_FEATURES);
            for (int i = 0; i < m; i++) {
                acc.numeric.put(r.readString(), KllDoublesSketch.heapify(Memory.wrap(r.readBytes())));
            }
            return acc;
        });
    }
}
