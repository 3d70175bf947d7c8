/**
 * The statistical core of Lazaret: profiles of reference and current data, two-sample comparisons, the drift
 * decision policy, sequential change detectors, outlier scores and poisoning signals.
 *
 * <p>Pure Java by design: nothing here imports Kafka or Micrometer (the build enforces it), and nothing reads a
 * clock; time, where it matters, is passed in.
 */
package dev.lazaret.detectors;
