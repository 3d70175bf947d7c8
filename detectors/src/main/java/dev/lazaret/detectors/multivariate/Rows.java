package dev.lazaret.detectors.multivariate;

/** Row validation shared by the multivariate classes. */
final class Rows {
    private Rows() {}

    static void check(double[] row, int dimensions) {
        if (row == null || row.length != dimensions) {
            throw new IllegalArgumentException(
                    String.format("row has %s values, expected %d", row == null ? "null" : row.length, dimensions));
        }
        for (int i = 0; i < row.length; i++) {
            if (!Double.isFinite(row[i])) {
                throw new IllegalArgumentException(String.format("row[%d] must be finite, got %s", i, row[i]));
            }
        }
    }

    static boolean complete(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
