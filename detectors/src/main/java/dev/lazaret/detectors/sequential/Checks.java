package dev.lazaret.detectors.sequential;

/** Eager argument validation with formatted messages, in the manner of Commons Statistics' {@code Arguments}. */
final class Checks {
    private Checks() {}

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format("%s must be finite, got %s", name, value));
        }
        return value;
    }

    static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format("%s must be finite and >= 0, got %s", name, value));
        }
        return value;
    }

    static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format("%s must be finite and > 0, got %s", name, value));
        }
        return value;
    }

    static double openUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(String.format("%s must be in (0, 1), got %s", name, value));
        }
        return value;
    }

    static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(String.format("%s must be >= %d, got %d", name, minimum, value));
        }
        return value;
    }

    static double binary(double value) {
        if (value != 0.0 && value != 1.0) {
            throw new IllegalArgumentException(
                    String.format("Expected a 0/1 error indicator (1 = error), got %s", value));
        }
        return value;
    }

    static double unitInterval(double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(String.format("Expected a value in [0, 1], got %s", value));
        }
        return value;
    }
}
