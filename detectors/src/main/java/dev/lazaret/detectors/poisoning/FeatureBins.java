package dev.lazaret.detectors.poisoning;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * How each feature's values map to bins: numeric features by reference quantile cut points, categorical features by
 * value. Immutable; fixed when the reference is built, so batch and reference counts are always comparable.
 *
 * <p>Bin keys: {@code #00}, {@code #01}, ... for numeric bins in ascending order, {@code missing} for null and NaN,
 * {@code mismatch} for a non-number in a numeric feature, and the value token ({@code s:red}, {@code b:true}) for
 * categorical features.
 */
public final class FeatureBins {
    static final String MISSING = "missing";
    static final String MISMATCH = "mismatch";
    private static final byte VERSION = 1;
    private static final byte KIND = 'B';
    // bin keys are built once: String.format per row per feature dominated accumulation time
    private static final String[] BIN_KEYS =
            IntStream.range(0, 1001).mapToObj(i -> String.format("#%02d", i)).toArray(String[]::new);

    private final TreeMap<String, double[]> numericCuts;
    private final TreeSet<String> categorical;
    // per numeric feature {centre, scale}: a robust location and spread (median, IQR/1.349) from the reference
    private final TreeMap<String, double[]> scales;

    private FeatureBins(Map<String, double[]> numericCuts, Map<String, double[]> scales, Set<String> categorical) {
        this.numericCuts = new TreeMap<>();
        numericCuts.forEach((k, v) -> this.numericCuts.put(k, checkCuts(k, v.clone())));
        this.scales = new TreeMap<>();
        scales.forEach((k, v) -> {
            if (!numericCuts.containsKey(k)
                    || v.length != 2
                    || !Double.isFinite(v[0])
                    || !(v[1] > 0)
                    || Double.isInfinite(v[1])) {
                throw new IllegalArgumentException(String.format(
                        "scale of '%s' must be {finite centre, finite spread > 0} of a numeric feature, was %s",
                        k, Arrays.toString(v)));
            }
            this.scales.put(k, v.clone());
        });
        this.categorical = new TreeSet<>(categorical);
        for (String f : this.categorical) {
            if (this.numericCuts.containsKey(f)) {
                throw new IllegalArgumentException(
                        String.format("feature '%s' cannot be both numeric and categorical", f));
            }
        }
    }

    /**
     * Bins from explicit cut points.
     *
     * @param numericCuts strictly increasing finite cut points per numeric feature ({@code c} cuts make {@code c+1}
     *     bins)
     * @param categorical names of categorical features
     */
    public static FeatureBins of(Map<String, double[]> numericCuts, Set<String> categorical) {
        return new FeatureBins(numericCuts, Map.of(), categorical);
    }

    /**
     * Bins from explicit cut points, with a {centre, spread} per numeric feature that enables fine-grid value tokens
     * (see {@link #gridTokens}).
     */
    public static FeatureBins of(
            Map<String, double[]> numericCuts, Map<String, double[]> scales, Set<String> categorical) {
        return new FeatureBins(numericCuts, scales, categorical);
    }

    /**
     * Tokens for the fine grid cells of a numeric value, on two grids shifted by half a cell: cells are
     * {@code cellWidth} reference spreads wide, anchored at the reference median. They let the trigger check see a
     * narrow value region (not just one exact value) that is rare in the reference; with two shifted grids a region
     * narrower than half a cell lies wholly inside one cell of at least one grid. {@code null} for non-numeric values
     * or features without a scale.
     */
    public String[] gridTokens(String feature, Object value, double cellWidth) {
        long[] cells = new long[2];
        return gridCells(feature, value, cellWidth, cells)
                ? new String[] {gridToken(0, cells[0]), gridToken(1, cells[1])}
                : null;
    }

    /**
     * The cells of {@link #gridTokens} as numbers, into {@code out[grid]}, without building their text: {@code false}
     * (and {@code out} untouched) where {@link #gridTokens} returns {@code null}.
     */
    boolean gridCells(String feature, Object value, double cellWidth, long[] out) {
        double[] cs = scales.get(feature);
        if (cs == null || !(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return false;
        }
        double z = (n.doubleValue() - cs[0]) / (cs[1] * cellWidth);
        out[0] = (long) Math.floor(z);
        out[1] = (long) Math.floor(z + 0.5);
        return true;
    }

    /** The token of one cell of {@link #gridTokens}: grid 0 or 1 (shifted by half a cell), cell index. */
    static String gridToken(int grid, long cell) {
        return (grid == 0 ? "g0:" : "g1:") + cell;
    }

    /** Whether a frequent-items token is one of {@link #gridTokens}. */
    static boolean isGridToken(String token) {
        return token.startsWith("g0:") || token.startsWith("g1:");
    }

    /** Describes a {@link #gridTokens} token for evidence text, for example {@code x2 in [5.98, 6.03)}. */
    String describeGridToken(String feature, String token, double cellWidth) {
        double[] cs = scales.get(feature);
        double shift = token.startsWith("g1:") ? 0.5 : 0;
        long k = Long.parseLong(token.substring(3));
        double width = cs[1] * cellWidth;
        return String.format(
                "%s in [%.4g, %.4g)", feature, cs[0] + (k - shift) * width, cs[0] + (k + 1 - shift) * width);
    }

    /** Names of numeric features, sorted. */
    public Set<String> numericFeatures() {
        return Collections.unmodifiableSet(numericCuts.keySet());
    }

    /** Names of categorical features, sorted. */
    public Set<String> categoricalFeatures() {
        return Collections.unmodifiableSet(categorical);
    }

    /** A copy of the cut points of a numeric feature. */
    public double[] cuts(String feature) {
        double[] c = numericCuts.get(feature);
        if (c == null) {
            throw new IllegalArgumentException(String.format("'%s' is not a numeric feature", feature));
        }
        return c.clone();
    }

    /** The bin key of {@code value} for {@code feature}, or {@code null} when the feature is not binned. */
    public String binOf(String feature, Object value) {
        double[] cuts = numericCuts.get(feature);
        if (cuts != null) {
            if (value == null) {
                return MISSING;
            }
            if (!(value instanceof Number n)) {
                return MISMATCH;
            }
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return MISSING;
            }
            int pos = Arrays.binarySearch(cuts, d);
            // a value equal to a cut belongs to the bin above it: bins are [cut_{i-1}, cut_i)
            int bin = pos >= 0 ? pos + 1 : -pos - 1;
            return bin < BIN_KEYS.length ? BIN_KEYS[bin] : String.format("#%02d", bin);
        }
        return categorical.contains(feature) ? RowFingerprints.token(value) : null;
    }

    /** Human-readable description of a bin, for evidence text: {@code x0 in [0.52, 1.28)}. */
    public String describe(String feature, String bin) {
        double[] cuts = numericCuts.get(feature);
        if (cuts != null && bin.startsWith("#")) {
            int i = Integer.parseInt(bin.substring(1));
            String lo = i == 0 ? "-inf" : String.format("%.4g", cuts[i - 1]);
            String hi = i == cuts.length ? "+inf" : String.format("%.4g", cuts[i]);
            return String.format("%s in [%s, %s)", feature, lo, hi);
        }
        if (cuts != null) {
            return feature + " " + bin;
        }
        return feature + " = " + RowFingerprints.describeToken(bin);
    }

    /** Encodes to a versioned byte array (version 1). */
    public byte[] encode() {
        StateWriter w = new StateWriter(VERSION, KIND);
        write(w);
        return w.toByteArray();
    }

    void write(StateWriter w) {
        w.writeInt(numericCuts.size());
        numericCuts.forEach((k, v) -> {
            w.writeString(k).writeInt(v.length);
            for (double d : v) {
                w.writeDouble(d);
            }
        });
        w.writeInt(categorical.size());
        categorical.forEach(w::writeString);
        w.writeInt(scales.size());
        scales.forEach((k, v) -> w.writeString(k).writeDouble(v[0]).writeDouble(v[1]));
    }

    /** Decodes {@link #encode()} output; throws {@link IllegalArgumentException} on anything else. */
    public static FeatureBins decode(byte[] bytes) {
        return StateReader.decode(bytes, "FeatureBins", VERSION, KIND, FeatureBins::read);
    }

    static FeatureBins read(StateReader r) {
        Map<String, double[]> cuts = new TreeMap<>();
        int n = r.readCount(1 << 20);
        for (int i = 0; i < n; i++) {
            String name = r.readString();
            double[] c = new double[r.readCount(1 << 20)];
            for (int j = 0; j < c.length; j++) {
                c[j] = r.readDouble();
            }
            cuts.put(name, c);
        }
        Set<String> cat = new TreeSet<>();
        int m = r.readCount(1 << 20);
        for (int i = 0; i < m; i++) {
            cat.add(r.readString());
        }
        Map<String, double[]> scales = new TreeMap<>();
        int s = r.readCount(1 << 20);
        for (int i = 0; i < s; i++) {
            scales.put(r.readString(), new double[] {r.readDouble(), r.readDouble()});
        }
        return new FeatureBins(cuts, scales, cat);
    }

    private static double[] checkCuts(String feature, double[] cuts) {
        for (int i = 0; i < cuts.length; i++) {
            if (!Double.isFinite(cuts[i]) || (i > 0 && !(cuts[i] > cuts[i - 1]))) {
                throw new IllegalArgumentException(String.format(
                        "cut points of '%s' must be finite and strictly increasing: %s",
                        feature, Arrays.toString(cuts)));
            }
        }
        return cuts;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureBins other) || !categorical.equals(other.categorical)) {
            return false;
        }
        if (!numericCuts.keySet().equals(other.numericCuts.keySet())
                || !scales.keySet().equals(other.scales.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : scales.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.scales.get(e.getKey()))) {
                return false;
            }
        }
        for (Map.Entry<String, double[]> e : numericCuts.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.numericCuts.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(categorical, numericCuts.keySet());
        for (double[] c : numericCuts.values()) {
            h = 31 * h + Arrays.hashCode(c);
        }
        return h;
    }

    @Override
    public String toString() {
        return "FeatureBins{numeric=" + numericCuts.keySet() + ", categorical=" + categorical + "}";
    }
}
