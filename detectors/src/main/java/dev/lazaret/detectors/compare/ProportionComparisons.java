package dev.lazaret.detectors.compare;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Comparisons of two proportions (for example null rate, unseen-category rate, or error rate in reference and
 * window). Effect size is Cohen's h = 2·asin√p₁ − 2·asin√p₂, which, unlike the raw difference, weighs a move from 1% to
 * 3% more than one from 50% to 52%.
 */
public final class ProportionComparisons {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ProportionComparisons() {}

    /**
     * Two-sided pooled two-proportion z-test.
     *
     * @param successes1 successes in the reference
     * @param n1 reference trials, &gt; 0
     * @param successes2 successes in the window
     * @param n2 window trials, &gt; 0
     * @return method {@code two-proportion-z}; statistic z; effect size Cohen's h
     */
    public static Comparison zTest(long successes1, long n1, long successes2, long n2) {
        check(successes1, n1);
        check(successes2, n2);
        double p1 = (double) successes1 / n1;
        double p2 = (double) successes2 / n2;
        double pooled = (double) (successes1 + successes2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double z;
        double p;
        if (se == 0) {
            z = 0;
            p = 1;
        } else {
            z = (p2 - p1) / se;
            p = Math.min(1, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
        }
        return new Comparison("two-proportion-z", z, p, cohensH(p1, p2), "cohens-h", n1, n2);
    }

    /**
     * Two-sided Fisher exact test on the 2×2 table {{s1, n1−s1}, {s2, n2−s2}} (Commons Statistics).
     *
     * @return method {@code fisher-exact}; statistic the sample odds ratio; effect size Cohen's h
     */
    public static Comparison fisherExact(int successes1, int n1, int successes2, int n2) {
        check(successes1, n1);
        check(successes2, n2);
        SignificanceResult r = FisherExactTest.withDefaults().test(new int[][] {
            {successes1, n1 - successes1}, {successes2, n2 - successes2}
        });
        double h = cohensH((double) successes1 / n1, (double) successes2 / n2);
        return new Comparison("fisher-exact", r.getStatistic(), r.getPValue(), h, "cohens-h", n1, n2);
    }

    /** Fisher's exact test when any expected cell is below 5 and counts fit an int, the z-test otherwise. */
    public static Comparison compare(long successes1, long n1, long successes2, long n2) {
        check(successes1, n1);
        check(successes2, n2);
        double pooled = (double) (successes1 + successes2) / (n1 + n2);
        double minExpected = Math.min(n1, n2) * Math.min(pooled, 1 - pooled);
        if (minExpected < 5 && n1 + n2 <= Integer.MAX_VALUE) {
            return fisherExact((int) successes1, (int) n1, (int) successes2, (int) n2);
        }
        return zTest(successes1, n1, successes2, n2);
    }

    private static double cohensH(double p1, double p2) {
        return 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1));
    }

    private static void check(long successes, long n) {
        if (n <= 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException(
                    String.format("need 0 <= successes <= n and n > 0: %d of %d", successes, n));
        }
    }
}
