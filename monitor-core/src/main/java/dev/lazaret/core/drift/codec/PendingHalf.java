package dev.lazaret.core.drift.codec;

/**
 * One unmatched half of the event–feedback join.
 *
 * @param timestampMs event or feedback time
 * @param value the prediction's or the label's category, or null
 */
public record PendingHalf(long timestampMs, String value) {}
