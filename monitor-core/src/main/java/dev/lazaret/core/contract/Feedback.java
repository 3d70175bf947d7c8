package dev.lazaret.core.contract;

/**
 * Ground truth for an earlier prediction, as produced to {@code inference.feedback} (key = model); arrives late.
 *
 * @param timestampMs when the label became known, epoch milliseconds
 */
public record Feedback(String eventId, String model, Object label, long timestampMs) {}
