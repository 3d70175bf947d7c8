package dev.lazaret.detectors.multivariate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * Principal components of standardised reference rows and the reconstruction error of a row: the Euclidean distance
 * between the row (standardised by the reference mean and standard deviation) and its projection on the kept
 * components. Rows that follow the reference's correlations lie close to the kept subspace; a change of how the
 * features move together moves mass into the dropped directions, which no single feature's distribution shows.
 *
 * <p>Components are the eigenvectors of the reference correlation matrix (the covariance of the standardised rows,
 * divisor n, as scikit-learn's {@code StandardScaler} then {@code PCA}), in decreasing order of eigenvalue; the model
 * keeps the fewest that explain at least the stated share of the variance, and never all of them (at most d − 1), so
 * some direction is always left to measure. A feature with zero reference variance is centred but not scaled.
 *
 * <p>Immutable; O(k·d) numbers.
 */
public final class PcaModel {
    /** Default share of the variance the kept components explain; see {@code detectors/README-multivariate.md}. */
    public static final double DEFAULT_VARIANCE_SHARE = 0.9;

    private final double[] mean;
    private final double[] scale;
    private final double[][] components;
    private final double explainedShare;

    private PcaModel(double[] mean, double[] scale, double[][] components, double explainedShare) {
        this.mean = mean;
        this.scale = scale;
        this.components = components;
        this.explainedShare = explainedShare;
    }

    /**
     * Fits the model from a reference's moments.
     *
     * @param moments moments of at least two rows of at least two dimensions
     * @param varianceShare share of the standardised variance the kept components must explain, in (0, 1)
     * @throws IllegalArgumentException if there are fewer than two dimensions or rows, or the share is out of range
     */
    public static PcaModel fit(RowMoments moments, double varianceShare) {
        if (!(varianceShare > 0 && varianceShare < 1)) {
            throw new IllegalArgumentException("varianceShare must be in (0, 1), got " + varianceShare);
        }
        int d = moments.dimensions();
        if (d < 2 || moments.count() < 2) {
            throw new IllegalArgumentException(
                    String.format("PCA needs at least 2 features and 2 rows, got %d and %d", d, moments.count()));
        }
        double[][] covariance = moments.covariance();
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            double sd = Math.sqrt(covariance[i][i]);
            scale[i] = sd > 0 ? sd : 1;
        }
        double[][] correlation = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                correlation[i][j] = covariance[i][j] / (scale[i] * scale[j]);
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(MatrixUtils.createRealMatrix(correlation));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        int kept = 0;
        double explained = 0;
        while (kept < d - 1 && (total == 0 || explained / total < varianceShare)) {
            explained += Math.max(0, values[order[kept]]);
            kept++;
        }
        double[][] components = new double[kept][];
        for (int c = 0; c < kept; c++) {
            components[c] = eigen.getEigenvector(order[c]).toArray();
        }
        return new PcaModel(moments.mean(), scale, components, total == 0 ? 0 : explained / total);
    }

    /** Rebuilds a model from its parts (the codec's inverse of the accessors). */
    public static PcaModel restore(double[] mean, double[] scale, double[][] components, double explainedShare) {
        int d = mean.length;
        if (scale.length != d || components.length >= d || components.length == 0) {
            throw new IllegalArgumentException(String.format(
                    "inconsistent PCA model: %d means, %d scales, %d components", d, scale.length, components.length));
        }
        for (double[] c : components) {
            if (c.length != d) {
                throw new IllegalArgumentException("component of length " + c.length + ", expected " + d);
            }
        }
        return new PcaModel(mean.clone(), scale.clone(), Rows.copy(components), explainedShare);
    }

    /**
     * Returns the reconstruction error of a row: {@code ||z - W Wᵀ z||} with z the standardised row and W the kept
     * components.
     *
     * @throws IllegalArgumentException if the row has the wrong length or a non-finite value
     */
    public double reconstructionError(double[] row) {
        Rows.check(row, mean.length);
        int d = mean.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            z[i] = (row[i] - mean[i]) / scale[i];
        }
        double[] residual = z.clone();
        for (double[] w : components) {
            double projection = 0;
            for (int i = 0; i < d; i++) {
                projection += w[i] * z[i];
            }
            for (int i = 0; i < d; i++) {
                residual[i] -= projection * w[i];
            }
        }
        double sum = 0;
        for (double r : residual) {
            sum += r * r;
        }
        return Math.sqrt(sum);
    }

    public int dimensions() {
        return mean.length;
    }

    /** Number of kept components. */
    public int components() {
        return components.length;
    }

    /** Share of the standardised variance the kept components explain. */
    public double explainedShare() {
        return explainedShare;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    /** The kept components, one unit vector per row, largest eigenvalue first. */
    public double[][] componentVectors() {
        return Rows.copy(components);
    }
}
