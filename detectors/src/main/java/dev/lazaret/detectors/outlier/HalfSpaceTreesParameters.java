package dev.lazaret.detectors.outlier;

/**
 * Parameters of {@link HalfSpaceTreesDetector}.
 *
 * @param treeCount number of trees (River {@code n_trees}: 25; Tan et al. 2011 also use 25)
 * @param height depth of each tree (River {@code height}: 15; the paper's {@code maxDepth} is 15)
 * @param windowSize values per reference window (River {@code window_size}: 250; the paper's ψ is 250)
 * @param seed seed of the random tree structure; the same seed always gives the same trees
 */
public record HalfSpaceTreesParameters(int treeCount, int height, int windowSize, long seed) {
    /** Largest supported height: mass arrays hold 2^(height+1) - 1 nodes per tree. */
    public static final int MAX_HEIGHT = 20;

    /** Largest supported {@code treeCount · (2^(height+1) - 1)}: caps memory at about 128 MB of masses. */
    public static final long MAX_TOTAL_NODES = 1L << 24;

    /** Validates the parameters. */
    public HalfSpaceTreesParameters {
        Checks.atLeast("treeCount", treeCount, 1);
        Checks.atLeast("height", height, 1);
        if (height > MAX_HEIGHT) {
            throw new IllegalArgumentException(String.format("height must be <= %d, got %d", MAX_HEIGHT, height));
        }
        Checks.atLeast("windowSize", windowSize, 1);
        long totalNodes = treeCount * ((1L << (height + 1)) - 1);
        if (totalNodes > MAX_TOTAL_NODES) {
            throw new IllegalArgumentException(String.format(
                    "treeCount * (2^(height+1) - 1) = %d exceeds the memory cap of %d nodes",
                    totalNodes, MAX_TOTAL_NODES));
        }
    }

    /** River ({@code anomaly.HalfSpaceTrees}) and paper defaults: 25 trees, height 15, window 250, seed 42. */
    public static HalfSpaceTreesParameters defaults() {
        return new HalfSpaceTreesParameters(25, 15, 250, 42L);
    }

    /** Returns a copy with another seed. */
    public HalfSpaceTreesParameters withSeed(long newSeed) {
        return new HalfSpaceTreesParameters(treeCount, height, windowSize, newSeed);
    }
}
