package dev.lazaret.detectors.performance;

import java.util.Arrays;

/**
 * The calibration map of a model: the probability that a score of each {@link ScoreBins bin} belongs to the positive
 * class, fitted by isotonic regression (pool-adjacent-violators, weighted by the bin counts) on the labelled sample.
 * Bins the sample never saw take the linear interpolation between the centres of their nearest fitted neighbours,
 * clipped to the end values, as {@code numpy.interp} does. NannyML calibrates the same way (isotonic regression on
 * the reference, "CBPE: probability calibration").
 */
public final class IsotonicCalibration {
    private final double[] probability;

    private IsotonicCalibration(double[] probability) {
        this.probability = probability;
    }

    /**
     * Fits the map.
     *
     * @throws IllegalArgumentException if the sample is empty
     */
    public static IsotonicCalibration fit(LabelledScores sample) {
        int bins = ScoreBins.COUNT;
        double[] value = new double[bins];
        double[] weight = new double[bins];
        int[] firstBin = new int[bins];
        int[] lastBin = new int[bins];
        int blocks = 0;
        for (int b = 0; b < bins; b++) {
            long n = sample.positives(b) + sample.negatives(b);
            if (n == 0) {
                continue;
            }
            value[blocks] = (double) sample.positives(b) / n;
            weight[blocks] = n;
            firstBin[blocks] = b;
            lastBin[blocks] = b;
            blocks++;
            // pool while the new block violates monotonicity with the one before it
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] =
                        (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
                weight[blocks - 2] = w;
                lastBin[blocks - 2] = lastBin[blocks - 1];
                blocks--;
            }
        }
        if (blocks == 0) {
            throw new IllegalArgumentException("cannot calibrate on an empty sample");
        }
        double[] fitted = new double[bins];
        Arrays.fill(fitted, Double.NaN);
        for (int k = 0; k < blocks; k++) {
            for (int b = firstBin[k]; b <= lastBin[k]; b++) {
                if (sample.positives(b) + sample.negatives(b) > 0) {
                    fitted[b] = value[k];
                }
            }
        }
        return new IsotonicCalibration(interpolate(fitted));
    }

    /** Fills NaN bins from the nearest fitted bins on either side (linear between centres, constant beyond). */
    private static double[] interpolate(double[] fitted) {
        int bins = fitted.length;
        double[] out = fitted.clone();
        int previous = -1;
        for (int b = 0; b < bins; b++) {
            if (Double.isNaN(fitted[b])) {
                continue;
            }
            if (previous == -1) {
                Arrays.fill(out, 0, b, fitted[b]);
            } else {
                for (int g = previous + 1; g < b; g++) {
                    double t = (ScoreBins.centre(g) - ScoreBins.centre(previous))
                            / (ScoreBins.centre(b) - ScoreBins.centre(previous));
                    out[g] = fitted[previous] + t * (fitted[b] - fitted[previous]);
                }
            }
            previous = b;
        }
        Arrays.fill(out, previous + 1, bins, fitted[previous]);
        return out;
    }

    /** The calibrated probability of the positive class for a score in {@code bin}. */
    public double probability(int bin) {
        return probability[bin];
    }
}
