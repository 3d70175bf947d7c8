package dev.lazaret.detectors.poisoning;

import dev.lazaret.detectors.rate.BinomialExcess;

/** Checks on repeated content: exact duplicates, near-duplicates within the batch, and replay of approved records. */
final class DuplicationChecks {
    static final String DUPLICATES = "duplicate-flood";
    static final String NEAR_DUPLICATES = "near-duplicate-flood";
    static final String REPLAY = "replay";

    static final double DUPLICATE_ALPHA = 1e-3;

    private DuplicationChecks() {}

    /** Score: estimated share of rows whose exact content (features and label) already occurred in the batch. */
    static PoisoningSignal duplicates(BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        double distinct = batch.distinctContents();
        double observed = duplicateShare(batch.rows(), distinct);
        // repeats the reference itself shows at this n (categorical tables repeat rows naturally) are not a flood
        double[] expected = batch.expectedRepeats();
        double excessRows = batch.rows() * observed - expected[0];
        double z =
                expected[1] > 0 ? excessRows / Math.sqrt(expected[1]) : excessRows > 0 ? Double.POSITIVE_INFINITY : 0;
        double p = NormalTail.upper(z);
        double share = batch.rows() == 0 ? 0 : Math.max(0, excessRows / batch.rows());
        double rse = batch.distinctRelativeError();
        String error = rse == 0
                ? "exact count"
                : String.format("+/- %.2f%% of rows at 3 sigma", 100 * 3 * rse * distinct / batch.rows());
        String evidence = String.format(
                "%d rows, ~%.0f distinct contents, ~%.0f repeated rows (%s); the reference's own repeats predict %.1f"
                        + " (sd at most %.1f), normal p %.2g",
                batch.rows(),
                distinct,
                batch.rows() - Math.min(distinct, batch.rows()),
                error,
                expected[0],
                Math.sqrt(expected[1]),
                p);
        return new PoisoningSignal(
                DUPLICATES,
                share,
                config.duplicateMaxShare(),
                share >= config.duplicateMaxShare() && p < DUPLICATE_ALPHA,
                evidence);
    }

    /**
     * Score: share of rows that share a quantised feature vector (cells of {@code nearDuplicateCellStd} reference
     * standard deviations, two grids shifted by half a cell; the larger share is used) with an earlier row, minus the
     * exact-duplicate share, so an exact flood is reported once.
     */
    static PoisoningSignal nearDuplicates(BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        double exact = duplicateShare(batch.rows(), batch.distinctContents());
        double near = 0;
        for (double d : batch.distinctQuantised()) {
            near = Math.max(near, duplicateShare(batch.rows(), d));
        }
        double score = Math.max(0, near - exact);
        String evidence = String.format(
                "%.2f%% of %d rows fall in an occupied %.3g-std feature cell, %.2f%% are exact duplicates",
                100 * near, batch.rows(), config.nearDuplicateCellStd(), 100 * exact);
        return new PoisoningSignal(
                NEAR_DUPLICATES,
                score,
                config.nearDuplicateMaxShare(),
                score >= config.nearDuplicateMaxShare(),
                evidence);
    }

    /**
     * Score: replay share above the Bloom filter's false-positive rate; flagged when that excess reaches the
     * threshold and the binomial test against the false-positive rate is significant.
     */
    static PoisoningSignal replay(BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        RecordBloomFilter approved = batch.approved();
        if (approved == null || batch.rows() == 0) {
            return new PoisoningSignal(
                    REPLAY,
                    0,
                    config.replayMaxShare(),
                    false,
                    approved == null ? "no approved-record history configured" : "empty batch");
        }
        double fp = approved.currentFalsePositiveRate();
        double share = batch.replayHits() / (double) batch.rows();
        double excess = Math.max(0, share - fp);
        double p = BinomialExcess.test(batch.replayHits(), batch.rows(), Math.min(fp, 1 - 1e-12))
                .pValue();
        boolean flagged = excess >= config.replayMaxShare() && p < config.replayAlpha();
        String evidence = String.format(
                "%d of %d rows (%.2f%%) match earlier approved records; filter false-positive rate %.3g%%, binomial p %.3g",
                batch.replayHits(), batch.rows(), 100 * share, 100 * fp, p);
        return new PoisoningSignal(REPLAY, excess, config.replayMaxShare(), flagged, evidence);
    }

    private static double duplicateShare(long rows, double distinct) {
        return rows == 0 ? 0 : Math.max(0, 1 - distinct / rows);
    }
}
