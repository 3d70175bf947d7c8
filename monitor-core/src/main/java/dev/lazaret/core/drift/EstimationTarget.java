package dev.lazaret.core.drift;

import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.detectors.performance.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a classifier's events carry its class probabilities, configured per model in {@code
 * drift.performance.estimate.models}; a model without one is not estimated. A binary classifier has one positive
 * class, read from the single {@code score} or from {@code scores[positiveClass]}; a multiclass classifier lists its
 * classes ({@code model:scores:a|b|c}) and every event carries {@code scores} with one score per class, estimated one
 * class against the rest.
 *
 * @param perClassScores true: read {@code scores}; false: read {@code score}
 * @param classes the positive class of a binary classifier, or a multiclass classifier's classes in the order its
 *     state keeps them, as label categories ({@code 1}, {@code yes})
 */
public record EstimationTarget(boolean perClassScores, List<String> classes) {
    public EstimationTarget {
        classes = List.copyOf(classes);
        if (classes.isEmpty() || (classes.size() > 1 && !perClassScores)) {
            throw new IllegalArgumentException("a multiclass estimation reads scores, one per class");
        }
    }

    /** A binary classifier's target. */
    public EstimationTarget(boolean perClassScores, String positiveClass) {
        this(perClassScores, List.of(positiveClass));
    }

    /**
     * Parses {@code model:score:class}, {@code model:scores:class} and {@code model:scores:a|b|c} triples (validated
     * by the config).
     */
    static Map<String, EstimationTarget> parse(List<String> triples) {
        Map<String, EstimationTarget> out = new TreeMap<>();
        for (String triple : triples) {
            String[] parts = triple.trim().split(":", -1);
            List<String> classes = new ArrayList<>();
            for (String c : parts[2].split("\\|", -1)) {
                classes.add(Correctness.category(c.trim()));
            }
            out.put(parts[0].trim(), new EstimationTarget(parts[1].trim().equals("scores"), classes));
        }
        return out;
    }

    /** Whether the model is estimated one class against the rest. */
    public boolean multiclass() {
        return classes.size() > 1;
    }

    /**
     * The metric's name in reports, metrics and alerts: a multiclass classifier's precision, recall, F1 and ROC-AUC
     * are macro averages over its classes, named {@code precision_macro} and so on; accuracy is accuracy.
     */
    public String metricName(Metric metric) {
        return multiclass() && metric != Metric.ACCURACY ? metric.label() + "_macro" : metric.label();
    }

    /** A binary classifier's positive class. */
    String positiveClass() {
        return classes.get(0);
    }

    /** The event's probability of the positive class, or NaN when it has none (binary). */
    double score(InferenceEvent event) {
        if (perClassScores) {
            Map<String, Double> scores = event.scores();
            Double s = scores == null ? null : scores.get(positiveClass());
            return s == null ? Double.NaN : s;
        }
        return event.score() == null ? Double.NaN : event.score();
    }

    /** The event's score of each class, in class order; empty when it lacks one (multiclass). */
    List<Double> classScores(InferenceEvent event) {
        Map<String, Double> scores = event.scores();
        if (scores == null) {
            return List.of();
        }
        List<Double> out = new ArrayList<>(classes.size());
        for (String c : classes) {
            Double s = scores.get(c);
            if (s == null) {
                return List.of();
            }
            out.add(s);
        }
        return out;
    }

    /** Whether a prediction or label category is the positive class (numbers compared as numbers). */
    boolean isPositive(String category) {
        return category != null && !Correctness.isError(category, positiveClass());
    }

    /** The index of a prediction or label category among the classes (numbers compared as numbers), or -1. */
    int classIndex(String category) {
        if (category == null) {
            return -1;
        }
        for (int k = 0; k < classes.size(); k++) {
            if (!Correctness.isError(category, classes.get(k))) {
                return k;
            }
        }
        return -1;
    }
}
