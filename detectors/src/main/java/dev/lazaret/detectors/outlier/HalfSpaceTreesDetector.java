package dev.lazaret.detectors.outlier;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Streaming Half-Space Trees: Tan, Ting and Liu (2011), "Fast anomaly detection for streaming data", IJCAI 2011,
 * doi:10.5591/978-1-57735-516-8/IJCAI11-254.
 *
 * <p>Each tree halves a randomly perturbed work space along a random feature at every level down to {@code height}.
 * Values are counted in two windows of {@code windowSize}: the latest ({@code l}) and the previous, complete one
 * ({@code r}). At the end of a window {@code r := l} and {@code l := 0}. A value's mass is, summed over trees,
 * {@code r · 2^depth} at the deepest node on its path whose reference mass exceeds {@code 0.1 · windowSize} (the
 * paper's size limit); normal values sit in heavy, deep nodes.
 *
 * <p>Use {@link #score(double[])} then {@link #learn(double[])} for each value (test-then-train).
 * {@link #score(double[])} returns {@code 1 - mass / maxMass} in [0, 1], higher meaning more anomalous; only its
 * ranking is meaningful. Until the first window completes there is no reference mass and the score is 0.
 *
 * <p>Features are scaled to [0, 1] with the {@code lower}/{@code upper} limits given at creation (the paper and River
 * assume [0, 1]); values outside still fall into the perturbed work space or its outer cells. The tree structure is
 * derived from the seed and never stored: split features come from a hash of (seed, tree, node) and split points
 * from halving the work space on the way down. Memory is {@code 2 · treeCount · (2^(height+1) - 1)} ints (about 13
 * MB with the defaults), fixed at creation. The encoded state holds only the non-zero masses.
 *
 * <p>Not thread-safe. Not mergeable: the windows are defined by the order of one stream.
 */
public final class HalfSpaceTreesDetector {
    /** Format version of {@link #encode()}. */
    public static final byte FORMAT_VERSION = 1;

    private static final byte TYPE_HALF_SPACE_TREES = 1;
    private static final double SIZE_LIMIT_FRACTION = 0.1;

    private final HalfSpaceTreesParameters parameters;
    private final double[] lower;
    private final double[] upper;
    private final double[][] workMin;
    private final double[][] workMax;
    private final int nodeCount;
    private int[][] referenceMass;
    private int[][] latestMass;
    private int inWindow;
    private long windowsCompleted;

    private HalfSpaceTreesDetector(HalfSpaceTreesParameters parameters, double[] lower, double[] upper) {
        this.parameters = parameters;
        this.lower = lower.clone();
        this.upper = upper.clone();
        int dimensions = lower.length;
        this.nodeCount = (1 << (parameters.height() + 1)) - 1;
        this.referenceMass = new int[parameters.treeCount()][nodeCount];
        this.latestMass = new int[parameters.treeCount()][nodeCount];
        this.workMin = new double[parameters.treeCount()][dimensions];
        this.workMax = new double[parameters.treeCount()][dimensions];
        SplittableRandom random = new SplittableRandom(parameters.seed());
        for (int t = 0; t < parameters.treeCount(); t++) {
            for (int q = 0; q < dimensions; q++) {
                // The paper's perturbed work space: centre s in [0, 1], half-width 2 max(s, 1 - s).
                double s = random.nextDouble();
                double halfWidth = 2 * Math.max(s, 1 - s);
                workMin[t][q] = s - halfWidth;
                workMax[t][q] = s + halfWidth;
            }
        }
    }

    /**
     * Creates a detector for rows of {@code lower.length} features.
     *
     * @param parameters tree parameters
     * @param lower per-feature lower limit used for scaling
     * @param upper per-feature upper limit, strictly above the lower limit
     * @throws IllegalArgumentException if the limits are missing, empty, of different lengths, not finite or not
     *     increasing
     */
    public static HalfSpaceTreesDetector create(HalfSpaceTreesParameters parameters, double[] lower, double[] upper) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        Checks.finiteVector("lower", lower);
        Checks.finiteVector("upper", upper);
        if (lower.length == 0 || lower.length != upper.length) {
            throw new IllegalArgumentException(String.format(
                    "lower and upper must have the same non-zero length, got %d and %d", lower.length, upper.length));
        }
        for (int q = 0; q < lower.length; q++) {
            if (!(upper[q] > lower[q])) {
                throw new IllegalArgumentException(
                        String.format("upper[%d] (%s) must be > lower[%d] (%s)", q, upper[q], q, lower[q]));
            }
        }
        return new HalfSpaceTreesDetector(parameters, lower, upper);
    }

    /** Creates a detector with default parameters for features already scaled to [0, 1]. */
    public static HalfSpaceTreesDetector withDefaults(int dimensions) {
        Checks.atLeast("dimensions", dimensions, 1);
        double[] upper = new double[dimensions];
        Arrays.fill(upper, 1.0);
        return create(HalfSpaceTreesParameters.defaults(), new double[dimensions], upper);
    }

    /** Returns the parameters. */
    public HalfSpaceTreesParameters parameters() {
        return parameters;
    }

    /** Returns the number of features per row. */
    public int dimensions() {
        return lower.length;
    }

    /** Returns whether at least one reference window has completed, so that scores are meaningful. */
    public boolean isReady() {
        return windowsCompleted > 0;
    }

    /**
     * Returns the anomaly score of a row in [0, 1], higher meaning more anomalous; 0 before {@link #isReady()}.
     *
     * @throws IllegalArgumentException if the row has the wrong length or a non-finite value
     */
    public double score(double[] row) {
        Checks.dimensions("row", row, lower.length);
        if (!isReady()) {
            return 0;
        }
        double[] scaled = scale(row);
        double sizeLimit = SIZE_LIMIT_FRACTION * parameters.windowSize();
        double mass = 0;
        double[] min = new double[lower.length];
        double[] max = new double[lower.length];
        for (int t = 0; t < parameters.treeCount(); t++) {
            System.arraycopy(workMin[t], 0, min, 0, min.length);
            System.arraycopy(workMax[t], 0, max, 0, max.length);
            int node = 0;
            int depth = 0;
            while (depth < parameters.height() && referenceMass[t][node] > sizeLimit) {
                node = child(t, node, scaled, min, max);
                depth++;
            }
            mass += referenceMass[t][node] * Math.pow(2, depth);
        }
        double maxMass = parameters.treeCount() * (double) parameters.windowSize() * Math.pow(2, parameters.height());
        return 1 - mass / maxMass;
    }

    /**
     * Counts a row in the latest window; when the window is full it becomes the reference.
     *
     * @throws IllegalArgumentException if the row has the wrong length or a non-finite value
     */
    public void learn(double[] row) {
        Checks.dimensions("row", row, lower.length);
        double[] scaled = scale(row);
        double[] min = new double[lower.length];
        double[] max = new double[lower.length];
        for (int t = 0; t < parameters.treeCount(); t++) {
            System.arraycopy(workMin[t], 0, min, 0, min.length);
            System.arraycopy(workMax[t], 0, max, 0, max.length);
            int node = 0;
            latestMass[t][node]++;
            for (int depth = 0; depth < parameters.height(); depth++) {
                node = child(t, node, scaled, min, max);
                latestMass[t][node]++;
            }
        }
        inWindow++;
        if (inWindow == parameters.windowSize()) {
            // Swap instead of copying: the old reference array becomes the new, zeroed latest window.
            int[][] retired = referenceMass;
            referenceMass = latestMass;
            latestMass = retired;
            for (int[] tree : latestMass) {
                Arrays.fill(tree, 0);
            }
            inWindow = 0;
            windowsCompleted++;
        }
    }

    /** Descends one level: halves the work space along the node's feature and returns the child index. */
    private int child(int tree, int node, double[] scaled, double[] min, double[] max) {
        int feature = splitFeature(tree, node);
        double split = (min[feature] + max[feature]) / 2;
        if (scaled[feature] < split) {
            max[feature] = split;
            return 2 * node + 1;
        }
        min[feature] = split;
        return 2 * node + 2;
    }

    /** SplitMix64 finaliser over (seed, tree, node): a random but reproducible feature per node. */
    private int splitFeature(int tree, int node) {
        long z = parameters.seed() + 0x9E3779B97F4A7C15L * (tree + 1) + 0xD1B54A32D192ED03L * (node + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) lower.length);
    }

    private double[] scale(double[] row) {
        double[] scaled = new double[row.length];
        for (int q = 0; q < row.length; q++) {
            scaled[q] = (row[q] - lower[q]) / (upper[q] - lower[q]);
        }
        return scaled;
    }

    /** Forgets all masses; the tree structure (from the seed) is kept. */
    public void reset() {
        for (int t = 0; t < parameters.treeCount(); t++) {
            Arrays.fill(referenceMass[t], 0);
            Arrays.fill(latestMass[t], 0);
        }
        inWindow = 0;
        windowsCompleted = 0;
    }

    /**
     * Encodes parameters, limits and non-zero masses. Format (big-endian): version byte, type byte, tree count,
     * height, window size, seed, dimensions, lower and upper limits, position in the window, windows completed, then
     * per tree and per window (reference, latest) the count of non-zero nodes followed by (node, mass) pairs.
     */
    public byte[] encode() {
        int nonZero = 0;
        for (int t = 0; t < parameters.treeCount(); t++) {
            nonZero += countNonZero(referenceMass[t]) + countNonZero(latestMass[t]);
        }
        int size = 2 + 4 * 3 + 8 + 4 + 16 * lower.length + 4 + 8 + parameters.treeCount() * 8 + nonZero * 8;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT_VERSION).put(TYPE_HALF_SPACE_TREES);
        out.putInt(parameters.treeCount()).putInt(parameters.height()).putInt(parameters.windowSize());
        out.putLong(parameters.seed()).putInt(lower.length);
        for (double v : lower) {
            out.putDouble(v);
        }
        for (double v : upper) {
            out.putDouble(v);
        }
        out.putInt(inWindow).putLong(windowsCompleted);
        for (int t = 0; t < parameters.treeCount(); t++) {
            writeSparse(out, referenceMass[t]);
            writeSparse(out, latestMass[t]);
        }
        return out.array();
    }

    private static int countNonZero(int[] masses) {
        int count = 0;
        for (int m : masses) {
            if (m != 0) {
                count++;
            }
        }
        return count;
    }

    private static void writeSparse(ByteBuffer out, int[] masses) {
        out.putInt(countNonZero(masses));
        for (int i = 0; i < masses.length; i++) {
            if (masses[i] != 0) {
                out.putInt(i).putInt(masses[i]);
            }
        }
    }

    /**
     * Restores a detector from {@link #encode()}.
     *
     * @throws IllegalArgumentException if the bytes are null, truncated, of an unknown version or type, carry
     *     invalid parameters or masses, or have trailing bytes
     */
    public static HalfSpaceTreesDetector decode(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            throw new IllegalArgumentException("Corrupt Half-Space Trees state: need at least 2 header bytes");
        }
        if (bytes[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException(String.format(
                    "Unsupported Half-Space Trees format version %d (this reader supports %d)",
                    bytes[0], FORMAT_VERSION));
        }
        if (bytes[1] != TYPE_HALF_SPACE_TREES) {
            throw new IllegalArgumentException(String.format("Unknown outlier detector type byte: %d", bytes[1]));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
        try {
            HalfSpaceTreesParameters parameters =
                    new HalfSpaceTreesParameters(in.getInt(), in.getInt(), in.getInt(), in.getLong());
            int dimensions = in.getInt();
            if (dimensions < 1 || dimensions > in.remaining() / 16) {
                throw corrupt(String.format("dimensions %d", dimensions));
            }
            double[] lower = new double[dimensions];
            double[] upper = new double[dimensions];
            for (int q = 0; q < dimensions; q++) {
                lower[q] = in.getDouble();
            }
            for (int q = 0; q < dimensions; q++) {
                upper[q] = in.getDouble();
            }
            // Cheap plausibility check before allocating the mass arrays.
            if (in.remaining() < 12 + parameters.treeCount() * 8L) {
                throw corrupt("input is truncated");
            }
            HalfSpaceTreesDetector detector = create(parameters, lower, upper);
            detector.inWindow = in.getInt();
            detector.windowsCompleted = in.getLong();
            if (detector.inWindow < 0
                    || detector.inWindow >= parameters.windowSize()
                    || detector.windowsCompleted < 0) {
                throw corrupt(String.format(
                        "window position %d of %d, %d windows",
                        detector.inWindow, parameters.windowSize(), detector.windowsCompleted));
            }
            for (int t = 0; t < parameters.treeCount(); t++) {
                detector.readSparse(in, detector.referenceMass[t]);
                detector.readSparse(in, detector.latestMass[t]);
            }
            if (in.hasRemaining()) {
                throw corrupt(String.format("%d unexpected trailing bytes", in.remaining()));
            }
            return detector;
        } catch (BufferUnderflowException e) {
            throw corrupt("input is truncated");
        }
    }

    private void readSparse(ByteBuffer in, int[] masses) {
        int count = in.getInt();
        if (count < 0 || count > nodeCount) {
            throw corrupt(String.format("%d non-zero nodes (at most %d)", count, nodeCount));
        }
        for (int k = 0; k < count; k++) {
            int node = in.getInt();
            int mass = in.getInt();
            if (node < 0 || node >= nodeCount || mass <= 0 || mass > parameters.windowSize()) {
                throw corrupt(String.format("node %d with mass %d", node, mass));
            }
            masses[node] = mass;
        }
    }

    private static IllegalArgumentException corrupt(String detail) {
        return new IllegalArgumentException("Corrupt Half-Space Trees state: " + detail);
    }
}
