package dev.lazaret.detectors.performance;

import java.util.List;

/**
 * The calibration of a multiclass classifier, one class against the rest: per class k an {@link IsotonicCalibration}
 * of its score s_k, fitted on the labelled sample with "the label is k" as the positive class, then normalised over
 * the classes so an event's probabilities sum to 1. NannyML calibrates multiclass CBPE the same way (one-vs-rest
 * isotonic maps, normalised: "CBPE: multiclass classification" in its documentation). Sound when each s_k carries the
 * information about class k that the calibration sample showed; a model whose class scores interact (k's evidence
 * only in the other scores) is calibrated less well, which the estimation error on labelled windows shows.
 */
public final class OneVsRestCalibration {
    private final IsotonicCalibration[] perClass;

    private OneVsRestCalibration(IsotonicCalibration[] perClass) {
        this.perClass = perClass;
    }

    /**
     * Fits one map per class.
     *
     * @param samples per class, the sample as {@link MulticlassLabelled} collects it (bin of s_k, label is k)
     * @throws IllegalArgumentException if fewer than 2 classes or a class's sample is empty
     */
    public static OneVsRestCalibration fit(List<LabelledScores> samples) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a multiclass calibration needs at least 2 classes");
        }
        IsotonicCalibration[] maps = new IsotonicCalibration[samples.size()];
        for (int k = 0; k < maps.length; k++) {
            maps[k] = IsotonicCalibration.fit(samples.get(k));
        }
        return new OneVsRestCalibration(maps);
    }

    public int classes() {
        return perClass.length;
    }

    /**
     * The normalised calibrated probabilities of an event's classes; uniform when every class maps to 0.
     *
     * @param bins {@link ScoreBins#of} of each class's score, in class order
     */
    public double[] probabilities(int[] bins) {
        double[] p = new double[perClass.length];
        double total = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = perClass[k].probability(bins[k]);
            total += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] = total > 0 ? p[k] / total : 1.0 / p.length;
        }
        return p;
    }
}
