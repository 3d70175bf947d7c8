package dev.lazaret.detectors.poisoning;

/**
 * Result of a contingency-table test.
 *
 * @param statistic the test statistic (chi-square or G)
 * @param pValue the p-value under the chi-square distribution with (rows-1)(columns-1) degrees of freedom
 */
public record ContingencyResult(double statistic, double pValue) {}
