package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The flat, early-exit {@link LabelConsistency} votes exactly as the map-based version it replaced ({@link
 * LabelConsistencyBaseline}): every batch row's vote and the sample's leave-one-out votes. The values are drawn from
 * few levels so that distances tie often (the order of ties decides which neighbours vote), rows repeat (a sample
 * entry with several copies), values go missing or are not finite, categories and labels appear that the sample never
 * held.
 */
class LabelConsistencyTest {
    private static final String[] NUMERIC = {"x0", "x1", "x2", "x3"};
    private static final String[] CATEGORICAL = {"c0", "c1"};

    @Property(tries = 300)
    void shouldVoteAsTheMapBasedVersion(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FeatureBins bins = bins();
        Map<String, double[]> meanStd = new HashMap<>();
        for (String f : NUMERIC) {
            meanStd.put(f, new double[] {random.nextInt(3) - 1, 0.5 + random.nextInt(3)});
        }
        // a feature without a scale is left out of the metric by both versions
        meanStd.remove(NUMERIC[random.nextInt(NUMERIC.length)]);
        int sampleRows = 5 + random.nextInt(60);
        NeighbourSample sample = new NeighbourSample(1 + random.nextInt(80));
        List<LabeledRow> referenceRows = new ArrayList<>();
        for (int i = 0; i < sampleRows; i++) {
            LabeledRow row = row(random, 2);
            int copies = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1;
            for (int k = 0; k < copies; k++) {
                referenceRows.add(row);
            }
        }
        referenceRows.forEach(r -> sample.add(bins, r));

        LabelConsistency fast = new LabelConsistency(sample, bins, meanStd);
        LabelConsistencyBaseline baseline = new LabelConsistencyBaseline(sample, bins, meanStd);
        assertThat(fast.usable()).isEqualTo(baseline.usable());
        assertThat(fast.classes()).isEqualTo(baseline.classes());
        assertThat(fast.sampleSize()).isEqualTo(baseline.sampleSize());

        LabelConsistency.Votes self = fast.selfVotes();
        LabelConsistencyBaseline.Votes selfBefore = baseline.selfVotes();
        assertThat(self.ownHistogram()).containsExactly(selfBefore.ownHistogram());
        assertThat(self.disagreements()).isEqualTo(selfBefore.disagreements());
        assertThat(self.own()).containsExactly(selfBefore.own());
        assertThat(self.ownByLabel()).containsOnlyKeys(selfBefore.ownByLabel().keySet());
        selfBefore
                .ownByLabel()
                .forEach((label, h) -> assertThat(self.ownByLabel().get(label)).containsExactly(h));

        for (int i = 0; i < 200; i++) {
            LabeledRow row = row(random, 3);
            LabelConsistency.Vote v = fast.vote(row);
            LabelConsistencyBaseline.Vote before = baseline.vote(row);
            assertThat(v.own()).as("own votes of %s", row).isEqualTo(before.own());
            assertThat(v.disagrees()).as("disagreement of %s", row).isEqualTo(before.disagrees());
        }
    }

    private static FeatureBins bins() {
        Map<String, double[]> cuts = new HashMap<>();
        for (String f : NUMERIC) {
            cuts.put(f, new double[] {0});
        }
        return FeatureBins.of(cuts, Set.of(CATEGORICAL));
    }

    /** A row of few distinct values; {@code labels} labels (a third one the reference never holds). */
    private static LabeledRow row(SplittableRandom random, int labels) {
        Map<String, Object> f = new HashMap<>();
        for (String name : NUMERIC) {
            switch (random.nextInt(12)) {
                case 0 -> {} // missing
                case 1 -> f.put(name, Double.NaN);
                case 2 -> f.put(name, Double.POSITIVE_INFINITY);
                case 3 -> f.put(name, "text"); // a string where a number belongs
                case 4 -> f.put(name, random.nextInt(3)); // an integer, not a double
                default -> f.put(name, (random.nextInt(7) - 3) * 0.5);
            }
        }
        for (String name : CATEGORICAL) {
            switch (random.nextInt(8)) {
                case 0 -> {} // missing
                case 1 -> f.put(name, random.nextInt(2)); // a number in a categorical feature
                case 2 -> f.put(name, random.nextBoolean());
                default -> f.put(name, "v" + random.nextInt(labels == 2 ? 3 : 5));
            }
        }
        return new LabeledRow(f, "l" + random.nextInt(labels));
    }
}
