package dev.lazaret.app.bench;

import java.util.Arrays;

/**
 * Median and 99th percentile of a latency sample, in milliseconds.
 *
 * @param count samples
 * @param p50Ms median
 * @param p99Ms 99th percentile (nearest rank)
 */
public record Percentiles(long count, double p50Ms, double p99Ms) {
    /** Of the given samples; NaN percentiles when there are none. */
    public static Percentiles of(long[] samplesMs) {
        if (samplesMs.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN);
        }
        long[] sorted = samplesMs.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99));
    }

    private static double rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
