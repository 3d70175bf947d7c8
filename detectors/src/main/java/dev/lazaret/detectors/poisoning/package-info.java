/**
 * Poisoning signals for training batches: label distribution shift, conditional label shift (label flips),
 * backdoor-trigger candidates, exact and near-duplicate floods, replay of approved records and per-class centroid
 * shift.
 *
 * <p>Entry points: build a {@link dev.lazaret.detectors.poisoning.FeatureBins} from approved rows with a
 * {@link dev.lazaret.detectors.poisoning.FeatureBinsAccumulator}, accumulate a
 * {@link dev.lazaret.detectors.poisoning.PoisoningReference} over the same rows, feed each batch to a
 * {@link dev.lazaret.detectors.poisoning.BatchPoisoningAccumulator} and call
 * {@link dev.lazaret.detectors.poisoning.PoisoningChecks#evaluate}. All state is bounded (sketches and capped tables),
 * encodable to a versioned {@code byte[]} and mergeable, so per-partition state can be combined.
 */
package dev.lazaret.detectors.poisoning;
