package dev.lazaret.core.drift.codec;

import java.util.List;

/**
 * One unmatched half of the event–feedback join.
 *
 * @param timestampMs event or feedback time
 * @param value the prediction's or the label's category, or null
 * @param score an event's score of the positive class, for a binary classifier's performance estimation; NaN for
 *     feedback and for events without one
 * @param classScores an event's score of each class, for a multiclass classifier's performance estimation, in the
 *     configured class order; empty for feedback, binary classifiers and events without them
 */
public record PendingHalf(long timestampMs, String value, double score, List<Double> classScores) {
    public PendingHalf {
        classScores = List.copyOf(classScores);
    }

    /** A half without class scores. */
    public PendingHalf(long timestampMs, String value, double score) {
        this(timestampMs, value, score, List.of());
    }

    /** A half without a score. */
    public PendingHalf(long timestampMs, String value) {
        this(timestampMs, value, Double.NaN);
    }
}
