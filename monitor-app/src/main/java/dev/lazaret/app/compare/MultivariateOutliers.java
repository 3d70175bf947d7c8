package dev.lazaret.app.compare;

import dev.lazaret.detectors.outlier.MahalanobisOutlierScore;
import dev.lazaret.detectors.rate.BinomialExcess;
import dev.lazaret.detectors.rate.BinomialExcessResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A joint look at the numeric features: the share of current rows whose squared Mahalanobis distance from the
 * reference (under its Ledoit–Wolf shrunk covariance) passes the chi-square cut-off for a nominal 1% of outliers,
 * tested against the reference's own share. Catches rows whose features are each ordinary but whose combination is
 * not, which per-feature tests cannot see. Reported beside the per-feature verdict; it does not change it.
 *
 * @param method always {@code mahalanobis-ledoit-wolf}
 * @param features the numeric features, in the order of the distance's dimensions
 * @param shrinkage the Ledoit–Wolf shrinkage intensity of the reference covariance
 * @param referenceRows complete reference rows (every numeric feature present and finite)
 * @param referenceRate the share of reference rows past the cut-off
 * @param currentRows complete current rows
 * @param currentOutliers current rows past the cut-off
 * @param expectedRate the rate tested against: the larger of the nominal 1% and {@code referenceRate}
 * @param pValue exact one-sided binomial p-value of a higher current rate
 * @param surge whether {@code pValue < alpha}
 */
record MultivariateOutliers(
        String method,
        List<String> features,
        double shrinkage,
        int referenceRows,
        double referenceRate,
        int currentRows,
        int currentOutliers,
        double expectedRate,
        double pValue,
        boolean surge) {

    static final double NOMINAL_RATE = 0.01;

    /**
     * Scores the rows, or says why not: fewer than two numeric features, too few complete rows, or a degenerate
     * reference covariance leave nothing to report.
     */
    static Optional<MultivariateOutliers> of(
            List<String> features, List<double[]> reference, List<double[]> current, double alpha) {
        if (features.size() < 2 || reference.size() <= features.size() || current.isEmpty()) {
            return Optional.empty();
        }
        MahalanobisOutlierScore score;
        try {
            score = MahalanobisOutlierScore.fit(reference.toArray(double[][]::new));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        double cutOff = score.threshold(NOMINAL_RATE);
        double referenceRate = (double) beyond(score, reference, cutOff) / reference.size();
        // Real data are rarely normal: heavier tails in clean data must not read as a surge.
        double expected = Math.min(0.5, Math.max(NOMINAL_RATE, referenceRate));
        int outliers = beyond(score, current, cutOff);
        BinomialExcessResult result = BinomialExcess.test(outliers, current.size(), expected);
        return Optional.of(new MultivariateOutliers(
                "mahalanobis-ledoit-wolf",
                List.copyOf(features),
                score.covariance().shrinkage(),
                reference.size(),
                referenceRate,
                current.size(),
                outliers,
                expected,
                result.pValue(),
                result.pValue() < alpha));
    }

    private static int beyond(MahalanobisOutlierScore score, List<double[]> rows, double cutOff) {
        int n = 0;
        for (double[] row : rows) {
            if (score.score(row) > cutOff) {
                n++;
            }
        }
        return n;
    }

    /** One line for the table report. */
    String line() {
        return String.format(
                Locale.ROOT,
                "multivariate (%s, shrinkage %.4f, on %s): %.2f%% of %d current rows past the 1%% chi-square "
                        + "cut-off, expected %.2f%% (reference %.2f%% of %d rows); p %.3g: %s",
                method,
                shrinkage,
                String.join(", ", features),
                100.0 * currentOutliers / currentRows,
                currentRows,
                100 * expectedRate,
                100 * referenceRate,
                referenceRows,
                pValue,
                surge ? "OUTLIER SURGE" : "no surge");
    }
}
