package dev.lazaret.detectors.compare;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Cramér–von Mises two-sample test (Anderson 1962), after {@code scipy.stats.cramervonmises_2samp(x, y,
 * method='auto')}: midranks for ties; when both samples have at most {@link #EXACT_MAX_SIZE} values the p-value is
 * exact (the no-ties null distribution of U, counted over all arrangements); otherwise it is asymptotic (normalized
 * statistic of eq. 15 and the limiting one-sample CvM distribution of Csörgő and Faraway 1996).
 */
public final class CramerVonMisesStatistic {

    /** Largest sample size for which {@link #ofSamples} computes the exact p-value, as scipy's 'auto' does. */
    public static final int EXACT_MAX_SIZE = 20;

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
        double p;
        if (Math.max(nx, ny) <= EXACT_MAX_SIZE) {
            p = exactPValue(u, nx, ny);
        } else {
            p = tn < 0.003 ? 1.0 : Math.max(0, 1 - limitingCdf(tn));
        }
        return new Comparison("cramer-von-mises", t, p, t, "cvm-t", nx, ny);
    }

    /**
     * Asymptotic-only variant, {@code cramervonmises_2samp(x, y, method='asymptotic')}.
     *
     * @param reference at least two values
     * @param current at least two values
     * @return method {@code cramer-von-mises}
     */
    public static Comparison ofSamplesAsymptotic(double[] reference, double[] current) {
        Comparison c = ofSamples(reference, current);
        if (Math.max(reference.length, current.length) > EXACT_MAX_SIZE) {
            return c;
        }
        int nx = reference.length;
        int ny = current.length;
        double k = (double) nx * ny;
        double n = nx + ny;
        double t = c.statistic();
        double et = (1 + 1 / n) / 6;
        double vt = (n + 1) * (4 * k * n - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k) / (45 * n * n * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        double p = tn < 0.003 ? 1.0 : Math.max(0, 1 - limitingCdf(tn));
        return new Comparison(c.method(), t, p, t, c.effectSizeName(), nx, ny);
    }

    /**
     * P(U ≥ u) under the null, counting all C(nx+ny, nx) equally likely arrangements of the two samples. Walking the
     * merged order, the i-th x preceded by j y's adds nx·j² to U and the j-th y preceded by i x's adds ny·i²; a
     * dynamic programme over (i, j) keeps the multiset of partial U values.
     */
    static double exactPValue(double u, int nx, int ny) {
        Map<Long, Long>[] row = newRow(ny);
        row[0].put(0L, 1L);
        for (int j = 1; j <= ny; j++) {
            shiftInto(row[j - 1], 0, row[j]); // a y before any x adds ny·0²
        }
        for (int i = 1; i <= nx; i++) {
            Map<Long, Long>[] next = newRow(ny);
            for (int j = 0; j <= ny; j++) {
                shiftInto(row[j], (long) nx * j * j, next[j]);
                if (j > 0) {
                    shiftInto(next[j - 1], (long) ny * i * i, next[j]);
                }
            }
            row = next;
        }
        double threshold = u - 1e-9 * Math.max(1, Math.abs(u));
        long atLeast = 0;
        long total = 0;
        for (Map.Entry<Long, Long> e : row[ny].entrySet()) {
            total += e.getValue();
            if (e.getKey() >= threshold) {
                atLeast += e.getValue();
            }
        }
        return (double) atLeast / total;
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Long>[] newRow(int ny) {
        Map<Long, Long>[] row = new HashMap[ny + 1];
        for (int j = 0; j <= ny; j++) {
            row[j] = new HashMap<>();
        }
        return row;
    }

    private static void shiftInto(Map<Long, Long> from, long add, Map<Long, Long> to) {
        from.forEach((key, count) -> to.merge(key + add, count, Long::sum));
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
