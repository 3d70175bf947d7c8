package dev.lazaret.detectors.poisoning;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.GTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/** Pure functions behind the poisoning checks: contingency tests, distances, FDR control, binomial excess. */
public final class ContingencyStatistics {
    private ContingencyStatistics() {}

    /**
     * Pearson chi-square test of independence (no continuity correction) on a table of counts, after dropping
     * all-zero rows and columns. Returns {statistic, p-value}; a table with fewer than two non-empty rows or columns
     * returns {0, 1}.
     */
    public static double[] chiSquare(long[][] table) {
        long[][] t = trim(table);
        if (t.length < 2 || t[0].length < 2) {
            return new double[] {0, 1};
        }
        SignificanceResult r = ChiSquareTest.withDefaults().test(t);
        return new double[] {r.getStatistic(), r.getPValue()};
    }

    /** G-test (log-likelihood ratio) of independence, same conventions as {@link #chiSquare}. */
    public static double[] gTest(long[][] table) {
        long[][] t = trim(table);
        if (t.length < 2 || t[0].length < 2) {
            return new double[] {0, 1};
        }
        SignificanceResult r = GTest.withDefaults().test(t);
        return new double[] {r.getStatistic(), r.getPValue()};
    }

    /** Total variation distance between the distributions given by two count vectors of equal length. */
    public static double totalVariation(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    String.format("count vectors differ in length: %d vs %d", a.length, b.length));
        }
        double na = Arrays.stream(a).sum();
        double nb = Arrays.stream(b).sum();
        if (na == 0 || nb == 0) {
            return 0;
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs(a[i] / na - b[i] / nb);
        }
        return d / 2;
    }

    /**
     * Benjamini-Hochberg step-up procedure: which hypotheses are rejected at false discovery rate {@code q}.
     *
     * @param pValues p-values in [0, 1]
     */
    public static boolean[] benjaminiHochberg(double[] pValues, double q) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        int cutoff = -1;
        for (int rank = m; rank >= 1; rank--) {
            if (pValues[order[rank - 1]] <= q * rank / m) {
                cutoff = rank;
                break;
            }
        }
        boolean[] rejected = new boolean[m];
        for (int rank = 1; rank <= cutoff; rank++) {
            rejected[order[rank - 1]] = true;
        }
        return rejected;
    }

    /**
     * One-sided exact binomial p-value of observing at least {@code hits} successes in {@code trials} at rate
     * {@code rate} (the Bloom filter's false-positive rate when testing replay).
     */
    public static double binomialExcessPValue(long hits, long trials, double rate) {
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

    private static long[][] trim(long[][] table) {
        int cols = table.length == 0 ? 0 : table[0].length;
        boolean[] keepCol = new boolean[cols];
        for (long[] row : table) {
            if (row.length != cols) {
                throw new IllegalArgumentException("table rows differ in length");
            }
            for (int j = 0; j < cols; j++) {
                if (row[j] < 0) {
                    throw new IllegalArgumentException(String.format("negative count %d", row[j]));
                }
                keepCol[j] |= row[j] > 0;
            }
        }
        int[] cs = IntStream.range(0, cols).filter(j -> keepCol[j]).toArray();
        return Arrays.stream(table)
                .filter(row -> Arrays.stream(row).sum() > 0)
                .map(row -> Arrays.stream(cs).mapToLong(j -> row[j]).toArray())
                .toArray(long[][]::new);
    }
}
