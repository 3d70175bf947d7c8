package dev.lazaret.detectors.poisoning;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/** Whether a hit count exceeds what a known background rate (a Bloom filter's false positives) explains. */
public final class BinomialExcessStatistic {
    private BinomialExcessStatistic() {}

    /**
     * One-sided exact binomial p-value of observing at least {@code hits} successes in {@code trials} at rate
     * {@code rate} (the Bloom filter's false-positive rate when testing replay).
     */
    public static double pValue(long hits, long trials, double rate) {
        if (trials < 1 || hits < 0 || hits > trials) {
            throw new IllegalArgumentException(
                    String.format("need 0 <= hits <= trials and trials >= 1, got %d of %d", hits, trials));
        }
        if (trials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format("trials %d exceeds %d", trials, Integer.MAX_VALUE));
        }
        return BinomialTest.withDefaults()
                .with(AlternativeHypothesis.GREATER_THAN)
                .test((int) trials, (int) hits, rate)
                .getPValue();
    }
}
