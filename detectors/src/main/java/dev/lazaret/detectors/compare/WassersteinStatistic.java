package dev.lazaret.detectors.compare;

import dev.lazaret.detectors.profile.NumericProfile;
import java.util.Arrays;

/**
 * Wasserstein-1 (earth mover's) distance, ∫|F_ref − F_cur| dx, and its normalised form W1 / spread(reference).
 *
 * <p>The spread is the reference interquartile range, because it ignores the tails that a few outliers would
 * inflate; when the IQR is 0 (more than half the reference is one value) it falls back to the standard deviation, and
 * when that is 0 too the raw W1 is reported. A normalised W1 of 0.1 means the mass moved on average a tenth of an IQR.
 */
public final class WassersteinStatistic {

    private WassersteinStatistic() {}

    /**
     * Returns the unnormalised W1 of two samples, like {@code scipy.stats.wasserstein_distance(u, v)}.
     *
     * @param u at least one finite value
     * @param v at least one finite value
     * @return W1 ≥ 0
     */
    public static double distance(double[] u, double[] v) {
        Checks.atLeast(u, 1, "u");
        Checks.atLeast(v, 1, "v");
        double[] a = u.clone();
        double[] b = v.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double w = 0;
        int i = 0;
        int j = 0;
        for (int k = 0; k < all.length - 1; k++) {
            double x = all[k];
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            w += Math.abs((double) i / a.length - (double) j / b.length) * (all[k + 1] - x);
        }
        return w;
    }

    /** Returns the unnormalised W1 between the CDFs of two sketches, exact while neither is in estimation mode. */
    public static double distance(NumericProfile reference, NumericProfile current) {
        Checks.nonEmpty(reference, "reference");
        Checks.nonEmpty(current, "current");
        // Between consecutive union points both CDFs are flat, so the integral is a sum of rectangles.
        double[] state = {Double.NaN, 0, 0}; // previous point, |F_ref - F_cur| there, running integral
        StepCdf.walk(StepCdf.of(reference), StepCdf.of(current), (x, fr, fc) -> {
            if (!Double.isNaN(state[0])) {
                state[2] += state[1] * (x - state[0]);
            }
            state[0] = x;
            state[1] = Math.abs(fr - fc);
        });
        return state[2];
    }

    /** W1 of samples normalised by the reference spread; statistic is raw W1, effect size the normalised one. */
    public static Comparison ofSamples(double[] reference, double[] current) {
        double w = distance(reference, current);
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        double mean = Arrays.stream(reference).average().orElse(0);
        double var =
                Arrays.stream(reference).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, reference.length - 1);
        double spread = spread(iqr, Math.sqrt(var));
        return new Comparison(
                "wasserstein", w, Double.NaN, w / spread, "w1-normalised", reference.length, current.length);
    }

    /** W1 of sketches normalised by the reference spread; statistic is raw W1, effect size the normalised one. */
    public static Comparison ofProfiles(NumericProfile reference, NumericProfile current) {
        double w = distance(reference, current);
        double iqr = reference.quantile(0.75) - reference.quantile(0.25);
        double std = reference.count() < 2 ? 0 : Math.sqrt(reference.variance());
        double spread = spread(iqr, std);
        return new Comparison(
                "wasserstein-sketch", w, Double.NaN, w / spread, "w1-normalised", reference.count(), current.count());
    }

    private static double spread(double iqr, double std) {
        if (iqr > 0) {
            return iqr;
        }
        return std > 0 ? std : 1.0;
    }

    /** Linear-interpolation quantile (numpy's default) of sorted data. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
