package dev.lazaret.detectors.embedding;

import java.util.Random;

/**
 * A seeded stream of embeddings from a mixture of Gaussian clusters: centres drawn once with sd {@code spread} per
 * element, unit-variance noise around them; the first cluster has a share that can be changed, the others split the
 * rest equally.
 */
final class ClusterStream {
    private final Random random;
    private final double[][] centres;

    ClusterStream(long seed, int clusters, int dimension, double spread) {
        this.random = new Random(seed);
        centres = new double[clusters][dimension];
        for (double[] c : centres) {
            for (int i = 0; i < dimension; i++) {
                c[i] = spread * random.nextGaussian();
            }
        }
    }

    /** One vector, from the first cluster with probability {@code firstShare}. */
    double[] next(double firstShare) {
        int cluster = random.nextDouble() < firstShare ? 0 : 1 + random.nextInt(centres.length - 1);
        double[] c = centres[cluster];
        double[] v = new double[c.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = c[i] + random.nextGaussian();
        }
        return v;
    }
}
