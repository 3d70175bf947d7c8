/**
 * The drift decision: which features of a window drifted against the reference, and whether the data set as a whole
 * did.
 *
 * <p>A feature drifts only when its test is significant after correcting for testing many features at once AND its
 * effect size clears a floor. The p-value alone would cry wolf at large windows: with a million records per window a
 * shift of 0.02 standard deviations is "significant" but of no consequence to a model. See {@link
 * dev.lazaret.detectors.policy.DriftPolicy} for the defaults and their reasons.
 */
package dev.lazaret.detectors.policy;
