package dev.lazaret.detectors.poisoning;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Is one content repeated in the batch more often than the reference's own count of it allows? For a content seen
 * {@code c} times in a batch of {@code n} rows and {@code r} times in a reference of {@code N} rows, if both are samples
 * of one population then, given {@code T = c + r}, {@code c} is binomial with {@code T} trials and chance {@code n / (n
 * + N)} (the exact conditional test of two Poisson rates), whatever the content's true frequency. So a row copied 20
 * times into 200 rows stands out even on a table whose rows repeat naturally, where the batch's total repeat count does
 * not.
 *
 * <p>Many contents are tested at once. Tarone's refinement of Bonferroni counts only the tests that could reach
 * significance at all: a content with {@code T} occurrences has smallest attainable p {@code chance^T}; the level is
 * {@code alpha / k} for the smallest {@code k} such that at most {@code k} contents can attain it. Contents seen once
 * or twice in all cannot, so continuous tables are not penalised for their many distinct rows.
 */
final class RepeatedContent {
    /** The most significant content: its counts, p, the Tarone level it is compared with and how many were counted. */
    record Finding(long batchCount, long referenceCount, double p, double level, int counted) {
        static final Finding NONE = new Finding(0, 0, 1, 0, 0);
    }

    private RepeatedContent() {}

    /**
     * @param batchCounts per content, its count in the batch
     * @param referenceCounts per content (same order), its count in the reference
     */
    static Finding test(long[] batchCounts, long[] referenceCounts, long batchRows, long referenceRows, double alpha) {
        if (batchCounts.length != referenceCounts.length) {
            throw new IllegalArgumentException("one reference count per batch count");
        }
        if (batchCounts.length == 0 || batchRows == 0) {
            return Finding.NONE;
        }
        double chance = batchRows / (double) (batchRows + referenceRows);
        double[] minP = new double[batchCounts.length];
        for (int i = 0; i < minP.length; i++) {
            minP[i] = Math.pow(chance, batchCounts[i] + referenceCounts[i]);
        }
        double[] sorted = minP.clone();
        Arrays.sort(sorted);
        // smallest k with #{minP <= alpha / k} <= k; the count falls as k grows, so the first such k is it
        int k = 1;
        while (countAtMost(sorted, alpha / k) > k) {
            k++;
        }
        double level = alpha / k;
        Finding best = new Finding(0, 0, 1, level, countAtMost(sorted, level));
        for (int i = 0; i < minP.length; i++) {
            if (minP[i] > level || batchCounts[i] < 2) {
                continue;
            }
            int trials = Math.toIntExact(Math.min(Integer.MAX_VALUE, batchCounts[i] + referenceCounts[i]));
            double p = BinomialDistribution.of(trials, chance).survivalProbability((int) batchCounts[i] - 1);
            if (p < best.p()) {
                best = new Finding(batchCounts[i], referenceCounts[i], p, level, best.counted());
            }
        }
        return best;
    }

    private static int countAtMost(double[] sorted, double bound) {
        int i = Arrays.binarySearch(sorted, bound);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == bound) {
            i++;
        }
        return i + 1;
    }
}
