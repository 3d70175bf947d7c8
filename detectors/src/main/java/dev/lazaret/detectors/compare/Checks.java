package dev.lazaret.detectors.compare;

import dev.lazaret.detectors.profile.NumericProfile;

/** Argument checks shared by the statistics. */
final class Checks {

    private Checks() {}

    static void atLeast(double[] x, int n, String name) {
        if (x == null || x.length < n) {
            throw new IllegalArgumentException(String.format(
                    "%s needs at least %d values: %s", name, n, x == null ? "null" : Integer.toString(x.length)));
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(String.format("%s contains a non-finite value: %s", name, v));
            }
        }
    }

    static void nonEmpty(NumericProfile p, String name) {
        if (p.count() == 0) {
            throw new IllegalArgumentException(String.format("%s profile has no finite values", name));
        }
    }

    static void distributions(double[] p, double[] q) {
        if (p.length != q.length || p.length == 0) {
            throw new IllegalArgumentException(
                    String.format("distributions must have the same non-zero length: %d vs %d", p.length, q.length));
        }
        check(p, "p");
        check(q, "q");
    }

    private static void check(double[] p, String name) {
        double sum = 0;
        for (double v : p) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        String.format("%s has a negative or non-finite weight: %s", name, v));
            }
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(String.format("%s has zero total weight", name));
        }
    }

    static double[] normalize(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / sum;
        }
        return out;
    }
}
