package dev.lazaret.detectors.performance;

import java.util.Arrays;

/**
 * Scores with their labels, per {@link ScoreBins bin}, and the confusion matrix of the predictions: the calibration
 * sample of a model (its baseline labels) and the realised performance of a window. Mutable; bounded by
 * 2 × {@value ScoreBins#COUNT} counters plus four.
 */
public final class LabelledScores {
    private final long[] positives;
    private final long[] negatives;
    private final Confusion confusion;

    /** The four cells of a realised confusion matrix. */
    public static final class Confusion {
        long tp;
        long fp;
        long fn;
        long tn;

        public long tp() {
            return tp;
        }

        public long fp() {
            return fp;
        }

        public long fn() {
            return fn;
        }

        public long tn() {
            return tn;
        }
    }

    private LabelledScores(long[] positives, long[] negatives) {
        this.positives = positives;
        this.negatives = negatives;
        this.confusion = new Confusion();
    }

    public static LabelledScores empty() {
        return new LabelledScores(new long[ScoreBins.COUNT], new long[ScoreBins.COUNT]);
    }

    /**
     * Rebuilds decoded counts.
     *
     * @throws IllegalArgumentException if an array has the wrong length or a count is negative
     */
    public static LabelledScores of(long[] positives, long[] negatives, long tp, long fp, long fn, long tn) {
        if (positives.length != ScoreBins.COUNT || negatives.length != ScoreBins.COUNT) {
            throw new IllegalArgumentException("need " + ScoreBins.COUNT + " bins");
        }
        if (Arrays.stream(positives).anyMatch(c -> c < 0)
                || Arrays.stream(negatives).anyMatch(c -> c < 0)
                || tp < 0
                || fp < 0
                || fn < 0
                || tn < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        LabelledScores s = new LabelledScores(positives.clone(), negatives.clone());
        s.confusion.tp = tp;
        s.confusion.fp = fp;
        s.confusion.fn = fn;
        s.confusion.tn = tn;
        return s;
    }

    /**
     * Adds one labelled prediction.
     *
     * @param bin {@link ScoreBins#of} of its score
     * @param predictedPositive whether the model predicted the positive class
     * @param actualPositive whether the label is the positive class
     */
    public void add(int bin, boolean predictedPositive, boolean actualPositive) {
        if (actualPositive) {
            positives[bin]++;
        } else {
            negatives[bin]++;
        }
        if (predictedPositive) {
            if (actualPositive) {
                confusion.tp++;
            } else {
                confusion.fp++;
            }
        } else if (actualPositive) {
            confusion.fn++;
        } else {
            confusion.tn++;
        }
    }

    public long count() {
        return confusion.tp + confusion.fp + confusion.fn + confusion.tn;
    }

    public long positives(int bin) {
        return positives[bin];
    }

    public long negatives(int bin) {
        return negatives[bin];
    }

    public Confusion confusion() {
        return confusion;
    }
}
