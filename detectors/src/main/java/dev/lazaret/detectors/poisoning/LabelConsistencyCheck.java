package dev.lazaret.detectors.poisoning;

import java.util.Locale;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * {@code label-consistency}: the share of batch rows whose label disagrees with their nearest reference rows
 * ({@link LabelConsistency}) against the share of reference sample rows that disagree with their own neighbours
 * (leave-one-out), by a one-sided Fisher exact test on the 2x2 table {batch, reference} x {disagree, agree}, so the
 * uncertainty of both rates counts. Flags at p < {@link #ALPHA} when the batch's rate is also at least
 * {@link #MIN_EXCESS} above the reference's (a floor for very large batches).
 */
final class LabelConsistencyCheck {
    static final String NAME = "label-consistency";
    static final double ALPHA = 1e-3;
    static final double MIN_EXCESS = 0.02;

    private LabelConsistencyCheck() {}

    static PoisoningSignal evaluate(BatchPoisoningAccumulator batch) {
        LabelConsistency index = batch.consistency();
        long n = batch.consistencyRows();
        if (index == null || n == 0) {
            return new PoisoningSignal(
                    NAME, 0, 1, false, "no labelled reference sample to compare with (or an empty batch)");
        }
        double[] self = index.selfDisagreement();
        long k = batch.consistencyDisagreements();
        double p = pValue(k, n, (long) self[0], (long) self[1]);
        double rate = k / (double) n;
        double refRate = self[0] / self[1];
        boolean flagged = p < ALPHA && rate - refRate >= MIN_EXCESS;
        return new PoisoningSignal(
                NAME,
                rate - refRate,
                MIN_EXCESS,
                flagged,
                String.format(
                        Locale.ROOT,
                        "%d of %d rows (%.1f%%) carry a label other than the majority of their %d nearest reference rows;"
                                + " the reference sample disagrees with itself in %.1f%% of %d rows (Fisher exact,"
                                + " one-sided p %.2g; flags at p < %.0e and an excess of %.0f points)",
                        k,
                        n,
                        100 * rate,
                        LabelConsistency.K,
                        100 * refRate,
                        (long) self[1],
                        p,
                        ALPHA,
                        100 * MIN_EXCESS));
    }

    /** One-sided p that the batch's disagreement odds exceed the reference's. */
    static double pValue(long batchBad, long batchRows, long refBad, long refRows) {
        int[][] table = {{(int) batchBad, (int) (batchRows - batchBad)}, {(int) refBad, (int) (refRows - refBad)}};
        return FisherExactTest.withDefaults()
                .with(AlternativeHypothesis.GREATER_THAN)
                .test(table)
                .getPValue();
    }
}
