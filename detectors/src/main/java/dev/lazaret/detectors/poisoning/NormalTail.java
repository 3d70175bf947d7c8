package dev.lazaret.detectors.poisoning;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** Upper tail of the standard normal. */
final class NormalTail {
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private NormalTail() {}

    static double upper(double z) {
        if (Double.isNaN(z)) {
            return 1;
        }
        return z == Double.POSITIVE_INFINITY ? 0 : STANDARD.survivalProbability(z);
    }
}
