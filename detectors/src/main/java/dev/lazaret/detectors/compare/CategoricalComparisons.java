package dev.lazaret.detectors.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Comparisons of two categorical count maps (category to count), for example from {@code
 * CategoricalProfile.counts()}. Categories are aligned by name over the union of both maps.
 */
public final class CategoricalComparisons {

    /** Name of the pooled column that collects sparse categories in the chi-square test. */
    public static final String POOLED = "__pooled__";

    /** Expected count below which a category is pooled, Cochran's rule of thumb. */
    public static final double MIN_EXPECTED = 5.0;

    private CategoricalComparisons() {}

    /**
     * Chi-square test of homogeneity on the 2×K table (reference, current) × categories. Categories whose smallest
     * expected count is below {@link #MIN_EXPECTED} are pooled into one column, because the chi-square approximation
     * breaks down for sparse cells; a pooled column that is still sparse is kept (it is the best the data allow).
     * The p-value is NaN when fewer than two columns remain.
     *
     * @param reference counts, total &gt; 0
     * @param current counts, total &gt; 0
     * @return method {@code chi-square}; effect size is Jensen–Shannon distance
     */
    public static Comparison chiSquare(Map<String, Long> reference, Map<String, Long> current) {
        long[][] table = pooledTable(reference, current);
        long nr = sum(reference);
        long nc = sum(current);
        double js = jensenShannon(reference, current);
        if (table[0].length < 2) {
            return new Comparison("chi-square", 0, Double.NaN, js, "js-distance", nr, nc);
        }
        SignificanceResult r = ChiSquareTest.withDefaults().test(table);
        return new Comparison("chi-square", r.getStatistic(), r.getPValue(), js, "js-distance", nr, nc);
    }

    /**
     * Builds the 2×K table with sparse categories pooled, columns in category-name order and the pooled column last.
     *
     * @param reference counts
     * @param current counts
     * @return {reference row, current row}
     */
    public static long[][] pooledTable(Map<String, Long> reference, Map<String, Long> current) {
        long nr = sum(reference);
        long nc = sum(current);
        if (nr == 0 || nc == 0) {
            throw new IllegalArgumentException(
                    String.format("both sides need observations: reference=%d, current=%d", nr, nc));
        }
        double total = nr + nc;
        List<long[]> columns = new ArrayList<>();
        long[] pooled = new long[2];
        for (String cat : categories(reference, current)) {
            long r = reference.getOrDefault(cat, 0L);
            long c = current.getOrDefault(cat, 0L);
            double colTotal = r + c;
            double minExpected = colTotal * Math.min(nr, nc) / total;
            if (minExpected < MIN_EXPECTED) {
                pooled[0] += r;
                pooled[1] += c;
            } else {
                columns.add(new long[] {r, c});
            }
        }
        if (pooled[0] + pooled[1] > 0) {
            columns.add(pooled);
        }
        long[][] table = new long[2][columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            table[0][j] = columns.get(j)[0];
            table[1][j] = columns.get(j)[1];
        }
        return table;
    }

    /** Returns max over categories of |share_ref − share_cur|, in [0, 1]. */
    public static double lInfinity(Map<String, Long> reference, Map<String, Long> current) {
        double[][] p = aligned(reference, current);
        double[] a = Checks.normalize(p[0]);
        double[] b = Checks.normalize(p[1]);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** Returns the base-2 Jensen–Shannon distance of the two frequency vectors, in [0, 1]. */
    public static double jensenShannon(Map<String, Long> reference, Map<String, Long> current) {
        double[][] p = aligned(reference, current);
        return JensenShannonStatistic.distance(p[0], p[1]);
    }

    /** Returns PSI over categories with {@link PopulationStabilityIndexStatistic#DEFAULT_EPSILON} smoothing. */
    public static double psi(Map<String, Long> reference, Map<String, Long> current) {
        double[][] p = aligned(reference, current);
        return PopulationStabilityIndexStatistic.of(p[0], p[1], PopulationStabilityIndexStatistic.DEFAULT_EPSILON);
    }

    /** Returns the share of current mass in categories the reference never saw, in [0, 1]. */
    public static double unseenShare(Map<String, Long> reference, Map<String, Long> current) {
        long nc = sum(current);
        if (nc == 0) {
            throw new IllegalArgumentException("current has no observations");
        }
        long unseen = 0;
        for (Map.Entry<String, Long> e : current.entrySet()) {
            if (reference.getOrDefault(e.getKey(), 0L) == 0) {
                unseen += e.getValue();
            }
        }
        return (double) unseen / nc;
    }

    private static double[][] aligned(Map<String, Long> reference, Map<String, Long> current) {
        TreeSet<String> cats = categories(reference, current);
        double[][] out = new double[2][cats.size()];
        int i = 0;
        for (String cat : cats) {
            out[0][i] = reference.getOrDefault(cat, 0L);
            out[1][i] = current.getOrDefault(cat, 0L);
            i++;
        }
        return out;
    }

    private static TreeSet<String> categories(Map<String, Long> reference, Map<String, Long> current) {
        TreeSet<String> cats = new TreeSet<>(reference.keySet());
        cats.addAll(current.keySet());
        return cats;
    }

    private static long sum(Map<String, Long> counts) {
        long s = 0;
        for (long v : counts.values()) {
            if (v < 0) {
                throw new IllegalArgumentException(String.format("negative count: %d", v));
            }
            s += v;
        }
        return s;
    }
}
