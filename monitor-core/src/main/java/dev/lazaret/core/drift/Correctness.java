package dev.lazaret.core.drift;

import dev.lazaret.detectors.label.Labels;

/** Whether a prediction matched its label, comparing numbers as numbers (1 equals 1.0) and the rest as text. */
final class Correctness {
    private Correctness() {}

    static boolean isError(String prediction, String label) {
        if (prediction == null || label == null) {
            return true;
        }
        Double p = asNumber(prediction);
        Double l = asNumber(label);
        if (p != null && l != null) {
            return Double.compare(p, l) != 0;
        }
        return !prediction.equals(label);
    }

    /** The category a prediction or label is counted under: {@link Labels#category}, as reference import counts it. */
    static String category(Object value) {
        return Labels.category(value);
    }

    private static Double asNumber(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
