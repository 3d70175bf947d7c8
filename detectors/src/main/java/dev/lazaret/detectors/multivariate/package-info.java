/**
 * Multivariate drift over a model's numeric features, in bounded state: changes of how features move together that
 * no single feature's distribution shows.
 *
 * <ul>
 *   <li>{@link dev.lazaret.detectors.multivariate.RowMoments}: streamed, mergeable mean and covariance (O(d²)).
 *   <li>{@link dev.lazaret.detectors.multivariate.PcaModel}: principal components of the standardised reference,
 *       reconstruction error of a row.
 *   <li>{@link dev.lazaret.detectors.multivariate.MultivariateReference}: what a pinned reference stores (PCA model,
 *       a KLL sketch of its own reconstruction errors, Ledoit–Wolf covariance, its Mahalanobis outlier rate).
 *   <li>{@link dev.lazaret.detectors.multivariate.MultivariateWindow} and {@link
 *       dev.lazaret.detectors.multivariate.MultivariateAccumulator}: what a window or batch accumulates, row by row.
 *   <li>{@link dev.lazaret.detectors.multivariate.MultivariateJudge}: the decision, under the univariate policy.
 * </ul>
 */
package dev.lazaret.detectors.multivariate;
