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
     * Score: share of rows that share a near-duplicate bucket (random-projection LSH, {@link ProjectionBands}) with a
     * row of different content, beyond what the reference's own near pairs predict at this n; the larger of the two
     * bands. Exact duplicates are taken out, so an exact flood is reported once. Flagged when that excess reaches the
     * threshold and a one-sided normal test against the expected count (Poisson variance) gives p < 1e-3.
     */
    static PoisoningSignal nearDuplicates(BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        long n = batch.rows();
        double exactRepeats = n * duplicateShare(n, batch.distinctContents());
        double[] distinct = batch.distinctQuantised();
        double[] expected = batch.expectedNearCollisions();
        double best = 0;
        double bestNear = 0;
        double bestExpected = 0;
        double bestP = 1;
        boolean flagged = false;
        for (int b = 0; b < distinct.length; b++) {
            double near = n * duplicateShare(n, distinct[b]) - exactRepeats;
            double excess = near - expected[b];
            double z = expected[b] > 0 ? excess / Math.sqrt(expected[b]) : excess > 0 ? Double.POSITIVE_INFINITY : 0;
            double p = NormalTail.upper(z);
            double share = n == 0 ? 0 : Math.max(0, excess / n);
            if (share > best || b == 0) {
                best = share;
                bestNear = near;
                bestExpected = expected[b];
                bestP = p;
            }
            flagged |= share >= config.nearDuplicateMaxShare() && p < DUPLICATE_ALPHA;
        }
        String evidence = String.format(
                "%d rows, ~%.0f share a near-duplicate bucket (%d-projection bands, width %.3g reference sd) with a row of"
                        + " different content, ~%.0f are exact repeats; the reference's own near pairs predict %.1f,"
                        + " normal p %.2g",
                n,
                Math.max(0, bestNear),
                ProjectionBands.PROJECTIONS,
                config.nearDuplicateCellStd(),
                exactRepeats,
                bestExpected,
                bestP);
        return new PoisoningSignal(NEAR_DUPLICATES, best, config.nearDuplicateMaxShare(), flagged, evidence);
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
