package dev.lazaret.detectors.policy;

import java.util.Arrays;
import java.util.Comparator;

/** Correction of p-values for testing all features of one window at once. */
public enum Correction {
    /** No correction: each feature tested at alpha; the expected number of false alarms grows with the features. */
    NONE,
    /** Bonferroni: controls the family-wise error rate; strict, loses power with many features. */
    BONFERRONI,
    /**
     * Benjamini–Hochberg step-up: controls the false discovery rate among flagged features, the default because a
     * window with many truly drifted features should not hide them behind a family-wise bound.
     */
    BENJAMINI_HOCHBERG;

    /**
     * Returns adjusted p-values in the input order; NaN entries stay NaN and do not count as tests.
     *
     * @param pValues raw p-values in [0, 1] or NaN
     * @return adjusted p-values, each in [0, 1] or NaN
     */
    public double[] adjust(double[] pValues) {
        for (double p : pValues) {
            if (!Double.isNaN(p) && (p < 0 || p > 1)) {
                throw new IllegalArgumentException(String.format("p-value out of [0, 1]: %s", p));
            }
        }
        int m = (int) Arrays.stream(pValues).filter(p -> !Double.isNaN(p)).count();
        double[] out = pValues.clone();
        switch (this) {
            case NONE -> {
                return out;
            }
            case BONFERRONI -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Double.isNaN(out[i]) ? Double.NaN : Math.min(1, out[i] * m);
                }
                return out;
            }
            default -> {
                Integer[] order = new Integer[pValues.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                // NaN sorts last under Double.compare, so the first m indices are the tests
                Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
                double running = 1;
                for (int rank = m; rank >= 1; rank--) {
                    int idx = order[rank - 1];
                    running = Math.min(running, pValues[idx] * m / rank);
                    out[idx] = running;
                }
                return out;
            }
        }
    }
}
