/**
 * Outlier scores against a trusted reference and a test for an outlier surge.
 *
 * <ul>
 *   <li>{@link dev.lazaret.detectors.outlier.RobustZScore}: one feature, median and robust scale of the reference
 *       (sample MAD, or a profile's IQR with a standard-deviation fallback), and its {@link
 *       dev.lazaret.detectors.outlier.OutlierBounds}.
 *   <li>{@link dev.lazaret.detectors.outlier.ReferenceOutlierRate}: the reference's own outlier rate, per value or per
 *       row, the null rate of a surge test.
 *   <li>{@link dev.lazaret.detectors.outlier.MahalanobisOutlierScore}: rows, squared Mahalanobis distance under a
 *       {@link dev.lazaret.detectors.outlier.LedoitWolfCovariance}, with a chi-square threshold.
 *   <li>The surge test itself is {@link dev.lazaret.detectors.rate.BinomialExcess}.
 * </ul>
 *
 * <p>Fitted scores are immutable. Nothing here reads a clock.
 */
package dev.lazaret.detectors.outlier;
