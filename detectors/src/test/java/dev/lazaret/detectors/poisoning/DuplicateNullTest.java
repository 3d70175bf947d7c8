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
        // python3: q = 10 * 10 * 9 / (100 * 99); 20 * 19 / 2 * q -> 17.272727272727273 (Poisson: variance = mean)
        assertThat(e[0]).isCloseTo(17.272727272727273, within(1e-9));
        assertThat(e[1]).isCloseTo(17.272727272727273, within(1e-9));
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
