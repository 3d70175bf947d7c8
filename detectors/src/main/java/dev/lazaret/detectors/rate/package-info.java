/**
 * Rate tests: is a count of events (outliers, errors, replayed records) higher than a known background rate explains?
 *
 * <ul>
 *   <li>{@link dev.lazaret.detectors.rate.BinomialExcess}: the one-sided exact binomial test, used for the drift
 *       outlier surge and error-rate degradation, the quarantine outlier surge and the replay check.
 * </ul>
 */
package dev.lazaret.detectors.rate;
