package dev.lazaret.detectors.outlier;

/**
 * Ledoit–Wolf shrinkage estimate of a covariance matrix: Ledoit and Wolf (2004), "A well-conditioned estimator for
 * large-dimensional covariance matrices", Journal of Multivariate Analysis 88(2), doi:10.1016/S0047-259X(03)00096-4.
 *
 * <p>With S the sample covariance (divisor n), {@code μ = tr(S)/p}, {@code d² = ||S - μI||²/p} and
 * {@code b̄² = (1/n²) Σ_k ||x_k x_kᵀ - S||²/p} over the centred rows x_k, the estimate is {@code (1 - ρ) S + ρ μ I}
 * with shrinkage {@code ρ = min(b̄², d²) / d²} (norms are Frobenius). The result is positive definite whenever μ > 0
 * and ρ > 0, even with fewer rows than columns, which is what makes it usable for a Mahalanobis distance.
 *
 * <p>Immutable; accessors return copies.
 */
public final class LedoitWolfCovariance {
    private final double[] mean;
    private final double[][] covariance;
    private final double shrinkage;

    private LedoitWolfCovariance(double[] mean, double[][] covariance, double shrinkage) {
        this.mean = mean;
        this.covariance = covariance;
        this.shrinkage = shrinkage;
    }

    /**
     * Estimates mean and shrunk covariance from reference rows.
     *
     * @param rows at least two rows of equal, non-zero length with finite values; not modified
     * @throws IllegalArgumentException if the rows are null, fewer than two, ragged or not finite
     */
    public static LedoitWolfCovariance fit(double[][] rows) {
        Checks.finiteRows("rows", rows, 2);
        int n = rows.length;
        int p = rows[0].length;
        double[] mean = new double[p];
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[][] centred = new double[n][p];
        double[][] sample = new double[p][p];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < p; j++) {
                centred[k][j] = rows[k][j] - mean[j];
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    sample[i][j] += centred[k][i] * centred[k][j];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                sample[i][j] /= n;
            }
            trace += sample[i][i];
        }
        double mu = trace / p;

        double d2 = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double target = i == j ? mu : 0;
                d2 += (sample[i][j] - target) * (sample[i][j] - target);
            }
        }
        d2 /= p;

        double b2Bar = 0;
        for (double[] x : centred) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    double diff = x[i] * x[j] - sample[i][j];
                    b2Bar += diff * diff;
                }
            }
        }
        b2Bar /= p * (double) n * n;

        double shrinkage = d2 == 0 ? 0 : Math.min(b2Bar, d2) / d2;
        double[][] shrunk = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                shrunk[i][j] = (1 - shrinkage) * sample[i][j] + (i == j ? shrinkage * mu : 0);
            }
        }
        return new LedoitWolfCovariance(mean, shrunk, shrinkage);
    }

    /** Returns the number of columns. */
    public int dimensions() {
        return mean.length;
    }

    /** Returns a copy of the column means. */
    public double[] mean() {
        return mean.clone();
    }

    /** Returns a copy of the shrunk covariance matrix. */
    public double[][] covariance() {
        double[][] copy = new double[covariance.length][];
        for (int i = 0; i < covariance.length; i++) {
            copy[i] = covariance[i].clone();
        }
        return copy;
    }

    /** Returns the shrinkage intensity ρ in [0, 1] (0 = sample covariance, 1 = scaled identity). */
    public double shrinkage() {
        return shrinkage;
    }
}
