package dev.lazaret.detectors.poisoning;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.GTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/** Two-sample comparisons of count vectors: chi-square and G-tests of independence, total variation distance. */
public final class ContingencyStatistic {
    private ContingencyStatistic() {}

    /**
     * Pearson chi-square test of independence (no continuity correction) on a table of counts, after dropping
     * all-zero rows and columns. A table with fewer than two non-empty rows or columns
     * gives statistic 0 and p-value 1.
     */
    public static ContingencyResult chiSquare(long[][] table) {
        long[][] t = trim(table);
        if (t.length < 2 || t[0].length < 2) {
            return new ContingencyResult(0, 1);
        }
        SignificanceResult r = ChiSquareTest.withDefaults().test(t);
        return new ContingencyResult(r.getStatistic(), r.getPValue());
    }

    /** G-test (log-likelihood ratio) of independence, same conventions as {@link #chiSquare}. */
    public static ContingencyResult gTest(long[][] table) {
        long[][] t = trim(table);
        if (t.length < 2 || t[0].length < 2) {
            return new ContingencyResult(0, 1);
        }
        SignificanceResult r = GTest.withDefaults().test(t);
        return new ContingencyResult(r.getStatistic(), r.getPValue());
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
