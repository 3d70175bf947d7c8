/**
 * Outlier scores against a trusted reference and a test for an outlier surge.
 *
 * <ul>
 *   <li>{@link dev.lazaret.detectors.outlier.RobustZScore}: one feature, median and scaled MAD of the reference.
 *   <li>{@link dev.lazaret.detectors.outlier.MahalanobisOutlierScore}: rows, squared Mahalanobis distance under a
 *       {@link dev.lazaret.detectors.outlier.LedoitWolfCovariance}, with a chi-square threshold.
 *   <li>{@link dev.lazaret.detectors.outlier.OutlierRateStatistic}: is the share of outliers in a batch or window
 *       higher than the reference rate?
 * </ul>
 *
 * <p>Fitted scores are immutable. Nothing here reads a clock.
 */
package dev.lazaret.detectors.outlier;
