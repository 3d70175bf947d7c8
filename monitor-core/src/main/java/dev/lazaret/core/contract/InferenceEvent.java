package dev.lazaret.core.contract;

import java.util.Map;

/**
 * One prediction served by a model, as produced to {@code inference.events} (key = model).
 *
 * @param timestampMs event time, epoch milliseconds
 * @param features feature name to value: {@link Double}, {@link String}, {@link Boolean} or {@code null}
 * @param prediction the predicted value: {@link String}, {@link Double}, {@link Boolean} or {@code null}
 * @param score the model's score or confidence; {@code null} when the model gives none
 * @param scores a score per class (class name to score, e.g. {@code {"0": 0.2, "1": 0.8}}); {@code null} when the
 *     event has none. Which of {@code score} and {@code scores} holds the positive class's probability is configured
 *     per model ({@code drift.performance.estimate.models}).
 */
public record InferenceEvent(
        String eventId,
        String model,
        String modelVersion,
        long timestampMs,
        Map<String, Object> features,
        Object prediction,
        Double score,
        Map<String, Double> scores) {

    /** An event without per-class scores. */
    public InferenceEvent(
            String eventId,
            String model,
            String modelVersion,
            long timestampMs,
            Map<String, Object> features,
            Object prediction,
            Double score) {
        this(eventId, model, modelVersion, timestampMs, features, prediction, score, null);
    }
}
