package dev.lazaret.detectors.outlier;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Squared Mahalanobis distance of a row from the reference mean under the reference's {@link LedoitWolfCovariance}.
 *
 * <p>For multivariate normal data the squared distance follows a chi-square distribution with p degrees of
 * freedom, so {@link #threshold(double)} turns a target false-positive rate into a cut-off. Real data are rarely
 * normal: treat the rate as nominal and check the observed rate on clean data (see {@link dev.lazaret.detectors.rate.BinomialExcess}).
 *
 * <p>Immutable and thread-safe.
 */
public final class MahalanobisOutlierScore {
    private final LedoitWolfCovariance covariance;
    private final double[] mean;
    private final DecompositionSolver solver;
    private final ChiSquaredDistribution chiSquared;

    private MahalanobisOutlierScore(LedoitWolfCovariance covariance) {
        this.covariance = covariance;
        this.mean = covariance.mean();
        try {
            this.solver = new CholeskyDecomposition(MatrixUtils.createRealMatrix(covariance.covariance())).getSolver();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException(
                    "Reference covariance is not positive definite (are all reference rows identical?)", e);
        }
        this.chiSquared = ChiSquaredDistribution.of(covariance.dimensions());
    }

    /**
     * Fits the score to reference rows.
     *
     * @param reference at least two rows of equal length with finite values, not all identical
     * @throws IllegalArgumentException if the rows are invalid or degenerate
     */
    public static MahalanobisOutlierScore fit(double[][] reference) {
        return new MahalanobisOutlierScore(LedoitWolfCovariance.fit(reference));
    }

    /**
     * Builds the score on a covariance estimated elsewhere (streamed, or decoded from a stored reference).
     *
     * @throws IllegalArgumentException if the covariance is not positive definite
     */
    public static MahalanobisOutlierScore of(LedoitWolfCovariance covariance) {
        return new MahalanobisOutlierScore(covariance);
    }

    /** Returns the covariance estimate the score uses. */
    public LedoitWolfCovariance covariance() {
        return covariance;
    }

    /**
     * Returns the squared Mahalanobis distance {@code (x - m)ᵀ Σ⁻¹ (x - m)}.
     *
     * @throws IllegalArgumentException if the row has the wrong length or a non-finite value
     */
    public double score(double[] row) {
        Checks.dimensions("row", row, mean.length);
        double[] centred = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            centred[i] = row[i] - mean[i];
        }
        RealVector deviation = MatrixUtils.createRealVector(centred);
        return deviation.dotProduct(solver.solve(deviation));
    }

    /**
     * Returns the squared distance above which a row is an outlier at the given nominal false-positive rate: the
     * upper {@code falsePositiveRate} quantile of chi-square with p degrees of freedom.
     *
     * @throws IllegalArgumentException if the rate is not in (0, 1)
     */
    public double threshold(double falsePositiveRate) {
        Checks.openUnit("falsePositiveRate", falsePositiveRate);
        return chiSquared.inverseSurvivalProbability(falsePositiveRate);
    }

    /** Returns whether {@code score(row) > threshold(falsePositiveRate)}. */
    public boolean isOutlier(double[] row, double falsePositiveRate) {
        return score(row) > threshold(falsePositiveRate);
    }
}
