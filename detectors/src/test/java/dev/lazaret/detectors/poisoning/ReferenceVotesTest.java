package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The reference's votes on its own labels, and what a flip would make of them. */
class ReferenceVotesTest {

    private static PoisoningReference reference(int rows, int classes, double noise, long seed) {
        Random r = new Random(seed);
        List<LabeledRow> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double x = r.nextGaussian();
            int label = (int) Math.min(classes - 1, Math.max(0, Math.floor((x + 1.5) / 3 * classes)));
            if (r.nextDouble() < noise) {
                label = r.nextInt(classes);
            }
            out.add(LabeledRow.of(Map.of("x", x, "y", r.nextGaussian()), "c" + label));
        }
        return PoisoningReference.build(out, PoisoningConfig.defaults());
    }

    private static LabelConsistency index(PoisoningReference reference) {
        return new LabelConsistency(
                reference.sample(), reference.bins(), reference.moments().meanStd());
    }

    /**
     * Two classes: a flipped row has K - own votes, so it is outvoted exactly when it had more than K / 2; a row that
     * ties 5 to 5 is neither outvoted nor made so by a flip. Small references vote leave-one-out, references of over
     * 1,500 distinct rows with their held-out rows: the flipped share follows whichever votes the check compares with.
     */
    @Property(tries = 25)
    void shouldCountAFlipAsOutvotingExactlyTheRowsWithAMajorityWhenTwoClasses(
            @ForAll @IntRange(min = 40, max = 400) int smallRows,
            @ForAll boolean large,
            @ForAll @IntRange(min = 0, max = 60) int noisePercent,
            @ForAll long seed) {
        int rows = large ? 1_600 + smallRows * 4 : smallRows;
        PoisoningReference reference = reference(rows, 2, noisePercent / 100.0, seed);
        PoisoningReference.ReferenceVotes votes = reference.referenceVotes().orElseThrow();
        LabelConsistency index = index(reference);
        assertThat(votes.heldOut()).isEqualTo(large).isEqualTo(index.votesHeldOut());
        long[] histogram = index.referenceVotes().ownHistogram();
        long majority = 0;
        long minority = 0;
        for (int own = 0; own <= LabelConsistency.K; own++) {
            majority += 2 * own > LabelConsistency.K ? histogram[own] : 0;
            minority += 2 * own < LabelConsistency.K ? histogram[own] : 0;
        }
        assertThat(votes.rows()).isEqualTo(index.referenceVotes().rows());
        assertThat(votes.flippedOutvotedShare()).isCloseTo(majority / (double) votes.rows(), within(1e-12));
        assertThat(votes.outvotedShare()).isCloseTo(minority / (double) votes.rows(), within(1e-12));
    }

    /**
     * Any number of classes: a row its neighbours support stays supported under a flip only to a label that ties it; one
     * they outvote escapes only to their majority, so the flipped share is at most (1 - p0) + p0 (C - 2) / (C - 1).
     */
    @Property(tries = 25)
    void shouldBoundTheFlippedShareByTheTieFreeFormula(
            @ForAll @IntRange(min = 40, max = 400) int rows,
            @ForAll @IntRange(min = 2, max = 6) int classes,
            @ForAll @IntRange(min = 0, max = 60) int noisePercent,
            @ForAll long seed) {
        PoisoningReference reference = reference(rows, classes, noisePercent / 100.0, seed);
        PoisoningReference.ReferenceVotes votes = reference.referenceVotes().orElseThrow();
        int c = index(reference).classes();
        double p0 = votes.outvotedShare();
        assertThat(votes.flippedOutvotedShare()).isBetween(0.0, (1 - p0) + p0 * (c - 2) / (double) (c - 1) + 1e-12);
    }
}
