package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.rate.FisherExcess;
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

    /*
     * A reference whose 40 voting contents (194 rows) repeat and are a share f of a population of N rows: its mean is
     * the ratio estimator over the k contents, with variance max(sw / M, sw / N + (1 - f) * vcl), vcl = k / (k - 1) *
     * sum(c^2 (s - R)^2) / M^2 the cluster term and sw = sum(c (s - R)^2) / (M - 1) the rows' variance. With score as
     * above, C = 2,
     *   own = np.array([10]*20 + [9]*6 + [8]*4 + [6]*3 + [3]*2 + [1]*2 + [0]*3); c = the COPIES below; M = c.sum()
     *   s = score(np.arange(11), 2); bs = np.repeat(s, [30,10,5,5,5,5,5,10,30,100,1000])
     *   R = (c * s[own]).sum() / M; vcl = 40 / 39 * ((c**2) * (s[own] - R)**2).sum() / M**2
     *   sw = (c * (s[own] - R)**2).sum() / (M - 1); vr = max(sw / M, sw / N + (1 - f) * vcl)
     *   scipy.stats.norm.sf((bs.mean() - R) / np.sqrt(bs.var(ddof=1) / len(bs) + vr))
     *     f = 0.4, N = 600    -> 0.8659442455845842
     *     f = 0, N = np.inf   -> 0.8075654588806325 (the cluster term alone)
     *     f = 1, N = 194      -> 0.9999626106747702 (every content: the 194 rows as independent ones, which
     *       scipy.stats.norm.sf((bs.mean() - rs.mean()) / np.sqrt(bs.var(ddof=1) / len(bs) + rs.var(ddof=1) / len(rs)))
     *       with rs = np.repeat(s[own], c) also gives)
     * Effective rows at f = 0.4, N = 600: min(M, 1 / (1 / 600 + 0.6 * (c**2).sum() / M**2)) -> 8.535930773894757
     */
    private static final int[] OWN = {
        10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9, 9, 9, 9, 9, 9, 8, 8, 8, 8, 6,
        6, 6, 3, 3, 1, 1, 0, 0, 0
    };
    private static final long[] COPIES = {
        1, 1, 2, 1, 75, 1, 3, 1, 1, 12, 1, 1, 1, 2, 1, 1, 5, 1, 1, 1, 1, 2, 1, 1, 30, 1, 1, 1, 4, 1, 1, 9, 1, 1, 1, 1,
        2, 1, 1, 20
    };

    @Test
    void shouldMatchScipyWhenTheReferenceContentsRepeat() {
        long[] batch = {30, 10, 5, 5, 5, 5, 5, 10, 30, 100, 1000};
        LabelConsistency.Votes sampled = votes(OWN, COPIES, new ContentSample(0.4, 600));
        assertThat(LabelConsistencyCheck.pValue(batch, sampled, 2)).isCloseTo(0.8659442455845842, within(1e-12));
        assertThat(LabelConsistencyCheck.pValue(batch, votes(OWN, COPIES, ContentSample.UNKNOWN_POPULATION), 2))
                .isCloseTo(0.8075654588806325, within(1e-12));
        assertThat(LabelConsistencyCheck.pValue(batch, votes(OWN, COPIES, new ContentSample(1, 194)), 2))
                .isCloseTo(0.9999626106747702, within(1e-12));
        assertThat(LabelConsistencyCheck.pValue(batch, sampled.ownHistogram(), 2))
                .isCloseTo(0.9999626106747702, within(1e-12));
        assertThat(sampled.effectiveRows(sampled.ownHistogram(), sampled.ownSquaredCopies()))
                .isCloseTo(8.535930773894757, within(1e-9));
    }

    @Property(tries = 200)
    void shouldWeighAContentRepeatedEverywhereAlikeAsOnce(
            @ForAll("histograms") long[] batch,
            @ForAll("histograms") long[] distinct,
            @ForAll @IntRange(min = 2, max = 9) int classes,
            @ForAll @IntRange(min = 1, max = 60) int copies) {
        // every content of a sample that holds few of the reference's contents (an unknown population: the cluster
        // term alone) occurring `copies` times adds rows but no independent evidence: the same p as distinct rows
        int contents = (int) java.util.Arrays.stream(distinct).sum();
        LabelConsistency.Votes repeated = new LabelConsistency.Votes(
                times(distinct, copies),
                times(distinct, (long) copies * copies),
                0,
                0,
                new int[contents],
                Map.of(),
                Map.of(),
                ContentSample.UNKNOWN_POPULATION);
        assertThat(LabelConsistencyCheck.pValue(batch, repeated, classes))
                .isCloseTo(LabelConsistencyCheck.pValue(batch, distinct, classes), within(1e-9));
        // and the per-class test sees the distinct rows' table
        LabelConsistencyCheck.ClassTest once =
                LabelConsistencyCheck.worstClass(Map.of("a", batch), Map.of("a", distinct), 10_000);
        LabelConsistencyCheck.ClassTest many = LabelConsistencyCheck.worstClass(
                Map.of("a", batch),
                Map.of("a", times(distinct, copies)),
                Map.of("a", times(distinct, (long) copies * copies)),
                ContentSample.UNKNOWN_POPULATION,
                10_000);
        assertThat(many.referenceOutvoted()).isEqualTo(once.referenceOutvoted());
        assertThat(many.referenceRows()).isEqualTo(once.referenceRows());
        assertThat(many.referenceRowsCounted()).isEqualTo(once.referenceRows() * copies);
        assertThat(many.p()).isEqualTo(once.p());
    }

    private static long[] times(long[] histogram, long factor) {
        return java.util.Arrays.stream(histogram).map(h -> h * factor).toArray();
    }

    /** Votes of contents with these own votes, each occurring as often as {@code copies} says. */
    private static LabelConsistency.Votes votes(int[] own, long[] copies, ContentSample design) {
        long[] histogram = new long[LabelConsistency.K + 1];
        long[] squared = new long[LabelConsistency.K + 1];
        for (int i = 0; i < own.length; i++) {
            histogram[own[i]] += copies[i];
            squared[own[i]] += copies[i] * copies[i];
        }
        return new LabelConsistency.Votes(histogram, squared, 0, 0, own, Map.of(), Map.of(), design);
    }

    /*
     * Golden values of the per-class targeted-flip test, one-sided Fisher exact (scipy 1.17.1):
     *   scipy.stats.fisher_exact([[x, n - x], [y, m - y]], alternative='greater').pvalue
     * (equal to scipy.stats.hypergeom.sf(x - 1, n + m, x + y, n)).
     */
    @Test
    void shouldMatchScipyInTheFisherExactTestOfAClass() {
        // fisher_exact([[16, 136], [1, 136]], alternative='greater') -> 0.00020858268854369265
        assertThat(FisherExcess.greater(16, 152, 1, 137)).isCloseTo(0.00020858268854369265, within(1e-15));
        // fisher_exact([[18, 130], [3, 127]], alternative='greater') -> 0.0013641041337727933
        assertThat(FisherExcess.greater(18, 148, 3, 130)).isCloseTo(0.0013641041337727933, within(1e-14));
        // fisher_exact([[3, 147], [2, 138]], alternative='greater') -> 0.5325273657771525
        assertThat(FisherExcess.greater(3, 150, 2, 140)).isCloseTo(0.5325273657771525, within(1e-12));
        // fisher_exact([[5, 0], [0, 100]], alternative='greater') -> 1.0356185893785342e-08
        assertThat(FisherExcess.greater(5, 5, 0, 100)).isCloseTo(1.0356185893785342e-08, within(1e-20));
        // fisher_exact([[40, 960], [30, 970]], alternative='greater') -> 0.1367015964079668
        assertThat(FisherExcess.greater(40, 1000, 30, 1000)).isCloseTo(0.1367015964079668, within(1e-12));
        // fisher_exact([[0, 150], [2, 138]], alternative='greater') -> 1.0
        assertThat(FisherExcess.greater(0, 150, 2, 140)).isEqualTo(1.0);
    }

    /*
     * Golden values of the count test, one-sided Fisher exact (scipy 1.17.1):
     *   scipy.stats.fisher_exact([[x, n - x], [y, m - y]], alternative='greater').pvalue
     * with y and m the reference's outvoted and voting rows scaled to its effective size: for the repeated contents
     * above at f = 0.4, N = 600, 27 outvoted rows (the contents with at most 4 own votes) of 194 become
     * round(27 * 8.5359 / 194) = 1 of round(8.5359) = 9.
     */
    @Test
    void shouldMatchScipyInTheCountOfOutvotedRows() {
        LabelConsistency.Votes distinct = new LabelConsistency.Votes(
                histogram(105, 395),
                histogram(105, 395),
                105,
                0,
                new int[500],
                Map.of(),
                Map.of(),
                new ContentSample(1, 500));
        // fisher_exact([[70, 130], [105, 395]], alternative='greater') -> 0.00010856069471514192
        assertThat(LabelConsistencyCheck.countPValue(70, 200, distinct))
                .isCloseTo(0.00010856069471514192, within(1e-15));
        // fisher_exact([[42, 158], [105, 395]], alternative='greater') -> 0.5375214211400734
        assertThat(LabelConsistencyCheck.countPValue(42, 200, distinct)).isCloseTo(0.5375214211400734, within(1e-12));
        LabelConsistency.Votes plain = votes(OWN, COPIES, new ContentSample(0.4, 600));
        LabelConsistency.Votes repeated = new LabelConsistency.Votes(
                plain.ownHistogram(), plain.ownSquaredCopies(), 27, 0, plain.own(), Map.of(), Map.of(), plain.design());
        // fisher_exact([[150, 50], [1, 8]], alternative='greater') -> 0.0001704248921515276
        assertThat(LabelConsistencyCheck.countPValue(150, 200, repeated))
                .isCloseTo(0.0001704248921515276, within(1e-15));
        // fisher_exact([[20, 180], [1, 8]], alternative='greater') -> 0.7749161105834002
        assertThat(LabelConsistencyCheck.countPValue(20, 200, repeated)).isCloseTo(0.7749161105834002, within(1e-12));
    }

    @Property(tries = 200)
    void shouldFindNoCountEvidenceInABatchThatVotesLikeTheReference(
            @ForAll @IntRange(min = 1, max = 2_000) int referenceRows,
            @ForAll @IntRange(max = 2_000) int anyOutvoted,
            @ForAll @IntRange(min = 1, max = 5) int batchFactor) {
        int outvoted = anyOutvoted % (referenceRows + 1);
        LabelConsistency.Votes reference = new LabelConsistency.Votes(
                histogram(outvoted, referenceRows - outvoted),
                histogram(outvoted, referenceRows - outvoted),
                outvoted,
                0,
                new int[referenceRows],
                Map.of(),
                Map.of(),
                new ContentSample(1, referenceRows));
        // the same share (a multiple of the reference's counts): the hypergeometric's mean is then an integer, its
        // median, so P(X >= mean) is at least one half
        assertThat(LabelConsistencyCheck.countPValue(
                        (long) outvoted * batchFactor, (long) referenceRows * batchFactor, reference))
                .isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void shouldCountOutvotedRowsWhereTheLabelsAreNoisy() {
        // heavily overlapping classes (means 0.8 sd apart): about a third of the reference's rows are outvoted by their
        // neighbours, so a flip mostly lands where the score weighs it little. With 20% flips in 1,000 rows the score
        // alone reached p < 1e-3 in 11 of 40 batches of this kind, the count in 29 (an exploratory run of these
        // generators, seeds 300-339); both were 0 of 40 on clean batches
        PoisoningReference reference = reference(noisyRows(3_000, 2, 0));
        int flagged = 0;
        for (long seed = 200; seed < 240; seed++) {
            PoisoningSignal clean = labelConsistency(reference, noisyRows(1_000, seed, 0));
            assertThat(clean.flagged()).as("clean batch, seed " + seed).isFalse();
            PoisoningSignal flips = labelConsistency(reference, noisyRows(1_000, seed + 1_000, 0.20));
            assertThat(flips.evidence()).contains("count of outvoted rows (Fisher exact) one-sided p");
            flagged += flips.flagged() ? 1 : 0;
        }
        assertThat(flagged).isGreaterThanOrEqualTo(22);
    }

    /** Two overlapping classes: label "a" around x = -0.4, "b" around x = +0.4, unit sd, one feature. */
    private static List<LabeledRow> noisyRows(int n, long seed, double flipShare) {
        return twoClasses(n, seed, flipShare, 0.4, false);
    }

    @Test
    void shouldFlagARelabelIntoOneClassThatTheOverallRateHides() {
        // class a: 16 of 152 batch rows have no neighbour with their label, against 1 of 137 sample rows
        // (Fisher p 2.1e-4, below 1e-3 / 2 classes); class b as the sample
        long[] a = new long[LabelConsistency.K + 1];
        a[0] = 16;
        a[LabelConsistency.K] = 136;
        long[] refA = new long[LabelConsistency.K + 1];
        refA[0] = 1;
        refA[LabelConsistency.K] = 136;
        long[] b = new long[LabelConsistency.K + 1];
        b[0] = 2;
        b[LabelConsistency.K] = 148;
        long[] refB = new long[LabelConsistency.K + 1];
        refB[0] = 2;
        refB[LabelConsistency.K] = 135;
        LabelConsistencyCheck.ClassTest t =
                LabelConsistencyCheck.worstClass(Map.of("a", a, "b", b), Map.of("a", refA, "b", refB), 302);
        assertThat(t.label()).isEqualTo("a");
        assertThat(t.p()).isCloseTo(0.00020858268854369265, within(1e-15));
        assertThat(t.excess()).isCloseTo(16 - 152 / 137.0, within(1e-12));
        // class b (4 such rows in all) cannot reach 1e-3: hypergeom.pmf(4, 287, 4, 150) = 0.0732, so Tarone counts a
        // alone and its level is the whole 1e-3
        assertThat(t.level().counted()).isEqualTo(1);
        assertThat(t.level().level()).isEqualTo(LabelConsistencyCheck.CLASS_ALPHA);
        assertThat(t.flagged()).isTrue();
        // the same counts among 10,000 voting rows fall under the effect floor (0.5% of the batch: 50 rows)
        assertThat(LabelConsistencyCheck.worstClass(Map.of("a", a, "b", b), Map.of("a", refA, "b", refB), 10_000)
                        .flagged())
                .isFalse();
        // a label the sample lacks is label-shift's matter
        assertThat(LabelConsistencyCheck.worstClass(Map.of("c", a), Map.of("a", refA), 302))
                .isNull();
    }

    @Test
    void shouldShareTheLevelAmongTheClassesThatCanReachIt() {
        // two classes whose margins can reach 1e-3 / 2 (smallest p 1.15e-5 and 7.2e-5): each is tested at 5e-4
        long[] a = histogram(16, 136);
        long[] refA = histogram(1, 136);
        long[] b = histogram(14, 136);
        long[] refB = histogram(0, 140);
        LabelConsistencyCheck.ClassTest t =
                LabelConsistencyCheck.worstClass(Map.of("a", a, "b", b), Map.of("a", refA, "b", refB), 302);
        assertThat(t.level().counted()).isEqualTo(2);
        assertThat(t.level().level()).isEqualTo(LabelConsistencyCheck.CLASS_ALPHA / 2);
        // b is the more significant: fisher_exact([[14, 136], [0, 140]], alternative='greater') ->
        // 7.217682768522409e-05
        assertThat(t.label()).isEqualTo("b");
        assertThat(t.p()).isCloseTo(7.217682768522409e-05, within(1e-17));
        assertThat(t.flagged()).isTrue();
        // smallest attainable p: scipy.stats.hypergeom.pmf(min(n, x + y), n + m, x + y, n)
        // hypergeom.pmf(17, 289, 17, 152) -> 1.150801040241063e-05
        assertThat(FisherExcess.minimum(16, 152, 1, 137)).isCloseTo(1.150801040241063e-05, within(1e-17));
        // hypergeom.pmf(70, 2000, 70, 1000) -> 2.423778989761681e-22
        assertThat(FisherExcess.minimum(40, 1000, 30, 1000)).isCloseTo(2.423778989761681e-22, within(1e-34));
        assertThat(FisherExcess.minimum(0, 150, 0, 140)).isEqualTo(1.0);
    }

    /** Rows with no neighbour sharing their label, and rows with all K. */
    private static long[] histogram(long unanimous, long agreeing) {
        long[] h = new long[LabelConsistency.K + 1];
        h[0] = unanimous;
        h[LabelConsistency.K] = agreeing;
        return h;
    }

    @Property(tries = 200)
    void shouldNeverFlagAClassThatVotesLikeTheReference(@ForAll("histograms") long[] histogram) {
        LabelConsistencyCheck.ClassTest t = LabelConsistencyCheck.worstClass(
                Map.of("a", histogram),
                Map.of("a", histogram),
                java.util.Arrays.stream(histogram).sum());
        assertThat(t.flagged()).isFalse();
        assertThat(t.excess()).isCloseTo(0, within(1e-9));
    }

    @Property(tries = 500)
    void shouldFindMoreEvidenceInEveryFurtherUnanimouslyOutvotedRow(
            @ForAll @IntRange(min = 1, max = 3_000) int n,
            @ForAll @IntRange(min = 1, max = 3_000) int m,
            @ForAll @IntRange(max = 3_000) int anyX,
            @ForAll @IntRange(max = 3_000) int anyY) {
        int x = anyX % n;
        int y = anyY % (m + 1);
        // moving one batch row of the class from agreeing to unanimously outvoted never raises p
        assertThat(FisherExcess.greater(x + 1, n, y, m)).isLessThanOrEqualTo(FisherExcess.greater(x, n, y, m) + 1e-12);
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

    /** Two well separated classes: label "a" around x = -2, "b" around x = +2, with two features that say nothing. */
    private static List<LabeledRow> rows(int n, long seed, double flipShare) {
        return twoClasses(n, seed, flipShare, 2, true);
    }

    /**
     * Rows of two classes, "a" around x = -offset and "b" around x = +offset (unit sd), a share of labels flipped; with
     * {@code noise}, also a normal feature y and a categorical c that carry no label information.
     */
    private static List<LabeledRow> twoClasses(int n, long seed, double flipShare, double offset, boolean noise) {
        Random r = new Random(seed);
        List<LabeledRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean();
            double x = (a ? -offset : offset) + r.nextGaussian();
            String label = a ? "a" : "b";
            if (r.nextDouble() < flipShare) {
                label = a ? "b" : "a";
            }
            out.add(LabeledRow.of(
                    noise ? Map.of("x", x, "y", r.nextGaussian(), "c", r.nextBoolean() ? "u" : "v") : Map.of("x", x),
                    label));
        }
        return out;
    }

    private static PoisoningReference reference(List<LabeledRow> rows) {
        return PoisoningReference.build(rows, PoisoningConfig.defaults());
    }

    /** The label-consistency signal of a batch against the reference, which is only read. */
    private static PoisoningSignal labelConsistency(PoisoningReference reference, List<LabeledRow> batch) {
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(reference, null, PoisoningConfig.defaults());
        batch.forEach(acc::update);
        return PoisoningChecks.evaluate(reference, acc).stream()
                .filter(s -> s.check().equals(LabelConsistencyCheck.NAME))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldPassCleanBatchesAndFlagTenPercentFlipsAtTwoHundredRows() {
        PoisoningReference reference = reference(rows(3_000, 1, 0));
        int cleanFlagged = 0;
        int flipsFlagged = 0;
        for (long seed = 100; seed < 120; seed++) {
            cleanFlagged += labelConsistency(reference, rows(200, seed, 0)).flagged() ? 1 : 0;
            flipsFlagged +=
                    labelConsistency(reference, rows(200, seed + 1_000, 0.10)).flagged() ? 1 : 0;
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

    /**
     * A reference whose sample looks cleaner to itself than to fresh rows: 15 normal features and 5 categorical ones,
     * label {@code f0 + 0.3 noise > 1} (references of 3,000 rows, seed 25 of the 40 tried). Against the sample's
     * leave-one-out votes a clean 10,000-row batch is held (10.0% of the sample's rows outvoted, 13.2% of the batch's,
     * z 4.5); the rows held out of the sample are outvoted like the batch's, so it passes.
     */
    @Test
    void shouldPassACleanLargeBatchWhenTheSampleLooksCleanerToItselfThanToFreshRows() {
        PoisoningConfig config = PoisoningConfig.defaults();
        PoisoningReference reference = PoisoningReference.build(sharpLabels(25, 3_000), config);
        BatchPoisoningAccumulator batch =
                BatchPoisoningAccumulator.create(reference, RecordBloomFilter.withCapacity(1_000, 1e-3), config);
        sharpLabels(35_000, 10_000).forEach(batch::update);
        LabelConsistency index = batch.consistency();
        assertThat(index.votesHeldOut()).isTrue();

        // what the leave-one-out rate made of it
        LabelConsistency.Votes self = index.selfVotes();
        double rate = batch.votes().disagreements() / (double) batch.votes().rows();
        assertThat(LabelConsistencyCheck.pValue(batch.votes().ownVotes(), self.ownHistogram(), index.classes()))
                .isLessThan(LabelConsistencyCheck.ALPHA);
        assertThat(rate - self.disagreements() / (double) self.rows()).isGreaterThan(LabelConsistencyCheck.MIN_EXCESS);

        PoisoningSignal signal = LabelConsistencyCheck.evaluate(batch);
        assertThat(signal.flagged()).as(signal.evidence()).isFalse();
        assertThat(signal.evidence()).contains("reference rows held out of the sample disagree with it in");
    }

    private static List<LabeledRow> sharpLabels(long seed, int n) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        List<LabeledRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> f = new java.util.HashMap<>();
            double f0 = 0;
            for (int j = 0; j < 15; j++) {
                double v = rnd.nextGaussian();
                f0 = j == 0 ? v : f0;
                f.put("f" + j, v);
            }
            for (int j = 0; j < 5; j++) {
                f.put("c" + j, "v" + rnd.nextInt(8));
            }
            rows.add(new LabeledRow(f, f0 + 0.3 * rnd.nextGaussian() > 1 ? "1" : "0"));
        }
        return rows;
    }
}
