package dev.lazaret.core.drift.codec;

/**
 * One unmatched half of the event–feedback join.
 *
 * @param timestampMs event or feedback time
 * @param value the prediction's or the label's category, or null
 * @param score an event's score of the positive class, for performance estimation; NaN for feedback and for events
 *     without one
 */
public record PendingHalf(long timestampMs, String value, double score) {
    /** A half without a score. */
    public PendingHalf(long timestampMs, String value) {
        this(timestampMs, value, Double.NaN);
    }
}
