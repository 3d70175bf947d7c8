package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The duplicate-flood null: repeats a categorical reference shows by itself at the batch's size. */
class DuplicateNullTest {
    private static final FeatureBins BINS = FeatureBins.of(Map.of(), Set.of("c"));

    /** 100 rows: 10 contents, 10 times each. */
    private static NeighbourSample tenTimesTen() {
        NeighbourSample s = new NeighbourSample(NeighbourSample.CAPACITY);
        for (int i = 0; i < 100; i++) {
            s.add(BINS, LabeledRow.of(Map.of("c", "v" + i % 10), "a"));
        }
        return s;
    }

    @Test
    void shouldExpectTheRepeatsOfTheReferenceAtThisBatchSize() {
        double[] e = tenTimesTen().expectedRepeats(20, 100);
        // python3, N, n = 100, 20: q = 10 * 10 * 9 / (N * (N - 1)); cubes = 10 * 10 * 9 * 8 / (N * (N - 1) * (N - 2));
        //   z1 = max(0, cubes - q * q); bp = n * (n - 1) / 2; bp * q -> 17.272727272727273;
        //   bp * bp * (4 * z1 * (1 / n + 1 / N) + 2 * q * (1 - q) * (1 / (n * (n - 1)) + 1 / (N * (N - 1))))
        //   -> 16.305200768010685 (ten equally common contents: z1 = 0, about the Poisson variance)
        assertThat(e[0]).isCloseTo(17.272727272727273, within(1e-9));
        assertThat(e[1]).isCloseTo(16.305200768010685, within(1e-9));
    }

    @Test
    void shouldSizeTheReferenceFromItsSample() {
        // not full: the sample holds every content, so it counts them and their rows exactly
        assertThat(tenTimesTen().distinctContents()).isEqualTo(10);
        assertThat(tenTimesTen().rowsRepresented()).isEqualTo(100);
        // full: 20,000 contents, content i occurring 1 + i % 3 times (40,000 rows), in a sample of 2,000; the bottom-k
        // estimate's relative sd is about 1 / sqrt(2,000) = 2.2%: 10% is over four of them
        NeighbourSample s = new NeighbourSample(NeighbourSample.CAPACITY);
        for (int i = 0; i < 20_000; i++) {
            for (int copy = 0; copy <= i % 3; copy++) {
                s.add(BINS, LabeledRow.of(Map.of("c", "v" + i), "a"));
            }
        }
        assertThat(s.size()).isEqualTo(NeighbourSample.CAPACITY);
        assertThat(s.distinctContents()).isCloseTo(20_000, within(2_000.0));
        assertThat(s.rowsRepresented()).isCloseTo(40_000, within(4_000.0));
    }

    @Test
    void shouldWidenTheVarianceWhenOneContentRepeatsMuch() {
        NeighbourSample s = new NeighbourSample(NeighbourSample.CAPACITY);
        for (int i = 0; i < 100; i++) {
            s.add(BINS, LabeledRow.of(Map.of("c", i < 40 ? "common" : "v" + i), "a"));
        }
        double[] e = s.expectedRepeats(50, 100);
        // python3, N, n = 100, 50: q = 40 * 39 / (N * (N - 1)); cubes = 40 * 39 * 38 / (N * (N - 1) * (N - 2)); then
        //   as above: bp * q -> 193.030303030303; the variance -> 6734.29964474868 (Poisson would say 193)
        assertThat(e[0]).isCloseTo(193.030303030303, within(1e-9));
        assertThat(e[1]).isCloseTo(6734.29964474868, within(1e-7));
    }

