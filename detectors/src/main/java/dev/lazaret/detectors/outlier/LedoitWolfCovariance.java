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
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                sample[i][j] /= n;
            }
        }
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
        return shrink(mean, sample, b2Bar);
    }

    /**
     * Estimates the same shrunk covariance from streamed sums, in O(p²) state: the mean and sample covariance
     * (divisor n) of a first pass, and {@code Σ_k ||x_k - mean||⁴} of a second. Uses
     * {@code Σ_k ||x_k x_kᵀ - S||² = Σ_k ||x_k||⁴ - n ||S||²} for centred rows, so the result equals {@link #fit}.
     *
     * @param mean column means
     * @param sample sample covariance, divisor n, p × p
     * @param rows n, at least 2
     * @param sumFourthPowers Σ over the rows of the squared squared-norm of the centred row
     * @throws IllegalArgumentException on inconsistent dimensions or values
     */
    public static LedoitWolfCovariance fromMoments(
            double[] mean, double[][] sample, long rows, double sumFourthPowers) {
        Checks.finiteVector("mean", mean);
        int p = mean.length;
        Checks.finiteRows("sample", sample, p);
        if (sample.length != p || sample[0].length != p || rows < 2 || !(sumFourthPowers >= 0)) {
            throw new IllegalArgumentException(String.format(
                    "inconsistent moments: %d means, %d x %d covariance, %d rows, fourth-power sum %s",
                    p, sample.length, sample[0].length, rows, sumFourthPowers));
        }
        double frobenius = 0;
        for (double[] r : sample) {
            for (double v : r) {
                frobenius += v * v;
            }
        }
        double n = rows;
        double b2Bar = Math.max(0, sumFourthPowers - n * frobenius) / (p * n * n);
        double[][] copy = new double[p][];
        for (int i = 0; i < p; i++) {
            copy[i] = sample[i].clone();
        }
        return shrink(mean.clone(), copy, b2Bar);
    }

    /** Rebuilds an estimate from its parts (for codecs); the covariance must be p × p. */
    public static LedoitWolfCovariance restore(double[] mean, double[][] covariance, double shrinkage) {
        Checks.finiteVector("mean", mean);
        Checks.finiteRows("covariance", covariance, mean.length);
        if (covariance.length != mean.length || covariance[0].length != mean.length) {
            throw new IllegalArgumentException("covariance must be " + mean.length + " x " + mean.length);
        }
        double[][] copy = new double[mean.length][];
        for (int i = 0; i < mean.length; i++) {
            copy[i] = covariance[i].clone();
        }
        return new LedoitWolfCovariance(mean.clone(), copy, shrinkage);
    }

    private static LedoitWolfCovariance shrink(double[] mean, double[][] sample, double b2Bar) {
        int p = mean.length;
        double trace = 0;
        for (int i = 0; i < p; i++) {
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
