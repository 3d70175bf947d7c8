package dev.lazaret.core.drift;

import dev.lazaret.core.contract.InferenceEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a binary classifier's events carry the probability of its positive class: the single {@code score}, or
 * {@code scores[positiveClass]} (one score per class). Configured per model in {@code
 * drift.performance.estimate.models}; a model without one is not estimated.
 *
 * @param perClassScores true: read {@code scores}; false: read {@code score}
 * @param positiveClass the positive class as a label category ({@code 1}, {@code yes})
 */
public record EstimationTarget(boolean perClassScores, String positiveClass) {

    /** Parses {@code model:score:class} and {@code model:scores:class} triples (validated by the config). */
    static Map<String, EstimationTarget> parse(List<String> triples) {
        Map<String, EstimationTarget> out = new TreeMap<>();
        for (String triple : triples) {
            String[] parts = triple.trim().split(":", -1);
            out.put(
                    parts[0].trim(),
                    new EstimationTarget(parts[1].trim().equals("scores"), Correctness.category(parts[2].trim())));
        }
        return out;
    }

    /** The event's probability of the positive class, or NaN when it has none. */
    double score(InferenceEvent event) {
        if (perClassScores) {
            Map<String, Double> scores = event.scores();
            Double s = scores == null ? null : scores.get(positiveClass);
            return s == null ? Double.NaN : s;
        }
        return event.score() == null ? Double.NaN : event.score();
    }

    /** Whether a prediction or label category is the positive class (numbers compared as numbers). */
    boolean isPositive(String category) {
        return category != null && !Correctness.isError(category, positiveClass);
    }
}
