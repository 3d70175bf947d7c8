package dev.lazaret.detectors.multivariate;

/**
 * One complete row scored against a {@link MultivariateReference}.
 *
 * @param reconstructionError PCA reconstruction error ({@link PcaModel#reconstructionError})
 * @param mahalanobis squared Mahalanobis distance under the reference's Ledoit–Wolf covariance
 * @param outlier whether the distance passes the reference's chi-square cut-off
 */
public record RowScore(double reconstructionError, double mahalanobis, boolean outlier) {}
