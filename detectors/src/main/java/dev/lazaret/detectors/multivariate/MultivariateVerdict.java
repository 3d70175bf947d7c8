package dev.lazaret.detectors.multivariate;

/**
 * The multivariate judgement of one window (or batch) against its reference.
 *
 * @param tested whether the window had enough scored rows to be judged
 * @param features number of numeric features in the model
 * @param components PCA components kept
 * @param rows rows scored
 * @param incompleteRows rows not scored (a numeric feature missing)
 * @param reconstructionStatistic KS D (sketch, rank-error adjusted) between the window's and the reference's
 *     reconstruction errors
 * @param reconstructionPValue its p-value
 * @param reconstructionWasserstein W1 between the two error distributions / the reference errors' IQR
 * @param referenceMedianError median reconstruction error of the reference
 * @param windowMedianError median reconstruction error of the window
 * @param reconstructionDrift the reconstruction test rejected (p below alpha / 2) and an effect floor was reached
 * @param outliers scored rows past the Mahalanobis cut-off
 * @param outlierRate outliers / rows
 * @param expectedOutlierRate the rate tested against: the reference's own, at least the nominal 1%
 * @param outlierPValue one-sided binomial p-value of a higher rate
 * @param outlierSurge the outlier test rejected (p below alpha / 2) and the rate is at least the minimum ratio times
 *     the expected rate
 * @param drift reconstruction drift or outlier surge: the MULTIVARIATE_DRIFT condition
 * @param reason one sentence for a person
 */
public record MultivariateVerdict(
        boolean tested,
        int features,
        int components,
        long rows,
        long incompleteRows,
        double reconstructionStatistic,
        double reconstructionPValue,
        double reconstructionWasserstein,
        double referenceMedianError,
        double windowMedianError,
        boolean reconstructionDrift,
        long outliers,
        double outlierRate,
        double expectedOutlierRate,
        double outlierPValue,
        boolean outlierSurge,
        boolean drift,
        String reason) {

    /** A window that could not be judged, and why. */
    public static MultivariateVerdict untested(int features, int components, long rows, long incomplete, String why) {
        return new MultivariateVerdict(
                false,
                features,
                components,
                rows,
                incomplete,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                false,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                false,
                false,
                why);
    }

    /** The smaller of the two p-values, Bonferroni-adjusted for the two tests (for a single score metric). */
    public double pValue() {
        return Math.min(1, 2 * Math.min(reconstructionPValue, outlierPValue));
    }
}
