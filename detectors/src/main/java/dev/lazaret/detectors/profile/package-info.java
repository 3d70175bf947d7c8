/**
 * Mergeable, bounded-memory profiles of a reference data set or of one window of traffic.
 *
 * <p>A {@link dev.lazaret.detectors.profile.DatasetProfile} holds one {@link
 * dev.lazaret.detectors.profile.FeatureProfile} per feature: a {@link dev.lazaret.detectors.profile.NumericProfile}
 * (KLL quantile sketch plus exact moments) or a {@link dev.lazaret.detectors.profile.CategoricalProfile} (exact counts
 * up to a cardinality limit, a frequent-items sketch above it, and an HLL distinct count). Profiles built on separate
 * partitions can be merged, so per-partition state combines into one window. Memory does not grow with the number of
 * records. The binary form lives in {@code dev.lazaret.detectors.codec}.
 */
package dev.lazaret.detectors.profile;
