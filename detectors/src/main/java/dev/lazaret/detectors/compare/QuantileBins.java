package dev.lazaret.detectors.compare;

import dev.lazaret.detectors.profile.NumericProfile;
import java.util.Arrays;

/**
 * Bins defined by reference quantiles, shared by PSI, Jensen–Shannon and Hellinger on numeric features. Bin i holds
 * values in (edges[i−1], edges[i]], with open-ended first and last bins, so every current value lands somewhere even
 * outside the reference range.
 *
 * @param edges strictly increasing finite inner edges
 */
public record QuantileBins(double[] edges) {

    /** Default number of bins (deciles). */
    public static final int DEFAULT_BINS = 10;

    /** Copies and validates the edges. */
    public QuantileBins {
        edges = edges.clone();
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) {
                throw new IllegalArgumentException(
                        String.format("edges must be finite and strictly increasing: %s", Arrays.toString(edges)));
            }
        }
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    /** Returns the number of bins, edges + 1. */
    public int size() {
        return edges.length + 1;
    }

    /**
     * Bins at the reference's i/bins quantiles (inclusive), deduplicated, so a constant or heavily tied reference
     * yields fewer bins rather than empty ones.
     *
     * @param reference non-empty profile
     * @param bins requested number of bins, at least 2
     * @return the bins
     */
    public static QuantileBins fromReference(NumericProfile reference, int bins) {
        checkBins(bins);
        Checks.nonEmpty(reference, "reference");
        double[] e = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            e[i - 1] = reference.quantile((double) i / bins);
        }
        return new QuantileBins(dedupe(e));
    }

    /**
     * Bins at the sample's i/bins quantiles (the smallest value with at least that fraction at or below it).
     *
     * @param reference at least one finite value
     * @param bins requested number of bins, at least 2
     * @return the bins
     */
    public static QuantileBins fromReference(double[] reference, int bins) {
        checkBins(bins);
        Checks.atLeast(reference, 1, "reference");
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double[] e = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            int idx = (int) Math.ceil((double) i / bins * sorted.length) - 1;
            e[i - 1] = sorted[Math.max(0, idx)];
        }
        return new QuantileBins(dedupe(e));
    }

    private static void checkBins(int bins) {
        if (bins < 2 || bins > 10_000) {
            throw new IllegalArgumentException(String.format("bins must be in [2, 10000]: %d", bins));
        }
    }

    private static double[] dedupe(double[] e) {
        return Arrays.stream(e).map(v -> v + 0.0).distinct().sorted().toArray(); // folds -0.0 into +0.0
    }

    /** Returns the fraction of sample values in each bin. */
    public double[] proportions(double[] sample) {
        Checks.atLeast(sample, 1, "sample");
        double[] counts = new double[size()];
        for (double v : sample) {
            int idx = Arrays.binarySearch(edges, v);
            counts[idx >= 0 ? idx : -idx - 1]++;
        }
        return Checks.normalize(counts);
    }

    /** Returns the estimated fraction of the profile's values in each bin, from its sketch. */
    public double[] proportions(NumericProfile profile) {
        Checks.nonEmpty(profile, "profile");
        double[] out = new double[size()];
        if (edges.length == 0) {
            out[0] = 1;
            return out;
        }
        double[] cdf = profile.ranks(edges);
        double prev = 0;
        for (int i = 0; i < edges.length; i++) {
            out[i] = Math.max(0, cdf[i] - prev);
            prev = Math.max(prev, cdf[i]);
        }
        out[edges.length] = Math.max(0, 1 - prev);
        return out;
    }
}