    /**
     * The repeats of {@code vote} (UCI congressional votes, weka's examples: 435 rows, 342 distinct contents; contents
     * by how often they occur {1: 304, 2: 16, 3: 7, 4: 5, 5: 6, 6: 2, 8: 2}), split at random as the real-data
     * evaluation does: 217 reference rows, and a batch of 200 of the other 218. Against the Poisson variance the z of
     * the batch's repeats spread with an sd of about 1.5 and passed 3.09 in about 0.1% of splits (in the evaluation's
     * detector-level sweep, one split of 30 held 11 of its 20 clean batches); the U-statistic variance keeps the
     * spread under 1 and the 1% tail empty.
     */
    @Test
    void shouldKeepCleanBatchesOfAFiniteTableWithNaturalRepeatsUnderTheLevel() {
        int[][] byCount = {{1, 304}, {2, 16}, {3, 7}, {4, 5}, {5, 6}, {6, 2}, {8, 2}};
        List<Integer> table = new ArrayList<>();
        int content = 0;
        for (int[] c : byCount) {
            for (int k = 0; k < c[1]; k++, content++) {
                for (int copy = 0; copy < c[0]; copy++) {
                    table.add(content);
                }
            }
        }
        assertThat(table).hasSize(435);
        java.util.Random random = new java.util.Random(7);
        int splits = 1_000;
        double[] withU = new double[splits];
        double[] withPoisson = new double[splits];
        for (int t = 0; t < splits; t++) {
            java.util.Collections.shuffle(table, random);
            NeighbourSample reference = new NeighbourSample(NeighbourSample.CAPACITY);
            table.subList(0, 217).forEach(id -> reference.add(BINS, LabeledRow.of(Map.of("c", "v" + id), "a")));
            long repeats = 200 - table.subList(217, 417).stream().distinct().count();
            double[] e = reference.expectedRepeats(200, 217);
            withU[t] = (repeats - e[0]) / Math.sqrt(e[1]);
            withPoisson[t] = (repeats - e[0]) / Math.sqrt(e[0]);
        }
        assertThat(sd(withPoisson)).isGreaterThan(1.3);
        assertThat(sd(withU)).isLessThan(1);
        // one-sided 1% point of the normal: scipy.stats.norm.isf(0.01) -> 2.3263478740408408
        assertThat(java.util.Arrays.stream(withU)
                        .filter(z -> z > 2.3263478740408408)
                        .count())
                .isLessThanOrEqualTo(splits / 100);
    }

    private static double sd(double[] z) {
        double mean = java.util.Arrays.stream(z).average().orElseThrow();
        return Math.sqrt(
                java.util.Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / (z.length - 1));
    }

    @Test
    void shouldExpectNoRepeatsWhenTheReferenceNeverRepeats() {
        NeighbourSample s = new NeighbourSample(NeighbourSample.CAPACITY);
        for (int i = 0; i < 3_000; i++) {
            s.add(BINS, LabeledRow.of(Map.of("c", "v" + i), "a"));
        }
        assertThat(s.expectedRepeats(10_000, 3_000)).containsExactly(0, 0);
    }

    @Test
    void shouldCountMultiplicitiesTheSameWhenMergedFromParts() {
        NeighbourSample a = new NeighbourSample(NeighbourSample.CAPACITY);
        NeighbourSample b = new NeighbourSample(NeighbourSample.CAPACITY);
        for (int i = 0; i < 100; i++) {
            (i < 37 ? a : b).add(BINS, LabeledRow.of(Map.of("c", "v" + i % 10), "a"));
        }
        a.merge(b);
        assertThat(a.expectedRepeats(20, 100)).containsExactly(tenTimesTen().expectedRepeats(20, 100));
    }

    @Test
    void shouldMatchScipyNormalTail() {
        // scipy.stats.norm.sf(3.0) -> 0.0013498980316300933
        assertThat(NormalTail.upper(3.0)).isCloseTo(0.0013498980316300933, within(1e-15));
        assertThat(NormalTail.upper(Double.POSITIVE_INFINITY)).isZero();
    }

    @Test
    void shouldPassNaturalRepeatsAndFlagAFloodOnACategoricalTable() {
        List<LabeledRow> ref = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ref.add(LabeledRow.of(Map.of("c", "v" + i % 40), i % 40 < 20 ? "a" : "b"));
        }
        PoisoningConfig config = PoisoningConfig.defaults();
        PoisoningReference reference = PoisoningReference.build(ref, config);
        BatchPoisoningAccumulator clean = BatchPoisoningAccumulator.create(reference, null, config);
        for (int i = 0; i < 200; i++) {
            clean.update(ref.get((i * 7) % 400));
        }
        assertThat(DuplicationChecks.duplicates(clean).flagged()).isFalse();
    }
}
