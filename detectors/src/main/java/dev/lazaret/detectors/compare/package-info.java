/**
 * Two-sample comparisons of a reference and a current window, from raw samples, from profiles, or from count maps.
 *
 * <p>Every comparison returns a {@link dev.lazaret.detectors.compare.Comparison}: a test statistic, a p-value where
 * the method has one, and an effect size. The p-value says whether a difference is detectable; the effect size says
 * whether it matters. At a million records per window almost every difference is detectable, which is why the drift
 * policy in {@code dev.lazaret.detectors.policy} requires both.
 *
 * <p>All classes here are stateless utilities; they validate arguments eagerly and throw {@link
 * java.lang.IllegalArgumentException}.
 */
package dev.lazaret.detectors.compare;
