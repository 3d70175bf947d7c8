package dev.lazaret.detectors.compare;

/**
 * The outcome of comparing a reference with a current sample.
 *
 * @param method name of the method, e.g. {@code "ks-sketch"}
 * @param statistic the test statistic or distance
 * @param pValue the p-value, or NaN where the method has none
 * @param effectSize a scale-free measure of how large the difference is
 * @param effectSizeName what {@code effectSize} measures, e.g. {@code "ks-d"}
 * @param referenceN reference sample size used
 * @param currentN current sample size used
 */
public record Comparison(
        String method,
        double statistic,
        double pValue,
        double effectSize,
        String effectSizeName,
        long referenceN,
        long currentN) {

    /** Validates the p-value range. */
    public Comparison {
        if (!Double.isNaN(pValue) && (pValue < 0 || pValue > 1)) {
            throw new IllegalArgumentException(String.format("p-value must be in [0, 1] or NaN: %s", pValue));
        }
    }

    /** Returns whether this comparison has a p-value. */
    public boolean hasPValue() {
        return !Double.isNaN(pValue);
    }
}
