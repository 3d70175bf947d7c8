package dev.lazaret.detectors.multivariate;

import dev.lazaret.detectors.outlier.LedoitWolfCovariance;
import dev.lazaret.detectors.outlier.MahalanobisOutlierScore;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The multivariate part of a pinned reference, over its numeric features in a fixed order: a {@link PcaModel}, a KLL
 * sketch of the reference's own reconstruction errors, the Ledoit–Wolf covariance of the rows and the share of
 * reference rows past the Mahalanobis cut-off. A window is judged against it by {@link MultivariateJudge}.
 *
 * <p>State: O(d²) numbers (mean, scale, k ≤ d − 1 components, the d × d covariance) plus one KLL sketch (≈5 KB at
 * k = 200); for d = 20 about 9 KB encoded. Immutable.
 *
 * @param features the numeric features, in the order of a row's values
 * @param pca the principal components of the standardised reference rows
 * @param referenceErrors the reference rows' reconstruction errors
 * @param covariance Ledoit–Wolf covariance of the reference rows
 * @param referenceOutlierRate share of reference rows whose squared distance passes {@link #outlierCutOff()}
 * @param rows complete reference rows the model was fitted on
 */
public record MultivariateReference(
        List<String> features,
        PcaModel pca,
        NumericProfile referenceErrors,
        LedoitWolfCovariance covariance,
        double referenceOutlierRate,
        long rows) {

    /** Nominal share of rows past the Mahalanobis cut-off under multivariate normality (as {@code compare}). */
    public static final double NOMINAL_OUTLIER_RATE = 0.01;

    /** Validates and copies the feature list. */
    public MultivariateReference {
        features = List.copyOf(features);
        if (features.size() != pca.dimensions() || features.size() != covariance.dimensions()) {
            throw new IllegalArgumentException(
                    String.format("%d features but a %d-dimensional model", features.size(), pca.dimensions()));
        }
    }

    /** Something that can feed the same rows more than once; a row with a non-finite value is incomplete. */
    @FunctionalInterface
    public interface RowSource {
        void forEach(Consumer<double[]> consumer);
    }

    /**
     * Fits the multivariate reference in three passes over the rows (moments; reconstruction errors and the fourth
     * moments Ledoit–Wolf needs; Mahalanobis distances), each in O(d²) state. Incomplete rows are skipped.
     *
     * @param features names of the row's values, at least two
     * @param rows the reference rows, re-runnable
     * @param varianceShare the share of variance the kept components explain, in (0, 1)
     * @return the reference, or empty when there are fewer than two features, no more complete rows than features,
     *     or the covariance is degenerate (every row identical)
     */
    public static Optional<MultivariateReference> fit(List<String> features, RowSource rows, double varianceShare) {
        int d = features.size();
        if (d < 2) {
            return Optional.empty();
        }
        RowMoments moments = RowMoments.create(d);
        rows.forEach(row -> {
            if (Rows.complete(row)) {
                moments.accept(row);
            }
        });
        if (moments.count() <= d) {
            return Optional.empty();
        }
        PcaModel pca = PcaModel.fit(moments, varianceShare);
        double[] mean = moments.mean();
        NumericProfile errors = NumericProfile.create();
        double[] fourth = new double[1];
        rows.forEach(row -> {
            if (Rows.complete(row)) {
                errors.update(pca.reconstructionError(row));
                double squaredNorm = 0;
                for (int i = 0; i < d; i++) {
                    double c = row[i] - mean[i];
                    squaredNorm += c * c;
                }
                fourth[0] += squaredNorm * squaredNorm;
            }
        });
        LedoitWolfCovariance covariance =
                LedoitWolfCovariance.fromMoments(mean, moments.covariance(), moments.count(), fourth[0]);
        MahalanobisOutlierScore score;
        try {
            score = MahalanobisOutlierScore.of(covariance);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        double cutOff = score.threshold(NOMINAL_OUTLIER_RATE);
        long[] beyond = new long[1];
        rows.forEach(row -> {
            if (Rows.complete(row) && score.score(row) > cutOff) {
                beyond[0]++;
            }
        });
        return Optional.of(new MultivariateReference(
                features, pca, errors, covariance, (double) beyond[0] / moments.count(), moments.count()));
    }

    /** Fits on rows held in memory; see {@link #fit(List, RowSource, double)}. */
    public static Optional<MultivariateReference> fit(List<String> features, List<double[]> rows, double share) {
        return fit(features, rows::forEach, share);
    }

    /** The Mahalanobis score on this reference's covariance. */
    public MahalanobisOutlierScore mahalanobis() {
        return MahalanobisOutlierScore.of(covariance);
    }

    /** The squared-distance cut-off for {@link #NOMINAL_OUTLIER_RATE} (chi-square with d degrees of freedom). */
    public double outlierCutOff() {
        return mahalanobis().threshold(NOMINAL_OUTLIER_RATE);
    }

    /** A scorer for many rows: decomposes the covariance once. */
    public Scorer scorer() {
        return new Scorer(this);
    }

    /** Scores rows against the reference; holds the Cholesky factor, so build one per reference, not per row. */
    public static final class Scorer {
        private final MultivariateReference reference;
        private final PcaModel pca;
        private final MahalanobisOutlierScore mahalanobis;
        private final double cutOff;

        private Scorer(MultivariateReference reference) {
            this.reference = reference;
            this.pca = reference.pca();
            this.mahalanobis = reference.mahalanobis();
            this.cutOff = mahalanobis.threshold(NOMINAL_OUTLIER_RATE);
        }

        /** The reference this scorer scores against. */
        public MultivariateReference reference() {
            return reference;
        }

        /** Scores a complete row; throws IllegalArgumentException on a wrong length or non-finite value. */
        public RowScore score(double[] row) {
            double distance = mahalanobis.score(row);
            return new RowScore(pca.reconstructionError(row), distance, distance > cutOff);
        }
    }
}
