package dev.lazaret.detectors.compare;

import java.util.Arrays;

/**
 * Anderson–Darling k-sample test of Scholz and Stephens (1987), midrank version for data with ties, ported from
 * {@code scipy.stats.anderson_ksamp(samples, variant='midrank')}. More sensitive to tail differences than KS.
 *
 * <p>The statistic is the standardized A²_akN. The p-value, as in scipy, is interpolated from the seven critical
 * values of Scholz and Stephens' Table 2 by a quadratic fit of log(significance) and is clipped to [0.001, 0.25]
 * outside the table: treat 0.25 as "≥ 0.25" and 0.001 as "≤ 0.001".
 *
 * @see <a href="https://doi.org/10.1080/01621459.1987.10478517">Scholz and Stephens, K-Sample Anderson–Darling
 *     Tests, JASA 82 (1987)</a>
 */
public final class AndersonDarlingStatistic {

    private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
    private static final double[] SIG = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

    private AndersonDarlingStatistic() {}

    /**
     * Compares two samples.
     *
     * @param reference at least one value
     * @param current at least one value; together with the reference at least two distinct values and 4 values
     * @return method {@code anderson-darling}; effect size is the standardized statistic
     */
    public static Comparison ofSamples(double[] reference, double[] current) {
        double[] r = kSample(reference, current);
        return new Comparison(
                "anderson-darling", r[0], r[1], r[0], "ad-standardized", reference.length, current.length);
    }

    /**
     * Returns {standardized statistic, interpolated p-value} for k samples.
     *
     * @param samples at least two samples, each non-empty
     * @return two values
     */
    public static double[] kSample(double[]... samples) {
        int k = samples.length;
        if (k < 2) {
            throw new IllegalArgumentException(String.format("need at least 2 samples: %d", k));
        }
        int total = 0;
        for (double[] s : samples) {
            Checks.atLeast(s, 1, "sample");
            total += s.length;
        }
        double[] z = new double[total];
        int pos = 0;
        for (double[] s : samples) {
            System.arraycopy(s, 0, z, pos, s.length);
            pos += s.length;
        }
        for (int i = 0; i < z.length; i++) {
            z[i] += 0.0; // -0.0 + 0.0 == +0.0: one tie group for both zeros, as numpy sees them
        }
        Arrays.sort(z);
        double[] zstar = Arrays.stream(z).distinct().toArray();
        if (zstar.length < 2) {
            throw new IllegalArgumentException("Anderson-Darling needs more than one distinct observation");
        }
        if (total < 4) {
            throw new IllegalArgumentException(String.format("need at least 4 observations in total: %d", total));
        }
        double n = total;
        double a2 = 0;
        double[] bj = new double[zstar.length];
        double[] lj = new double[zstar.length];
        for (int j = 0; j < zstar.length; j++) {
            int left = lowerBound(z, zstar[j]);
            lj[j] = upperBound(z, zstar[j]) - left;
            bj[j] = left + lj[j] / 2;
        }
        for (double[] sample : samples) {
            double[] s = sample.clone();
            Arrays.sort(s);
            double inner = 0;
            for (int j = 0; j < zstar.length; j++) {
                int right = upperBound(s, zstar[j]);
                double fij = right - lowerBound(s, zstar[j]);
                double mij = right - fij / 2;
                double num = n * mij - bj[j] * s.length;
                inner += lj[j] / n * num * num / (bj[j] * (n - bj[j]) - n * lj[j] / 4);
            }
            a2 += inner / s.length;
        }
        a2 *= (n - 1) / n;
        double statistic = (a2 - (k - 1)) / Math.sqrt(variance(samples, total));
        return new double[] {statistic, pValue(statistic, k - 1)};
    }

    private static double variance(double[][] samples, int total) {
        int k = samples.length;
        double n = total;
        double hh = 0;
        for (double[] s : samples) {
            hh += 1.0 / s.length;
        }
        // h = Σ_{i=1}^{N-1} 1/i ; g = Σ_{i=1}^{N-2} Σ_{j=i+1}^{N-1} 1/((N-i) j), in scipy's summation order
        double cum = 0;
        double g = 0;
        for (int t = 0; t <= total - 3; t++) {
            cum += 1.0 / (total - 1 - t);
            g += cum / (t + 2);
        }
        double h = cum + 1;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hh;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hh - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hh + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        return (a * n * n * n + b * n * n + c * n + d) / ((n - 1) * (n - 2) * (n - 3));
    }

    private static double pValue(double statistic, int m) {
        double[] critical = new double[B0.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < critical.length; i++) {
            critical[i] = B0[i] + B1[i] / Math.sqrt(m) + B2[i] / m;
            lo = Math.min(lo, critical[i]);
            hi = Math.max(hi, critical[i]);
        }
        if (statistic < lo) {
            return SIG[0];
        }
        if (statistic > hi) {
            return SIG[SIG.length - 1];
        }
        double[] logSig = Arrays.stream(SIG).map(Math::log).toArray();
        double[] coef = quadraticFit(critical, logSig);
        return Math.min(1, Math.exp((coef[0] * statistic + coef[1]) * statistic + coef[2]));
    }

    /** Least-squares fit y ≈ c0 x² + c1 x + c2 via centred normal equations. */
    private static double[] quadraticFit(double[] x, double[] y) {
        double mean = Arrays.stream(x).average().orElse(0);
        double[][] m = new double[3][4];
        for (int i = 0; i < x.length; i++) {
            double u = x[i] - mean;
            double[] row = {u * u, u, 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    m[r][c] += row[r] * row[c];
                }
                m[r][3] += row[r] * y[i];
            }
        }
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c < 4; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double a = m[0][3] / m[0][0];
        double b = m[1][3] / m[1][1];
        double c = m[2][3] / m[2][2];
        // expand a(x-μ)² + b(x-μ) + c into powers of x
        return new double[] {a, b - 2 * a * mean, a * mean * mean - b * mean + c};
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
