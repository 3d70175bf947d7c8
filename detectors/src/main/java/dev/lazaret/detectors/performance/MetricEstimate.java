package dev.lazaret.detectors.performance;

/**
 * One estimated metric.
 *
 * @param value the expected value under the calibration (NaN when undefined, e.g. precision without a predicted
 *     positive)
 * @param standardError the sampling error of the window: the standard deviation of the realised metric around the
 *     estimate if the calibration holds
 */
public record MetricEstimate(double value, double standardError) {
    /** The band half-width at {@code sigmas} standard errors. */
    public double band(double sigmas) {
        return sigmas * standardError;
    }
}
