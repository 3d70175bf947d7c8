package dev.lazaret.detectors.poisoning;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Multiple-testing control across many simultaneous tests (here: one per feature bin). */
public final class FalseDiscoveryStatistic {
    private FalseDiscoveryStatistic() {}

    /**
     * Benjamini-Hochberg step-up procedure: which hypotheses are rejected at false discovery rate {@code q}.
     *
     * @param pValues p-values in [0, 1]
     */
    public static boolean[] benjaminiHochberg(double[] pValues, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException(String.format("q must be in [0, 1], was %s", q));
        }
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
}
