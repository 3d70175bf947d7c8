package dev.lazaret.detectors.poisoning;

import java.util.Locale;

/**
 * {@code label-consistency}: do the batch's labels agree with their nearest reference rows ({@link LabelConsistency})
 * less than the reference's own labels agree with theirs?
 *
 * <p>Each row is scored by the log-likelihood ratio of "its label was flipped with probability {@link #EPSILON}"
 * against "its label is as the reference would have it", with the reference's label probability estimated from its
 * own votes: {@code q = (own + A) / (K + classes * A)} and {@code score = ln(1 - EPSILON + EPSILON * (1 - q) /
 * ((classes - 1) * q))}. A row outvoted by a unanimous neighbourhood scores high, a row in a mixed neighbourhood
 * scores near zero, so label noise the reference itself shows weighs little and a flip in a clean region weighs much:
 * on real tables this catches 10% flips at 200 rows about twice as often as counting majority disagreements (the
 * earlier statistic). The batch's mean score is compared with the mean the reference sample shows against itself
 * (leave-one-out) by a one-sided Welch z test, so the uncertainty of both means counts. Flags at p < {@link #ALPHA}
 * when the share of rows outvoted by their neighbours is also at least {@link #MIN_EXCESS} above the reference's (an
 * effect floor for very large batches). A batch of more than {@link VoteSample#MAX_CONTENTS} distinct rows votes
 * through a sample of them by content hash ({@link VoteSample}), which bounds the cost per batch.
 */
final class LabelConsistencyCheck {
    static final String NAME = "label-consistency";
    static final double ALPHA = 1e-3;
    static final double MIN_EXCESS = 0.02;
    /** Flip rate of the alternative the score is most powerful against. */
    static final double EPSILON = 0.1;
    /** Additive smoothing of the neighbour vote, so that a unanimous neighbourhood is not certainty. */
    static final double A = 0.1;

    private LabelConsistencyCheck() {}

    static PoisoningSignal evaluate(BatchPoisoningAccumulator batch) {
        LabelConsistency index = batch.consistency();
        VoteSample votes = batch.votes();
        long n = votes.rows();
        if (index == null || n == 0) {
            return new PoisoningSignal(
                    NAME, 0, 1, false, "no labelled reference sample to compare with (or an empty batch)");
        }
        LabelConsistency.Votes self = index.selfVotes();
        double p = pValue(votes.ownVotes(), self.ownHistogram(), index.classes());
        double rate = votes.disagreements() / (double) n;
        double refRate = self.disagreements() / (double) self.rows();
        boolean flagged = p < ALPHA && rate - refRate >= MIN_EXCESS;
        return new PoisoningSignal(
                NAME,
                rate - refRate,
                MIN_EXCESS,
                flagged,
                String.format(
                        Locale.ROOT,
                        "%d of %d rows%s (%.1f%%) carry a label other than the majority of their %d nearest reference rows;"
                                + " the reference sample disagrees with itself in %.1f%% of %d rows; label-flip score"
                                + " (Welch z test of the mean log-likelihood ratio) one-sided p %.2g; flags at p < %.0e"
                                + " and an excess of %.0f points",
                        votes.disagreements(),
                        n,
                        votes.full()
                                ? " (a sample of the batch: its " + votes.contents()
                                        + " distinct contents with the smallest content hashes)"
                                : "",
                        100 * rate,
                        LabelConsistency.K,
                        100 * refRate,
                        self.rows(),
                        p,
                        ALPHA,
                        100 * MIN_EXCESS));
    }

    /**
     * One-sided p that the batch's mean flip score exceeds the reference's.
     *
     * @param batchOwnVotes batch rows by own votes (index 0..K)
     * @param referenceOwnVotes reference sample rows by own votes, leave-one-out
     * @param classes distinct labels of the reference sample (at least 2)
     */
    static double pValue(long[] batchOwnVotes, long[] referenceOwnVotes, int classes) {
        double[] b = moments(batchOwnVotes, classes);
        double[] r = moments(referenceOwnVotes, classes);
        if (b[0] < 2 || r[0] < 2) {
            return 1;
        }
        double diff = b[1] - r[1];
        double se = Math.sqrt(b[2] / b[0] + r[2] / r[0]);
        double z = se > 0 ? diff / se : diff > 0 ? Double.POSITIVE_INFINITY : 0;
        return NormalTail.upper(z);
    }

    /** The flip score of a row with {@code own} of K neighbours sharing its label. */
    static double score(int own, int classes) {
        double q = (own + A) / (LabelConsistency.K + classes * A);
        return Math.log(1 - EPSILON + EPSILON * (1 - q) / ((classes - 1) * q));
    }

    /** {rows, mean, sample variance} of the score over a histogram of own votes. */
    private static double[] moments(long[] ownVotes, int classes) {
        double n = 0;
        double sum = 0;
        for (int v = 0; v < ownVotes.length; v++) {
            n += ownVotes[v];
            sum += ownVotes[v] * score(v, classes);
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (int v = 0; v < ownVotes.length; v++) {
            double d = score(v, classes) - mean;
            squares += ownVotes[v] * d * d;
        }
        return new double[] {n, mean, n > 1 ? squares / (n - 1) : 0};
    }
}
