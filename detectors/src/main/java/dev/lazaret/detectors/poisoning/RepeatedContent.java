package dev.lazaret.detectors.poisoning;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Is one content repeated in the batch more often than the reference's own count of it allows? For a content seen
 * {@code c} times in a batch of {@code n} rows and {@code r} times in a reference of {@code N} rows, if both are samples
 * of one population then, given {@code T = c + r}, {@code c} is binomial with {@code T} trials and chance {@code n / (n
 * + N)} (the exact conditional test of two Poisson rates), whatever the content's true frequency. So a row copied 20
 * times into 200 rows stands out even on a table whose rows repeat naturally, where the batch's total repeat count does
 * not.
 *
 * <p>Many contents are tested at once, at the {@link TaroneLevel}: contents seen once or twice in all could never be
 * significant and do not count, so continuous tables are not penalised for their many distinct rows.
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
        long[] totals = new long[batchCounts.length];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = batchCounts[i] + referenceCounts[i];
        }
        TaroneLevel tarone = TaroneLevel.of(totals, chance, alpha);
        Finding best = new Finding(0, 0, 1, tarone.level(), tarone.counted());
        for (int i = 0; i < totals.length; i++) {
            if (batchCounts[i] < 2 || !tarone.counts(totals[i])) {
                continue;
            }
            int trials = Math.toIntExact(totals[i]);
            double p = BinomialDistribution.of(trials, chance).survivalProbability((int) batchCounts[i] - 1);
            if (p < best.p()) {
                best = new Finding(batchCounts[i], referenceCounts[i], p, tarone.level(), tarone.counted());
            }
        }
        return best;
    }
}
