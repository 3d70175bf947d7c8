package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LabelConsistencyCheckTest {

    /*
     * Golden values: with K, A, EPSILON = 10, 0.1, 0.1 and numpy/scipy,
     *   score = lambda v, C: np.log(1 - 0.1 + 0.1 * (1 - (v + 0.1) / (10 + C * 0.1)) / ((C - 1) * (v + 0.1) / (10 + C * 0.1)))
     *   b = score(np.repeat(np.arange(11), batch), C); r = score(np.repeat(np.arange(11), ref), C)
     *   scipy.stats.norm.sf((b.mean() - r.mean()) / np.sqrt(b.var(ddof=1) / len(b) + r.var(ddof=1) / len(r)))
     */
    @Test
    void shouldMatchScipyWhenTestingTheMeanFlipScore() {
        long[] reference = {5, 5, 5, 5, 5, 5, 5, 10, 30, 100, 200};
        // batch [10,5,3,2,0,0,0,2,8,30,140], C = 2 -> 0.014535006721898863
        assertThat(LabelConsistencyCheck.pValue(new long[] {10, 5, 3, 2, 0, 0, 0, 2, 8, 30, 140}, reference, 2))
                .isCloseTo(0.014535006721898863, within(1e-12));
        // batch [2,1,1,1,0,0,0,2,8,30,155], C = 2 -> 0.8662998509502176
        assertThat(LabelConsistencyCheck.pValue(new long[] {2, 1, 1, 1, 0, 0, 0, 2, 8, 30, 155}, reference, 2))
                .isCloseTo(0.8662998509502176, within(1e-12));
        // batch [12,3,3,2,2,2,2,2,2,20,150], reference [20,10,10,10,10,10,10,10,10,100,800], C = 7
        //   -> 0.00916402465683385
        assertThat(LabelConsistencyCheck.pValue(
                        new long[] {12, 3, 3, 2, 2, 2, 2, 2, 2, 20, 150},
                        new long[] {20, 10, 10, 10, 10, 10, 10, 10, 10, 100, 800},
                        7))
                .isCloseTo(0.00916402465683385, within(1e-12));
        // score(0, 2) -> 2.3978952727983707, score(10, 2) -> -0.10426101032440939, score(0, 7) -> 0.9808292530117262
        assertThat(LabelConsistencyCheck.score(0, 2)).isCloseTo(2.3978952727983707, within(1e-14));
        assertThat(LabelConsistencyCheck.score(10, 2)).isCloseTo(-0.10426101032440939, within(1e-14));
        assertThat(LabelConsistencyCheck.score(0, 7)).isCloseTo(0.9808292530117262, within(1e-14));
    }

    @Property(tries = 200)
    void shouldNeverFlagABatchThatVotesLikeTheReference(
            @ForAll("histograms") long[] histogram, @ForAll @IntRange(min = 2, max = 9) int classes) {
        // identical vote histograms: no evidence of flips, whatever their shape
        assertThat(LabelConsistencyCheck.pValue(histogram, histogram, classes)).isGreaterThanOrEqualTo(0.5);
    }

    @Property(tries = 200)
    void shouldLeanTowardsFlipsWhenARowLosesItsNeighbourVotes(
            @ForAll("histograms") long[] histogram, @ForAll @IntRange(min = 2, max = 9) int classes) {
        // the score falls with every own vote, so moving a row of the reference's own histogram from its top to 0 votes
        // raises the batch's mean above the reference's: p below one half
        for (int v = 1; v <= LabelConsistency.K; v++) {
            assertThat(LabelConsistencyCheck.score(v, classes)).isLessThan(LabelConsistencyCheck.score(v - 1, classes));
        }
        long[] worse = histogram.clone();
        int top = LabelConsistency.K;
        while (top > 0 && worse[top] == 0) {
            top--;
        }
        Assume.that(top > 0);
        worse[top]--;
        worse[0]++;
        assertThat(LabelConsistencyCheck.pValue(worse, histogram, classes)).isLessThan(0.5);
    }

    @Provide
    Arbitrary<long[]> histograms() {
        return Arbitraries.longs()
                .between(0, 200)
                .array(long[].class)
                .ofSize(LabelConsistency.K + 1)
                .filter(h -> java.util.Arrays.stream(h).sum() >= 10);
    }

    /** Two well separated classes: label "a" around x = -2, "b" around x = +2. */
    private static List<LabeledRow> rows(int n, long seed, double flipShare) {
        Random r = new Random(seed);
        List<LabeledRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean();
            double x = (a ? -2 : 2) + r.nextGaussian();
            String label = a ? "a" : "b";
            if (r.nextDouble() < flipShare) {
                label = a ? "b" : "a";
            }
            out.add(LabeledRow.of(Map.of("x", x, "y", r.nextGaussian(), "c", r.nextBoolean() ? "u" : "v"), label));
        }
        return out;
    }

    private static PoisoningSignal signal(List<LabeledRow> batch) {
        PoisoningReference reference = PoisoningReference.build(rows(3_000, 1, 0), PoisoningConfig.defaults());
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(reference, null, PoisoningConfig.defaults());
        batch.forEach(acc::update);
        return PoisoningChecks.evaluate(reference, acc).stream()
                .filter(s -> s.check().equals(LabelConsistencyCheck.NAME))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldPassCleanBatchesAndFlagTenPercentFlipsAtTwoHundredRows() {
        int cleanFlagged = 0;
        int flipsFlagged = 0;
        for (long seed = 100; seed < 120; seed++) {
            cleanFlagged += signal(rows(200, seed, 0)).flagged() ? 1 : 0;
            flipsFlagged += signal(rows(200, seed + 1_000, 0.10)).flagged() ? 1 : 0;
        }
        assertThat(cleanFlagged).isZero();
        assertThat(flipsFlagged).isGreaterThanOrEqualTo(18);
    }

    @Test
    void shouldKeepABoundedSampleWhateverTheReferenceSize() {
        PoisoningReference reference = PoisoningReference.build(rows(3_000, 1, 0), PoisoningConfig.defaults());
        assertThat(reference.sample().size()).isEqualTo(NeighbourSample.CAPACITY);
        PoisoningReference decoded = PoisoningReference.decode(reference.encode());
        assertThat(decoded.sample().entries()).isEqualTo(reference.sample().entries());
        assertThat(decoded.sample().expectedRepeats(500, reference.rows()))
                .containsExactly(reference.sample().expectedRepeats(500, reference.rows()));
        // the sample encodes stably: decoding and encoding again gives the same bytes
        assertThat(reference.encode().length
                        - PoisoningReference.decode(reference.encode()).encode().length)
                .isZero();
    }
}
