package dev.lazaret.detectors.performance;

import java.util.Arrays;

/**
 * A window's scores without labels, per {@link ScoreBins bin}, split by the predicted class: all CBPE needs, since
 * every score of a bin gets the same calibrated probability. Mutable; bounded by 2 × {@value ScoreBins#COUNT}
 * counters.
 */
public final class PredictedScores {
    private final long[] predictedPositive;
    private final long[] predictedNegative;

    private PredictedScores(long[] predictedPositive, long[] predictedNegative) {
        this.predictedPositive = predictedPositive;
        this.predictedNegative = predictedNegative;
    }

    public static PredictedScores empty() {
        return new PredictedScores(new long[ScoreBins.COUNT], new long[ScoreBins.COUNT]);
    }

    /**
     * Rebuilds decoded counts.
     *
     * @throws IllegalArgumentException if an array has the wrong length or a count is negative
     */
    public static PredictedScores of(long[] predictedPositive, long[] predictedNegative) {
        if (predictedPositive.length != ScoreBins.COUNT || predictedNegative.length != ScoreBins.COUNT) {
            throw new IllegalArgumentException("need " + ScoreBins.COUNT + " bins");
        }
        if (Arrays.stream(predictedPositive).anyMatch(c -> c < 0)
                || Arrays.stream(predictedNegative).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return new PredictedScores(predictedPositive.clone(), predictedNegative.clone());
    }

    /** Adds one prediction; {@code bin} is {@link ScoreBins#of} of its score. */
    public void add(int bin, boolean predictedPositive) {
        if (predictedPositive) {
            this.predictedPositive[bin]++;
        } else {
            predictedNegative[bin]++;
        }
    }

    public long predictedPositive(int bin) {
        return predictedPositive[bin];
    }

    public long predictedNegative(int bin) {
        return predictedNegative[bin];
    }

    public long count() {
        return Arrays.stream(predictedPositive).sum()
                + Arrays.stream(predictedNegative).sum();
    }
}
