package dev.lazaret.detectors.outlier;

/** Eager argument validation with formatted messages. */
final class Checks {
    private Checks() {}

    static double[] finiteVector(String name, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(String.format("%s must not be null", name));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(String.format("%s[%d] must be finite, got %s", name, i, values[i]));
            }
        }
        return values;
    }

    static double[][] finiteRows(String name, double[][] rows, int minRows) {
        if (rows == null || rows.length < minRows) {
            throw new IllegalArgumentException(String.format(
                    "%s needs at least %d rows, got %s", name, minRows, rows == null ? "null" : rows.length));
        }
        int dimensions = -1;
        for (int r = 0; r < rows.length; r++) {
            finiteVector(name + "[" + r + "]", rows[r]);
            if (dimensions < 0) {
                dimensions = rows[r].length;
            } else if (rows[r].length != dimensions) {
                throw new IllegalArgumentException(
                        String.format("%s[%d] has %d columns, expected %d", name, r, rows[r].length, dimensions));
            }
        }
        if (dimensions == 0) {
            throw new IllegalArgumentException(String.format("%s rows must have at least one column", name));
        }
        return rows;
    }

    static void dimensions(String name, double[] row, int expected) {
        finiteVector(name, row);
        if (row.length != expected) {
            throw new IllegalArgumentException(
                    String.format("%s has %d values, expected %d", name, row.length, expected));
        }
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
}
