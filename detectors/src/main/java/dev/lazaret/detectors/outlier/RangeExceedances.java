package dev.lazaret.detectors.outlier;

/**
 * The number K of a batch's {@code m} values that fall outside the range [min, max] of a reference's {@code n} values,
 * when all {@code n + m} are drawn from one continuous distribution. Distribution-free: every order of the {@code n + m}
 * values is then equally likely, and K = k when the reference's smallest and largest leave {@code a} batch values below
 * and {@code k - a} above (any {@code a} in {@code 0..k}) with the other {@code m - k} between them:
 *
 * <pre>
 * P(K = k) = (k + 1) C(n + m - k - 2, m - k) / C(n + m, n),   k = 0..m,   mean 2m / (n + 1).
 * </pre>
 *
 * <p>So a reference of a few hundred values leaves about one value in a 200-row batch outside its range by chance,
 * and several in an unlucky batch: its extremes are poor estimates of the feature's. Ties (a discrete feature) and a
 * range widened beyond [min, max] only make values outside rarer, so for them {@link #survivalProbability} bounds the
 * chance from above: a conservative p-value.
 */
public final class RangeExceedances {
    private final long referenceValues;
    private final long batchValues;

    private RangeExceedances(long referenceValues, long batchValues) {
        this.referenceValues = referenceValues;
        this.batchValues = batchValues;
    }

    /**
     * @param referenceValues n, at least 2 (one value has no range to fall outside of by chance)
     * @param batchValues m, at least 0
     */
    public static RangeExceedances of(long referenceValues, long batchValues) {
        if (referenceValues < 2 || batchValues < 0) {
            throw new IllegalArgumentException("need at least 2 reference values and no negative batch count: "
                    + referenceValues + ", " + batchValues);
        }
        return new RangeExceedances(referenceValues, batchValues);
    }

    /** The expected number outside, {@code 2m / (n + 1)}. */
    public double mean() {
        return 2.0 * batchValues / (referenceValues + 1.0);
    }

    /** {@code P(K = k)}. */
    public double probability(long k) {
        if (k < 0 || k > batchValues) {
            return 0;
        }
        return Math.exp(logProbability(k));
    }

    /**
     * {@code P(K > k)}, summed over the upper tail (no cancellation, so tiny p-values keep their digits). Costs O(k)
     * plus the tail's terms until they stop counting: at most the batch's own size, once per feature and batch.
     */
    public double survivalProbability(long k) {
        if (k < 0) {
            return 1;
        }
        if (k >= batchValues) {
            return 0;
        }
        long j = k + 1;
        double term = Math.exp(logProbability(j));
        double sum = 0;
        while (term > 0) {
            sum += term;
            if (j == batchValues) {
                break;
            }
            double ratio = ratio(j);
            term *= ratio;
            j++;
            // past the mode every further term is smaller by at least this ratio: stop once they cannot count
            if (ratio < 1 && term < sum * 1e-17) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    /**
     * {@code log P(K = k)} from {@code P(K = 0) = n (n - 1) / (N (N - 1))}, {@code N = n + m}, and the ratio of
     * consecutive terms, which keeps every factor near one in size.
     */
    private double logProbability(long k) {
        double total = referenceValues + batchValues;
        double log =
                Math.log(referenceValues) + Math.log(referenceValues - 1.0) - Math.log(total) - Math.log(total - 1);
        for (long j = 0; j < k; j++) {
            log += Math.log(ratio(j));
        }
        return log;
    }

    /** {@code P(K = j + 1) / P(K = j) = (j + 2)(m - j) / ((j + 1)(N - j - 2))}. */
    private double ratio(long j) {
        double total = referenceValues + batchValues;
        return (j + 2.0) * (batchValues - j) / ((j + 1.0) * (total - j - 2));
    }
}
