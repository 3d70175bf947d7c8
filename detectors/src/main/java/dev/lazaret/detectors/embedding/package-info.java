/**
 * Embedding drift per vector feature, in state that does not grow with the dimension: every vector is projected on a
 * fixed set of seeded random directions, and each projection is a numeric feature with its own quantile sketch.
 *
 * <ul>
 *   <li>{@link dev.lazaret.detectors.embedding.RandomProjections}: the directions, regenerated from (seed, count,
 *       dimension) so every instance and every restart projects alike.
 *   <li>{@link dev.lazaret.detectors.embedding.ProjectedSketches}: a vector stream's projections as a data set
 *       profile (one numeric feature per projection), for the reference and for each window.
 *   <li>{@link dev.lazaret.detectors.embedding.EmbeddingReference}: what a pinned reference stores per vector feature.
 *   <li>{@link dev.lazaret.detectors.embedding.EmbeddingJudge}: the decision, the univariate test per projection
 *       under the drift policy's false-discovery control, and the mean shift in reference standard deviations.
 * </ul>
 */
package dev.lazaret.detectors.embedding;
