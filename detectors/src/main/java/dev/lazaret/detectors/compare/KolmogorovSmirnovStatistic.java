package dev.lazaret.detectors.compare;

import dev.lazaret.detectors.profile.NumericProfile;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Two-sample Kolmogorov–Smirnov comparisons, from raw samples or from KLL sketches. The effect size is the statistic
 * D itself: the largest gap between the two CDFs, in [0, 1], independent of scale.
 */
public final class KolmogorovSmirnovStatistic {

    private static final KolmogorovSmirnovTest KS = KolmogorovSmirnovTest.withDefaults();

    private KolmogorovSmirnovStatistic() {}

    /**
     * KS test on raw samples with Commons Statistics: exact p-value for small samples (product of sizes below 10,000),
     * asymptotic otherwise.
     *
     * @param reference at least 2 finite values
     * @param current at least 2 finite values
     * @return method {@code ks}, effect size {@code ks-d}
     */
    public static Comparison ofSamples(double[] reference, double[] current) {
        return ofSamples(reference, current, PValueMethod.AUTO);
    }

    /**
     * KS test on raw samples with a chosen p-value method.
     *
     * @param reference at least 2 finite values
     * @param current at least 2 finite values
     * @param method {@link PValueMethod#EXACT}, {@link PValueMethod#ASYMPTOTIC} or {@link PValueMethod#AUTO}
     * @return method {@code ks}, effect size {@code ks-d}
     */
    public static Comparison ofSamples(double[] reference, double[] current, PValueMethod method) {
        Checks.atLeast(reference, 2, "reference");
        Checks.atLeast(current, 2, "current");
        KolmogorovSmirnovTest.TwoResult r = KS.with(method).test(reference, current);
        return new Comparison(
                "ks", r.getStatistic(), r.getPValue(), r.getStatistic(), "ks-d", reference.length, current.length);
    }

    /**
     * KS comparison of two KLL sketches.
     *
     * <p>D is the maximum of |F_ref(x) − F_cur(x)| over every value either sketch retains; with sketches that still
     * hold all their values this is the exact two-sample D. Each sketch's CDF may be off by its normalized rank error
     * ε (99% confidence), so the D reported and used for the p-value is {@code max(0, D − ε_ref − ε_cur)}: a
     * conservative choice that keeps sketch noise from being read as drift at large n, where the KS critical value
     * (≈1.36/√n_eff) falls far below ε. The p-value is the asymptotic Kolmogorov survival function at √n_eff·D with
     * n_eff = n·m/(n+m). The unadjusted D is not lost: at small n ε is 0 and both agree.
     *
     * @param reference non-empty profile
     * @param current non-empty profile
     * @return method {@code ks-sketch}, effect size {@code ks-d} (the adjusted D)
     */
    public static Comparison ofProfiles(NumericProfile reference, NumericProfile current) {
        double raw = rawDistance(reference, current);
        double d = Math.max(0, raw - reference.normalizedRankError() - current.normalizedRankError());
        double n = reference.count();
        double m = current.count();
        double p = KolmogorovDistribution.survival(Math.sqrt(n * m / (n + m)) * d);
        return new Comparison("ks-sketch", d, p, d, "ks-d", reference.count(), current.count());
    }

    /** Returns the unadjusted sketch KS distance, max |F_ref − F_cur| over the retained values of both sketches. */
    public static double rawDistance(NumericProfile reference, NumericProfile current) {
        Checks.nonEmpty(reference, "reference");
        Checks.nonEmpty(current, "current");
        double[] d = {0};
        StepCdf.walk(
                StepCdf.of(reference), StepCdf.of(current), (x, fr, fc) -> d[0] = Math.max(d[0], Math.abs(fr - fc)));
        return d[0];
    }
}
