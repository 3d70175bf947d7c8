package dev.lazaret.detectors.performance;

import java.util.ArrayList;
import java.util.List;

/**
 * Labelled predictions of a multiclass classifier, one class against the rest: per class k a {@link LabelledScores}
 * of its score s_k with "predicted k" and "label is k". It is the calibration sample of {@link OneVsRestCalibration}
 * and holds the realised confusion matrix of every class. Mutable; bounded by classes × (2 × {@value
 * ScoreBins#COUNT} + 4) counters.
 */
public final class MulticlassLabelled {
    private final List<LabelledScores> perClass;

    private MulticlassLabelled(List<LabelledScores> perClass) {
        this.perClass = perClass;
    }

    public static MulticlassLabelled empty(int classes) {
        if (classes < 2 || classes > MulticlassScores.MAX_CLASSES) {
            throw new IllegalArgumentException("classes must be in [2, " + MulticlassScores.MAX_CLASSES + "]");
        }
        List<LabelledScores> out = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            out.add(LabelledScores.empty());
        }
        return new MulticlassLabelled(out);
    }

    /**
     * Rebuilds a decoded sample from its classes' one-vs-rest samples, in class order (kept, not copied).
     *
     * @throws IllegalArgumentException if the class count is out of range or the classes' counts differ
     */
    public static MulticlassLabelled of(List<LabelledScores> perClass) {
        if (perClass.size() < 2 || perClass.size() > MulticlassScores.MAX_CLASSES) {
            throw new IllegalArgumentException("classes must be in [2, " + MulticlassScores.MAX_CLASSES + "]");
        }
        long n = perClass.get(0).count();
        if (perClass.stream().anyMatch(s -> s.count() != n)) {
            throw new IllegalArgumentException("every class must count the same labelled predictions");
        }
        return new MulticlassLabelled(new ArrayList<>(perClass));
    }

    /**
     * Adds one labelled prediction.
     *
     * @param bins {@link ScoreBins#of} of each class's score
     * @param predicted the predicted class
     * @param actual the labelled class
     */
    public void add(int[] bins, int predicted, int actual) {
        for (int k = 0; k < perClass.size(); k++) {
            perClass.get(k).add(bins[k], predicted == k, actual == k);
        }
    }

    public int classes() {
        return perClass.size();
    }

    public long count() {
        return perClass.get(0).count();
    }

    /** Class k against the rest. */
    public LabelledScores oneVsRest(int k) {
        return perClass.get(k);
    }

    /** Every class against the rest, in class order. */
    public List<LabelledScores> oneVsRest() {
        return List.copyOf(perClass);
    }
}
