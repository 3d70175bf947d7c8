package dev.lazaret.core.contract;

import java.util.Map;

/**
 * One prediction served by a model, as produced to {@code inference.events} (key = model).
 *
 * @param timestampMs event time, epoch milliseconds
 * @param features feature name to value: {@link Double}, {@link String}, {@link Boolean} or {@code null}
 * @param prediction the predicted value: {@link String}, {@link Double}, {@link Boolean} or {@code null}
 * @param score the model's score or confidence; {@code null} when the model gives none
 */
public record InferenceEvent(
        String eventId,
        String model,
        String modelVersion,
        long timestampMs,
        Map<String, Object> features,
        Object prediction,
        Double score) {}
