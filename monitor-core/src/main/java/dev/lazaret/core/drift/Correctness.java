package dev.lazaret.core.drift;

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

    /** The category a prediction or label is counted under: integral numbers without a fraction ("1", not "1.0"). */
    static String category(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        return value.toString();
    }

    private static Double asNumber(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
