package dev.lazaret.detectors.poisoning;

import dev.lazaret.detectors.rate.FisherExcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code label-consistency}: do the batch's labels agree with their nearest reference rows ({@link LabelConsistency})
 * less than the reference's own labels agree with theirs?
 *
 * <p>Each row is scored by the log-likelihood ratio of "its label was flipped with probability {@link #EPSILON}"
 * against "its label is as the reference would have it", with the reference's label probability estimated from its
 * own votes: {@code q = (own + A) / (K + classes * A)} and {@code score = ln(1 - EPSILON + EPSILON * (1 - q) /
 * ((classes - 1) * q))}. A row outvoted by a unanimous neighbourhood scores high, a row in a mixed neighbourhood
 * scores near zero, so label noise the reference itself shows weighs little and a flip in a clean region weighs much:
 * on vote it caught 10% flips at 200 rows in 17 of 20 batches where counting majority disagreements caught 10. The
 * batch's mean score is compared with the mean of the reference rows held out of the sample
 * (or, for a reference too small to hold rows out, the sample's own leave-one-out mean: {@link
 * LabelConsistency#referenceVotes()}) by a one-sided Welch z test, so the uncertainty of both means counts: the
 * reference's voters are distinct contents weighted by how often each occurred (a cluster sample), so its mean's
 * variance is the ratio estimator's, not {@code s^2 / n} over the rows they stand for.
 *
 * <p>Beside it, the count: a one-sided Fisher exact test of the batch's share of rows outvoted by their neighbours
 * against the reference voters' share (counted at their effective size, {@link #countPValue}). On a table whose labels
 * are noisy (credit-g, diabetes: a fifth of the reference's own rows outvoted) a flip often lands in a mixed
 * neighbourhood, where the score gives it little weight, and the count is then the more powerful statistic: in 200
 * batches of 200 rows with 10% flips the score alone found none on either table. A batch that voted through a sample of
 * its contents ({@link VoteSample#full()}) is left to the score, whose variance accounts for its repeated contents.
 * Flags when either p is below {@link #ALPHA} and the share of rows outvoted by their neighbours is also at least
 * {@link #MIN_EXCESS} above the reference's (an effect floor for very large batches). A batch of more than {@link
 * VoteSample#MAX_CONTENTS} distinct rows votes through a sample of them by content hash ({@link VoteSample}), which
 * bounds the cost per batch.
 *
 * <p>Per class, the targeted flip: a relabel of a few percent of the rows to one class (a dirty-label backdoor whose
 * trigger value nearly every row already has, such as a constant feature) adds under two points of outvoted rows to
 * the batch, below the overall floor, but about ten points to the rows that claim that class. For each label c of
 * the reference sample, a one-sided Fisher exact test of the share of the batch's rows labelled c that none of their
 * K neighbours agree with ({@link #TARGETED_OWN}) against the same share among the reference's voting rows labelled c
 * (held out, or the sample's own; counted at their effective size): natural disagreement, even in a class the reference confuses often, is a mixed neighbourhood,
 * while a planted label sits among neighbours that all carry another. Family-wise level {@link #CLASS_ALPHA} over
 * the classes by Tarone's refinement of Bonferroni ({@link TaroneLevel}): a class whose table margins cannot give a p
 * that small (few unanimously outvoted rows on either side, as in most classes of a clean batch) costs nothing. Effect
 * floor: {@link #CLASS_MIN_EXCESS} of the batch's rows. The score and the count each keep {@link #ALPHA}, so the
 * check's level is at most {@code 2 ALPHA + CLASS_ALPHA}.
 */
final class LabelConsistencyCheck {
    static final String NAME = "label-consistency";
    static final double ALPHA = 1e-3;
    static final double MIN_EXCESS = 0.02;
    /** Flip rate of the alternative the score is most powerful against. */
    static final double EPSILON = 0.1;
    /** Additive smoothing of the neighbour vote, so that a unanimous neighbourhood is not certainty. */
    static final double A = 0.1;
    /** A row counts towards its class's targeted flips when at most this many of its K neighbours share its label. */
    static final int TARGETED_OWN = 0;
    /** Family-wise level of the per-class tests (Tarone's refinement of Bonferroni over the classes). */
    static final double CLASS_ALPHA = 1e-3;
    /** Effect floor of a class: its unanimously outvoted rows beyond the sample's share, as a share of the batch. */
    static final double CLASS_MIN_EXCESS = 0.005;

    private LabelConsistencyCheck() {}

    static PoisoningSignal evaluate(BatchPoisoningAccumulator batch) {
        LabelConsistency index = batch.consistency();
        VoteSample votes = batch.votes();
        long n = votes.rows();
        if (index == null || n == 0) {
            return new PoisoningSignal(
                    NAME, 0, 1, false, "no labelled reference sample to compare with (or an empty batch)");
        }
        LabelConsistency.Votes self = index.referenceVotes();
        double p = votes.full()
                ? pValue(votes.ownVotes(), votes.ownSquaredCopies(), votes.contents(), self, index.classes())
                : pValue(votes.ownVotes(), self, index.classes());
        double countP = votes.full() ? Double.NaN : countPValue(votes.disagreements(), n, self);
        double rate = votes.disagreements() / (double) n;
        double refRate = self.disagreements() / (double) self.rows();
        boolean flagged = (p < ALPHA || countP < ALPHA) && rate - refRate >= MIN_EXCESS;
        String evidence = String.format(
                Locale.ROOT,
                "%d of %d rows%s (%.1f%%) carry a label other than the majority of their %d nearest reference rows;"
                        + " %s %.1f%% of %d rows; label-flip score"
                        + " (Welch z test of the mean log-likelihood ratio) one-sided p %.2g%s; flags at p < %.0e"
                        + " and an excess of %.0f points",
                votes.disagreements(),
                n,
                votes.full()
                        ? " (a sample of the batch: its " + votes.contents()
                                + " distinct contents with the smallest content hashes)"
                        : "",
                100 * rate,
                LabelConsistency.K,
                index.votesHeldOut()
                        ? "reference rows held out of the sample disagree with it in"
                        : "the reference sample disagrees with itself in",
                100 * refRate,
                self.rows(),
                p,
                Double.isNaN(countP)
                        ? ""
                        : String.format(
                                Locale.ROOT, ", count of outvoted rows (Fisher exact) one-sided p %.2g", countP),
                ALPHA,
                100 * MIN_EXCESS);
        ClassTest worst = worstClass(
                votes.ownVotesByLabel(), self.ownByLabel(), self.ownSquaredCopiesByLabel(), self.design(), n);
        if (worst == null) {
            return new PoisoningSignal(NAME, rate - refRate, MIN_EXCESS, flagged, evidence);
        }
        // a verdict flagged by the per-class part alone shows that part's score and floor
        boolean byClass = worst.flagged() && !flagged;
        return new PoisoningSignal(
                NAME,
                byClass ? worst.excess() / n : rate - refRate,
                byClass ? CLASS_MIN_EXCESS : MIN_EXCESS,
                flagged || worst.flagged(),
                evidence + "; " + worst.describe());
    }

    /**
     * One class's targeted-flip test: of the batch's {@code rows} labelled {@code label}, {@code outvoted} have no
     * neighbour with their label; of the reference's voting rows, {@code referenceOutvoted} of {@code referenceRows},
     * both counted at the voters' effective size ({@link LabelConsistency.Votes#effectiveRows}), and {@code
     * referenceRowsCounted} the rows they stand for.
     */
    record ClassTest(
            String label,
            long outvoted,
            long rows,
            long referenceOutvoted,
            long referenceRows,
            long referenceRowsCounted,
            double p,
            double excess,
            TaroneLevel level,
            boolean flagged) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "per class, rows none of whose %d nearest reference rows share their label: '%s' %d of %d batch"
                            + " rows against %d of %d reference rows%s (Fisher exact one-sided p %.2g, Tarone level"
                            + " %.2g: %d classes can reach it; excess %.1f rows%s)",
                    LabelConsistency.K,
                    label,
                    outvoted,
                    rows,
                    referenceOutvoted,
                    referenceRows,
                    referenceRows == referenceRowsCounted
                            ? ""
                            : " (effective size of " + referenceRowsCounted + " rows whose contents repeat)",
                    p,
                    level.level(),
                    level.counted(),
                    excess,
                    flagged ? ": flagged" : "");
        }
    }

    /**
     * The class whose targeted-flip test is most significant (a flagged one first), or {@code null} when no label of
     * the batch is in the sample. Labels the sample lacks are {@code label-shift}'s matter.
     *
     * @param batch the batch's own-vote histograms by label
     * @param reference the reference's own-vote histograms by label, of rows that are all distinct
     * @param rows the batch's voting rows (the effect floor's base)
     */
    static ClassTest worstClass(Map<String, long[]> batch, Map<String, long[]> reference, long rows) {
        double referenceRows = reference.values().stream()
                .mapToLong(h -> sum(h, LabelConsistency.K))
                .sum();
        return worstClass(batch, reference, reference, new ContentSample(1, Math.max(1, referenceRows)), rows);
    }

    /**
     * As {@link #worstClass(Map, Map, long)}, with the reference's voters counted at their effective size per class:
     * its rows and outvoted rows of the class scaled by {@code effective / counted} ({@link
     * ContentSample#effectiveRows}), a first-order design-effect correction, since a content that repeats votes alike
     * in every copy and so adds rows without adding as much independent evidence.
     *
     * @param referenceSquaredCopies per label, the sum of each voting content's squared count per own vote ({@link
     *     LabelConsistency.Votes#ownSquaredCopiesByLabel()})
     * @param design how the reference's voters were sampled ({@link LabelConsistency.Votes#design()})
     */
    static ClassTest worstClass(
            Map<String, long[]> batch,
            Map<String, long[]> reference,
            Map<String, long[]> referenceSquaredCopies,
            ContentSample design,
            long rows) {
        double referenceRows = reference.values().stream()
                .mapToLong(h -> sum(h, LabelConsistency.K))
                .sum();
        List<long[]> tables = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, long[]> e : batch.entrySet()) {
            long[] r = reference.get(e.getKey());
            if (r != null) {
                long counted = sum(r, LabelConsistency.K);
                long[] effective = atEffectiveSize(
                        sum(r, TARGETED_OWN),
                        counted,
                        design.effectiveRows(
                                counted,
                                sum(referenceSquaredCopies.get(e.getKey()), LabelConsistency.K),
                                referenceRows));
                labels.add(e.getKey());
                tables.add(new long[] {
                    sum(e.getValue(), TARGETED_OWN),
                    sum(e.getValue(), LabelConsistency.K),
                    effective[0],
                    effective[1],
                    counted
                });
            }
        }
        TaroneLevel level = TaroneLevel.ofMinimumP(
                tables.stream()
                        .mapToDouble(t -> FisherExcess.minimum(t[0], t[1], t[2], t[3]))
                        .toArray(),
                CLASS_ALPHA);
        ClassTest worst = null;
        for (int i = 0; i < tables.size(); i++) {
            long[] t = tables.get(i);
            double p = FisherExcess.greater(t[0], t[1], t[2], t[3]);
            double excess = t[0] - t[1] * (double) t[2] / t[3];
            boolean flagged = p <= level.level() && excess >= CLASS_MIN_EXCESS * rows;
            ClassTest c = new ClassTest(labels.get(i), t[0], t[1], t[2], t[3], t[4], p, excess, level, flagged);
            if (worst == null || (flagged && !worst.flagged()) || (flagged == worst.flagged() && p < worst.p())) {
                worst = c;
            }
        }
        return worst;
    }

    /**
     * The count test: one-sided Fisher exact p that {@code outvoted} of the batch's {@code rows} is a larger share than
     * the reference voters' outvoted rows, both of the reference's counts scaled to its voters' effective size ({@link
     * LabelConsistency.Votes#effectiveRows}), as the per-class test scales them, since a content that repeats votes
     * alike in every copy. For a reference of distinct rows this is the plain test of the two counts.
     */
    static double countPValue(long outvoted, long rows, LabelConsistency.Votes reference) {
        long counted = reference.rows();
        if (counted == 0) {
            return 1;
        }
        long[] effective = atEffectiveSize(
                reference.disagreements(),
                counted,
                reference.effectiveRows(reference.ownHistogram(), reference.ownSquaredCopies()));
        return FisherExcess.greater(outvoted, rows, effective[0], effective[1]);
    }

    /**
     * {@code {outvoted, counted}} of the reference's voters scaled to {@code effectiveRows} of the {@code counted}
     * (at least one row), as both Fisher tests take them: a first-order design-effect correction.
     */
    private static long[] atEffectiveSize(long outvoted, long counted, double effectiveRows) {
        double scale = effectiveRows / counted;
        return new long[] {Math.round(outvoted * scale), Math.max(1, Math.round(counted * scale))};
    }

    /** Rows of a histogram of own votes with at most {@code own} votes. */
    private static long sum(long[] ownVotes, int own) {
        long s = 0;
        for (int v = 0; v <= own; v++) {
            s += ownVotes[v];
        }
        return s;
    }

    /**
     * One-sided p that the batch's mean flip score exceeds the reference's, for a reference of distinct rows.
     *
     * @param batchOwnVotes batch rows by own votes (index 0..K)
     * @param referenceOwnVotes reference rows by own votes, each row a content of its own
     * @param classes distinct labels of the reference sample (at least 2)
     */
    static double pValue(long[] batchOwnVotes, long[] referenceOwnVotes, int classes) {
        return pValue(
                Side.ofRows(batchOwnVotes, batchOwnVotes, rowsOf(batchOwnVotes)),
                Side.ofRows(referenceOwnVotes, referenceOwnVotes, rowsOf(referenceOwnVotes)),
                classes);
    }

    /**
     * One-sided p that the batch's mean flip score exceeds the reference's voters' ({@link
     * LabelConsistency#referenceVotes()}). The reference's mean is over distinct contents weighted by their counts,
     * sampled by hash, so its variance is {@link ContentSample#varianceOfMean}: the plain {@code s^2 / n} when no
     * content repeats, up to the number of copies times more when a few contents carry the rows and the sample holds a
     * small share of them (randhie's clean 10,000-row batches were held at p < 1e-5 against a reference counted at
     * ~3,000 rows that are worth a few hundred).
     */
    static double pValue(long[] batchOwnVotes, LabelConsistency.Votes reference, int classes) {
        return pValue(Side.ofRows(batchOwnVotes, batchOwnVotes, rowsOf(batchOwnVotes)), Side.of(reference), classes);
    }

    /**
     * As {@link #pValue(long[], LabelConsistency.Votes, int)} for a batch that voted through a sample of its contents
     * ({@link VoteSample#full()}), whose mean is then a sample of contents too (of a population it does not size:
     * {@link ContentSample#UNKNOWN_POPULATION}).
     */
    static double pValue(
            long[] batchOwnVotes,
            long[] batchSquaredCopies,
            long batchContents,
            LabelConsistency.Votes reference,
            int classes) {
        return pValue(
                new Side(batchOwnVotes, batchSquaredCopies, batchContents, ContentSample.UNKNOWN_POPULATION),
                Side.of(reference),
                classes);
    }

    /**
     * One side of the z test: rows by own votes, the squared counts of its contents by own votes, how many contents,
     * and how they were sampled.
     */
    private record Side(long[] ownVotes, long[] squaredCopies, long contents, ContentSample design) {
        static Side of(LabelConsistency.Votes votes) {
            return new Side(votes.ownHistogram(), votes.ownSquaredCopies(), votes.contents(), votes.design());
        }

        /** Every content of the side is counted (the batch's own rows, or a reference of distinct rows). */
        static Side ofRows(long[] ownVotes, long[] squaredCopies, long contents) {
            return new Side(ownVotes, squaredCopies, contents, new ContentSample(1, Math.max(1, rowsOf(ownVotes))));
        }

        double varianceOfMean(double mean, int classes) {
            double rows = rowsOf(ownVotes);
            double within = 0;
            double cluster = 0;
            for (int v = 0; v < ownVotes.length; v++) {
                double d = score(v, classes) - mean;
                within += ownVotes[v] * d * d;
                cluster += squaredCopies[v] * d * d;
            }
            return design.varianceOfMean(
                    within / (rows - 1), contents / (contents - 1.0) * cluster / (rows * rows), rows);
        }
    }

    private static double pValue(Side batch, Side reference, int classes) {
        if (batch.contents() < 2 || reference.contents() < 2) {
            return 1;
        }
        double batchMean = mean(batch.ownVotes(), classes);
        double referenceMean = mean(reference.ownVotes(), classes);
        double diff = batchMean - referenceMean;
        double se =
                Math.sqrt(batch.varianceOfMean(batchMean, classes) + reference.varianceOfMean(referenceMean, classes));
        double z = se > 0 ? diff / se : diff > 0 ? Double.POSITIVE_INFINITY : 0;
        return NormalTail.upper(z);
    }

    private static long rowsOf(long[] ownVotes) {
        return Arrays.stream(ownVotes).sum();
    }

    /** The flip score of a row with {@code own} of K neighbours sharing its label. */
    static double score(int own, int classes) {
        double q = (own + A) / (LabelConsistency.K + classes * A);
        return Math.log(1 - EPSILON + EPSILON * (1 - q) / ((classes - 1) * q));
    }

    /** The mean score over a histogram of own votes. */
    private static double mean(long[] ownVotes, int classes) {
        double n = 0;
        double sum = 0;
        for (int v = 0; v < ownVotes.length; v++) {
            n += ownVotes[v];
            sum += ownVotes[v] * score(v, classes);
        }
        return n == 0 ? 0 : sum / n;
    }
}
