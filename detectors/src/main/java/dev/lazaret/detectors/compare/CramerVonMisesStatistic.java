package dev.lazaret.detectors.compare;

import java.util.Arrays;

/**
 * Cramér–von Mises two-sample test (Anderson 1962), ported from {@code scipy.stats.cramervonmises_2samp(x, y,
 * method='asymptotic')}: midranks for ties, the normalized statistic of eq. 15 and the limiting one-sample CvM
 * distribution of Csörgő and Faraway (1996). Only the asymptotic p-value is implemented; scipy's exact p-value (for
 * samples of at most 20) is not.
 */
public final class CramerVonMisesStatistic {

    private CramerVonMisesStatistic() {}

    /**
     * Compares two samples.
     *
     * @param reference at least two values
     * @param current at least two values
     * @return method {@code cramer-von-mises}; effect size is the statistic T
     */
    public static Comparison ofSamples(double[] reference, double[] current) {
        Checks.atLeast(reference, 2, "reference");
        Checks.atLeast(current, 2, "current");
        int nx = reference.length;
        int ny = current.length;
        double[] x = reference.clone();
        double[] y = current.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double[] z = new double[nx + ny];
        System.arraycopy(x, 0, z, 0, nx);
        System.arraycopy(y, 0, z, nx, ny);
        double[] ranks = midranks(z);
        double ux = 0;
        for (int i = 0; i < nx; i++) {
            double d = ranks[i] - (i + 1);
            ux += d * d;
        }
        double uy = 0;
        for (int j = 0; j < ny; j++) {
            double d = ranks[nx + j] - (j + 1);
            uy += d * d;
        }
        double u = nx * ux + ny * uy;
        double k = (double) nx * ny;
        double n = nx + ny;
        double t = u / (k * n) - (4 * k - 1) / (6 * n);
        double et = (1 + 1 / n) / 6;
        double vt = (n + 1) * (4 * k * n - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k) / (45 * n * n * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        double p = tn < 0.003 ? 1.0 : Math.max(0, 1 - limitingCdf(tn));
        return new Comparison("cramer-von-mises", t, p, t, "cvm-t", nx, ny);
    }

    /** Average ranks (1-based) of a sequence, ties sharing the mean of their ranks. */
    static double[] midranks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j + 2) / 2.0;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    /**
     * CDF of the limiting CvM distribution (Csörgő and Faraway 1996, eq. 1.2), summing terms until one falls below
     * 1e-7 exactly as scipy's {@code _cdf_cvm_inf} does, so the truncation error matches too.
     */
    static double limitingCdf(double x) {
        double total = 0;
        double gammaRatio = Math.sqrt(Math.PI); // Γ(k + 1/2) / Γ(k + 1) at k = 0
        for (int k = 0; k < 10_000; k++) {
            double u = gammaRatio / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
            double y = 4.0 * k + 1;
            double q = y * y / (16 * x);
            double z = u * Math.sqrt(y) * expScaledBesselK14(q) * Math.exp(-2 * q);
            total += z;
            if (Math.abs(z) < 1e-7) {
                break;
            }
            gammaRatio *= (k + 0.5) / (k + 1);
        }
        return total;
    }

    /**
     * Returns e^q·K_{1/4}(q) from K_ν(q) = ∫₀^∞ exp(−q cosh t) cosh(νt) dt. The integrand decays double-exponentially,
     * so the trapezoidal rule converges to machine precision with a modest step.
     */
    static double expScaledBesselK14(double q) {
        double h = 0.01;
        double sum = 0.5; // t = 0: exp(0)·cosh(0), half weight
        for (int i = 1; i < 100_000; i++) {
            double t = i * h;
            double e = -q * (Math.cosh(t) - 1);
            if (e < -745) {
                break;
            }
            sum += Math.exp(e) * Math.cosh(0.25 * t);
        }
        return sum * h;
    }
}
