package dev.lazaret.detectors.sequential;

import java.util.SplittableRandom;

/** Gaussian draws for test streams (Box–Muller, so results depend only on the seed). */
final class GaussianStreams {
    private GaussianStreams() {}

    static double gaussian(SplittableRandom random, double mean, double sd) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double bernoulli(SplittableRandom random, double p) {
        return random.nextDouble() < p ? 1.0 : 0.0;
    }
}
