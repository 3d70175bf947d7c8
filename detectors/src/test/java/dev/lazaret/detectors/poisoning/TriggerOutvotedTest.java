package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@code backdoor-trigger}'s outvoted family: a dirty-label backdoor whose trigger is a value half of all rows carry,
 * with every label, so that the planted rows hide among the value's natural rows in the other two families.
 *
 * <p>The table: {@code x} is two clusters far apart ({@code a} near 0, {@code b} near 100), the label is the cluster;
 * {@code s} is 0 or 1 independently of it. A row's 10 nearest rows share its cluster and its {@code s}, so no clean
 * row is outvoted, in the reference's sample as in a batch; a planted row's 10 neighbours all carry the other label.
 */
class TriggerOutvotedTest {
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();

    @Test
    void shouldCountARepeatedContentOfTheSampleAtItsEffectiveSize() {
        ContentSample few = ContentSample.UNKNOWN_POPULATION;
        assertThat(TriggerCheck.effectiveShare(List.of(1L, 1L, 1L), few)).isEqualTo(1.0);
        List<Long> counts = new ArrayList<>(List.of(75L));
        for (int i = 0; i < 25; i++) {
            counts.add(1L);
        }
        // 100 rows, of which the sample holds few contents: Kish's 100^2 / (75^2 + 25) = 1.77 rows, a share of 100 /
        // 5650
        assertThat(TriggerCheck.effectiveShare(counts, few)).isCloseTo(100.0 / 5650, within(1e-15));
        // every content repeated alike: the distinct contents' count
        assertThat(TriggerCheck.effectiveShare(List.of(4L, 4L, 4L), few)).isEqualTo(0.25);
        // a sample of every content of a reference of 100 rows: the rows are independent draws, all count
        assertThat(TriggerCheck.effectiveShare(counts, new ContentSample(1, 100)))
                .isEqualTo(1.0);
        // a fifth of a reference of 500 rows: 1 / (1 / 500 + 0.8 * 5650 / 100^2) = 2.20 rows
        assertThat(TriggerCheck.effectiveShare(counts, new ContentSample(0.2, 500)))
                .isCloseTo(1 / (1 / 500.0 + 0.8 * 5650 / 10_000.0) / 100, within(1e-15));
    }

    private static LabeledRow row(SplittableRandom rnd, boolean inB, double s, String label) {
        return LabeledRow.of(Map.of("x", (inB ? 100 : 0) + rnd.nextGaussian(), "s", s), label);
    }

    private static List<LabeledRow> clean(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabeledRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean inB = rnd.nextBoolean();
            out.add(row(rnd, inB, rnd.nextBoolean() ? 0 : 1, inB ? "b" : "a"));
        }
        return out;
    }

    /** {@code planted} rows of cluster b with the trigger s = 0 and label a, then clean rows up to {@code n}. */
    private static PoisoningSignal judge(PoisoningReference reference, long seed, int n, int planted) {
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(reference, null, CONFIG);
        for (int i = 0; i < planted; i++) {
            batch.update(row(rnd, true, 0, "a"));
        }
        clean(seed, n - planted).forEach(batch::update);
        return TriggerCheck.evaluate(reference, batch);
    }

    @Test
    void shouldFlagATriggerOnAValueHalfTheRowsCarryWithEveryLabel() {
        // 1,000 reference rows, all distinct, so the labelled sample is the whole reference and none of it is outvoted
        PoisoningReference reference = PoisoningReference.build(clean(1, 1_000), CONFIG);
        PoisoningSignal signal = judge(reference, 2, 1_000, 20);

        // 20 of 1,000 batch rows strongly outvoted with s = 0 and label a, against 0 of the sample's 1,000 rows;
        // given the 20, binomial(20, 1000 / 2000): scipy.stats.binom.sf(19, 20, 0.5) -> 9.5367431640625e-07
        assertThat(signal.flagged()).isTrue();
        assertThat(signal.evidence())
                .contains("s = 0.0 with label 'a' in 20 of 1000 batch rows whose label at most 1 of their 10 nearest"
                        + " reference rows share vs 0 of 1000 rows of the reference's labelled sample as strongly"
                        + " outvoted by their own neighbours (binomial p 9.5e-07");
        // lift: (20 / 1000) / ((0 + 1) / (1000 + 1)) = 20.02
        assertThat(signal.score()).isCloseTo(20.02, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void shouldCompareWithTheRowsHeldOutOfTheSampleWhenTheReferenceHasThem() {
        // 3,000 distinct reference rows: the sample's 1,000 neighbours vote on the next 1,000 by content hash, as on a
        // batch's rows, and those are the exposure of the reference side (the same binomial as above)
        PoisoningReference reference = PoisoningReference.build(clean(1, 3_000), CONFIG);
        PoisoningSignal signal = judge(reference, 2, 1_000, 20);

        assertThat(signal.flagged()).isTrue();
        assertThat(signal.evidence())
                .contains("s = 0.0 with label 'a' in 20 of 1000 batch rows whose label at most 1 of their 10 nearest"
                        + " reference rows share vs 0 of 1000 rows of the reference's rows held out of its labelled"
                        + " sample as strongly outvoted by it (binomial p 9.5e-07");
    }

    @Test
    void shouldNotFlagTheSameBatchWithoutTheBackdoor() {
        PoisoningReference reference = PoisoningReference.build(clean(1, 1_000), CONFIG);
        assertThat(judge(reference, 2, 1_000, 0).flagged()).isFalse();
    }

    @Property(tries = 8)
    void shouldFlagNoCleanBatchOfTheTable(@ForAll @IntRange(min = 3, max = 1_000_000) int seed) {
        PoisoningReference reference = PoisoningReference.build(clean(1, 1_000), CONFIG);
        assertThat(judge(reference, seed, 1_000, 0).flagged()).isFalse();
    }

    @Property(tries = 8)
    void shouldFlagMorePlantedRowsOnceFewerAreFlagged(@ForAll @IntRange(min = 3, max = 1_000_000) int seed) {
        // monotone in the attack: if 12 planted rows are caught, 24 are
        PoisoningReference reference = PoisoningReference.build(clean(1, 1_000), CONFIG);
        if (judge(reference, seed, 1_000, 12).flagged()) {
            assertThat(judge(reference, seed, 1_000, 24).flagged()).isTrue();
        }
    }
}
