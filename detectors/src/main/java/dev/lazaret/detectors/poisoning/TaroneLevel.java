package dev.lazaret.detectors.poisoning;

import java.util.Arrays;

/**
 * Tarone's refinement of Bonferroni for discrete tests: of many conditional binomial tests (totals {@code T}, chance
 * {@code pi}), only those whose smallest attainable p, {@code pi^T}, could reach the level count towards it. The level
 * is {@code alpha / k} for the smallest {@code k} such that at most {@code k} tests can attain {@code alpha / k}; the
 * family-wise error stays at most {@code alpha}, as with Bonferroni, but tests that could never be significant cost
 * nothing.
 *
 * @param level the per-test level
 * @param counted how many tests can attain it
 * @param chance {@code pi}
 */
record TaroneLevel(double level, int counted, double chance) {

    static TaroneLevel of(long[] totals, double chance, double alpha) {
        double[] minP = new double[totals.length];
        for (int i = 0; i < totals.length; i++) {
            minP[i] = Math.pow(chance, totals[i]);
        }
        TaroneLevel t = ofMinimumP(minP, alpha);
        return new TaroneLevel(t.level(), t.counted(), chance);
    }

    /**
     * The level for tests of any kind given each one's smallest attainable p (for example Fisher exact tests, whose
     * smallest p depends on the table's margins); {@link #counts} is not defined for it ({@code chance} is NaN).
     */
    static TaroneLevel ofMinimumP(double[] minimumP, double alpha) {
        double[] minP = minimumP.clone();
        Arrays.sort(minP);
        // the count falls as k grows, so the first k it does not exceed is the smallest
        int k = 1;
        while (countAtMost(minP, alpha / k) > k) {
            k++;
        }
        return new TaroneLevel(alpha / k, countAtMost(minP, alpha / k), Double.NaN);
    }

    /** Whether a test with this total can attain the level. */
    boolean counts(long total) {
        return Math.pow(chance, total) <= level;
    }

    private static int countAtMost(double[] sorted, double bound) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
