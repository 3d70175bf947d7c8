package dev.lazaret.detectors.profile;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of (feature bin, label) pairs, the input for conditional label shift: a label flip shows as the label mix
 * inside a bin moving while the bin's share of traffic stays put.
 *
 * <p>Numeric features are binned by fixed edges taken from the reference (deciles by default, see {@link
 * #decileEdges(NumericProfile)}), so reference and window bins line up; categorical features are binned by category.
 * Memory is bounded: at most {@code maxBins} categorical bins and {@code maxLabels} labels are tracked, later arrivals
 * are folded into {@link #OTHER}. Missing feature values fall in {@link #MISSING}.
 *
 * <p>This is the one label-by-bin table of the project: the poisoning checks' per-feature table ({@code
 * poisoning.BinLabelTable}) holds one instance per feature, binned by its own reference bins through {@link
 * #add(String, String, long)} on a {@link #forCategorical categorical} instance.
 */
public final class LabelBinJointCounts {

    /** Bin or label that collects values past the tracking limit. */
    public static final String OTHER = "__other__";

    /** Bin for missing or non-finite feature values. */
    public static final String MISSING = "__missing__";

    private final double[] edges;
    private final int maxBins;
    private final int maxLabels;
    /**
     * Bin, then label, to count. Hash maps: every read of the whole table ({@link #counts}, {@link #labelCounts})
     * copies it into sorted maps, and equality and hash codes are those of the contents, so no result depends on the
     * order; a hash lookup per value is what {@link #add} costs.
     */
    private final Map<String, Map<String, Long>> counts = new HashMap<>();

    private final Map<String, Boolean> labels = new HashMap<>();
    /** Numeric bins' names by index, made on first use: a name is formatted once, not once per value. */
    private final String[] binNames;

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelBinJointCounts other
                && Arrays.equals(edges, other.edges)
                && maxBins == other.maxBins
                && maxLabels == other.maxLabels
                && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    private LabelBinJointCounts(double[] edges, int maxBins, int maxLabels) {
        this.edges = edges;
        this.binNames = edges == null ? null : new String[edges.length + 1];
        this.maxBins = maxBins;
        this.maxLabels = maxLabels;
    }

    /**
     * Creates joint counts for a numeric feature.
     *
     * @param edges strictly increasing, finite bin edges; bin i holds values in (edges[i-1], edges[i]]
     * @param maxLabels labels tracked before folding into {@link #OTHER}, in [2, 4096]
     * @return empty counts
     */
    public static LabelBinJointCounts forNumeric(double[] edges, int maxLabels) {
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) {
                throw new IllegalArgumentException(
                        String.format("edges must be finite and strictly increasing: %s", Arrays.toString(edges)));
            }
        }
        if (edges.length > 1000) {
            throw new IllegalArgumentException(String.format("at most 1000 edges: %d", edges.length));
        }
        checkLabels(maxLabels);
        return new LabelBinJointCounts(edges.clone(), edges.length + 2, maxLabels);
    }

    /**
     * Creates joint counts for a categorical feature.
     *
     * @param maxBins categories tracked before folding into {@link #OTHER}, in [1, 65536]
     * @param maxLabels labels tracked before folding into {@link #OTHER}, in [2, 4096]
     * @return empty counts
     */
    public static LabelBinJointCounts forCategorical(int maxBins, int maxLabels) {
        if (maxBins < 1 || maxBins > 1 << 16) {
            throw new IllegalArgumentException(String.format("maxBins must be in [1, 65536]: %d", maxBins));
        }
        checkLabels(maxLabels);
        return new LabelBinJointCounts(null, maxBins, maxLabels);
    }

    private static void checkLabels(int maxLabels) {
        if (maxLabels < 2 || maxLabels > 1 << 12) {
            throw new IllegalArgumentException(String.format("maxLabels must be in [2, 4096]: %d", maxLabels));
        }
    }

    /**
     * Returns the deduplicated reference deciles, the default numeric bin edges.
     *
     * @param reference a non-empty reference profile
     * @return up to 9 strictly increasing edges
     */
    public static double[] decileEdges(NumericProfile reference) {
        if (reference.count() == 0) {
            throw new IllegalArgumentException("cannot take deciles of an empty profile");
        }
        return Arrays.stream(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9})
                .map(reference::quantile)
                .map(v -> v + 0.0) // folds -0.0 into +0.0
                .distinct()
                .sorted()
                .toArray();
    }

    /** Returns whether this instance bins numeric values by edges. */
    public boolean isNumeric() {
        return edges != null;
    }

    /** Returns a copy of the numeric bin edges, or an empty array for a categorical feature. */
    public double[] edges() {
        return edges == null ? new double[0] : edges.clone();
    }

    /** Returns the categorical bin limit. */
    public int maxBins() {
        return maxBins;
    }

    /** Returns the label limit. */
    public int maxLabels() {
        return maxLabels;
    }

    /**
     * Counts one (feature value, label) pair.
     *
     * @param featureValue a Number for numeric features, any value (by its string form) for categorical ones, or null
     * @param label the label; null is counted as {@link #MISSING}
     */
    public void update(Object featureValue, Object label) {
        add(binOf(featureValue), labelOf(label), 1);
    }

    /**
     * Adds counts of another instance with the same binning.
     *
     * @param other joint counts with identical edges and limits
     */
    public void merge(LabelBinJointCounts other) {
        if (!Arrays.equals(edges, other.edges) || maxBins != other.maxBins || maxLabels != other.maxLabels) {
            throw new IllegalArgumentException("cannot merge joint counts with different binning or limits");
        }
        Map<String, Map<String, Long>> copy = other.counts();
        copy.forEach((bin, row) -> row.forEach((label, n) -> add(admitBin(bin), admitLabel(label), n)));
    }

    /** Returns the label counts of one bin (sorted by label), empty when the bin has none. */
    public Map<String, Long> labelCounts(String bin) {
        Map<String, Long> row = counts.get(bin);
        return row == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(row));
    }

    /** Returns bin -> label -> count, sorted by bin then label. */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((bin, row) -> out.put(bin, Collections.unmodifiableMap(new TreeMap<>(row))));
        return out;
    }

    /**
     * Adds a count directly; used by the codec and by merge.
     *
     * @param bin bin name as produced by this instance
     * @param label label name
     * @param n non-negative count
     */
    public void add(String bin, String label, long n) {
        if (n < 0) {
            throw new IllegalArgumentException(String.format("count must be non-negative: %d", n));
        }
        counts.computeIfAbsent(admitBin(bin), b -> new HashMap<>()).merge(admitLabel(label), n, Long::sum);
    }

    private String binOf(Object value) {
        if (value == null) {
            return MISSING;
        }
        if (edges == null) {
            return value.toString();
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            return MISSING;
        }
        int idx = Arrays.binarySearch(edges, number.doubleValue());
        int bin = idx >= 0 ? idx : -idx - 1;
        return numericBinName(bin);
    }

    private String numericBinName(int bin) {
        String name = binNames[bin];
        if (name == null) {
            name = formatBinName(bin);
            binNames[bin] = name;
        }
        return name;
    }

    private String formatBinName(int bin) {
        String lo = bin == 0 ? "-inf" : Double.toString(edges[bin - 1]);
        String hi = bin == edges.length ? "+inf" : Double.toString(edges[bin]);
        return String.format("b%03d (%s, %s]", bin, lo, hi);
    }

    private String admitBin(String bin) {
        if (counts.containsKey(bin) || bin.equals(MISSING) || bin.equals(OTHER) || counts.size() < maxBins) {
            return bin;
        }
        return OTHER;
    }

    private static String labelOf(Object label) {
        return label == null ? MISSING : label.toString();
    }

    private String admitLabel(String label) {
        if (labels.containsKey(label)) {
            return label;
        }
        if (labels.size() < maxLabels || label.equals(OTHER)) {
            labels.put(label, Boolean.TRUE);
            return label;
        }
        labels.put(OTHER, Boolean.TRUE);
        return OTHER;
    }
}
