package dev.lazaret.detectors.multivariate;

/**
 * Count, mean and co-moment matrix of d-dimensional rows, updated one row at a time (Welford) and mergeable (Chan et
 * al.), so a covariance is known after one pass in O(d²) state whatever the number of rows.
 *
 * <p>Not thread-safe.
 */
public final class RowMoments {
    private final int dimensions;
    private long count;
    private final double[] mean;
    private final double[][] comoment;

    private RowMoments(int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
        }
        this.dimensions = dimensions;
        this.mean = new double[dimensions];
        this.comoment = new double[dimensions][dimensions];
    }

    /** Empty moments of rows of {@code dimensions} values. */
    public static RowMoments create(int dimensions) {
        return new RowMoments(dimensions);
    }

    /**
     * Adds one row.
     *
     * @throws IllegalArgumentException if the row has the wrong length or a non-finite value
     */
    public void accept(double[] row) {
        Rows.check(row, dimensions);
        count++;
        double[] before = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            before[i] = row[i] - mean[i];
            mean[i] += before[i] / count;
        }
        for (int i = 0; i < dimensions; i++) {
            double after = row[i] - mean[i];
            for (int j = 0; j < dimensions; j++) {
                comoment[j][i] += before[j] * after;
            }
        }
    }

    /** Merges another accumulator of the same dimensions into this one; the other is unchanged. */
    public void merge(RowMoments other) {
        if (other.dimensions != dimensions) {
            throw new IllegalArgumentException(
                    String.format("cannot merge %d-dimensional moments into %d", other.dimensions, dimensions));
        }
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        double[] delta = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            delta[i] = other.mean[i] - mean[i];
        }
        double weight = (double) count * other.count / total;
        for (int i = 0; i < dimensions; i++) {
            for (int j = 0; j < dimensions; j++) {
                comoment[i][j] += other.comoment[i][j] + delta[i] * delta[j] * weight;
            }
        }
        for (int i = 0; i < dimensions; i++) {
            mean[i] += delta[i] * other.count / total;
        }
        count = total;
    }

    public int dimensions() {
        return dimensions;
    }

    public long count() {
        return count;
    }

    /** Returns a copy of the column means. */
    public double[] mean() {
        return mean.clone();
    }

    /** Returns the covariance matrix with divisor n ({@code numpy.cov(rows, rowvar=False, bias=True)}). */
    public double[][] covariance() {
        if (count == 0) {
            throw new IllegalStateException("no rows");
        }
        double[][] c = new double[dimensions][dimensions];
        for (int i = 0; i < dimensions; i++) {
            for (int j = 0; j < dimensions; j++) {
                // Symmetrised: Welford's one-sided update leaves rounding-level asymmetry.
                c[i][j] = (comoment[i][j] + comoment[j][i]) / (2.0 * count);
            }
        }
        return c;
    }
}
