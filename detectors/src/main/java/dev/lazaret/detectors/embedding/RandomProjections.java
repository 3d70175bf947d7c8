package dev.lazaret.detectors.embedding;

import java.util.SplittableRandom;

/**
 * A fixed set of random directions in a vector space, generated from a seed: each direction has entries ±1/√d
 * (Achlioptas' database-friendly projection, which keeps distances like a Gaussian one), drawn as the bits of
 * {@link SplittableRandom#nextLong()}, whose algorithm is specified, so the same (seed, count, dimension) gives the
 * same directions on every JVM, instance and restart. Holds count × d bits. Immutable.
 */
public final class RandomProjections {
    private final long seed;
    private final int dimension;
    private final long[][] signs;
    private final double scale;

    private RandomProjections(long seed, int count, int dimension) {
        if (count < 1 || dimension < 1) {
            throw new IllegalArgumentException(
                    String.format("need at least one projection and one dimension, got %d and %d", count, dimension));
        }
        this.seed = seed;
        this.dimension = dimension;
        this.scale = 1 / Math.sqrt(dimension);
        SplittableRandom random = new SplittableRandom(seed);
        int words = (dimension + 63) / 64;
        signs = new long[count][words];
        for (long[] direction : signs) {
            for (int w = 0; w < words; w++) {
                direction[w] = random.nextLong();
            }
        }
    }

    /** The directions for vectors of {@code dimension} elements. */
    public static RandomProjections of(long seed, int count, int dimension) {
        return new RandomProjections(seed, count, dimension);
    }

    public long seed() {
        return seed;
    }

    public int count() {
        return signs.length;
    }

    public int dimension() {
        return dimension;
    }

    /** The projections of {@code vector} on the directions; throws IllegalArgumentException on a wrong dimension. */
    public double[] project(double[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException(String.format(
                    "a vector of %d elements, the projections are %d-dimensional", vector.length, dimension));
        }
        double[] out = new double[signs.length];
        for (int j = 0; j < signs.length; j++) {
            long[] direction = signs[j];
            double sum = 0;
            for (int i = 0; i < dimension; i++) {
                boolean negative = (direction[i >>> 6] >>> (i & 63) & 1L) != 0;
                sum += negative ? -vector[i] : vector[i];
            }
            out[j] = sum * scale;
        }
        return out;
    }

    /** The direction of projection {@code j} as a vector, for tests and diagnostics. */
    public double[] direction(int j) {
        double[] unit = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            unit[i] = (signs[j][i >>> 6] >>> (i & 63) & 1L) != 0 ? -scale : scale;
        }
        return unit;
    }
}
