package dev.lazaret.detectors.rate;

import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * One-sided Fisher exact test that a batch's rate exceeds a reference sample's: {@code x} hits of {@code n} batch rows
 * against {@code y} of {@code m} reference rows. Where {@link BinomialExcess} takes the background rate as known, this
 * takes it as what it is when a reference of {@code m} rows measured it, so a rate estimated from a few hundred rows
 * does not make an ordinary batch look like an excess.
 */
public final class FisherExcess {
    private FisherExcess() {}

    /**
     * One-sided Fisher exact p that {@code x} of {@code n} is a larger share than {@code y} of {@code m}: P(X ≥ x) for
     * X hypergeometric (population n + m, x + y successes, n draws). Counts beyond the int range are halved together
     * until they fit, which only weakens the evidence.
     */
    public static double greater(long x, long n, long y, long m) {
        if (x < 0 || y < 0 || x > n || y > m) {
            throw new IllegalArgumentException(
                    String.format("need 0 <= x <= n and 0 <= y <= m, were %d, %d, %d, %d", x, n, y, m));
        }
        long[] c = fitted(x, n, y, m);
        if (c[0] == 0 || c[1] == 0) {
            return 1;
        }
        return HypergeometricDistribution.of((int) (c[1] + c[3]), (int) (c[0] + c[2]), (int) c[1])
                .survivalProbability((int) c[0] - 1);
    }

    /**
     * The smallest p {@link #greater} can give with these margins: every one of the x + y events among the
     * batch's n rows, as far as n allows (P(X = min(n, x + y))); 1 without events.
     */
    public static double minimum(long x, long n, long y, long m) {
        long[] c = fitted(x, n, y, m);
        long events = c[0] + c[2];
        if (events == 0 || c[1] == 0) {
            return 1;
        }
        return HypergeometricDistribution.of((int) (c[1] + c[3]), (int) events, (int) c[1])
                .probability((int) Math.min(c[1], events));
    }

    /** {x, n, y, m}, all halved together until n + m fits an int (which only weakens the evidence). */
    private static long[] fitted(long x, long n, long y, long m) {
        while (n + m > Integer.MAX_VALUE) {
            x /= 2;
            n /= 2;
            y /= 2;
            m /= 2;
        }
        return new long[] {x, n, y, m};
    }
}
