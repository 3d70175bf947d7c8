package dev.lazaret.detectors.poisoning;

import dev.lazaret.detectors.rate.BinomialExcess;

/** Checks on repeated content: exact duplicates, near-duplicates within the batch, and replay of approved records. */
final class DuplicationChecks {
    static final String DUPLICATES = "duplicate-flood";
    static final String NEAR_DUPLICATES = "near-duplicate-flood";
    static final String REPLAY = "replay";

    static final double DUPLICATE_ALPHA = 1e-3;

    private DuplicationChecks() {}

    /**
     * Two views of exact repeats; flagged when either is significant and its excess reaches the threshold share of the
     * batch. The share of repeated rows against the repeats the reference's own duplicate structure predicts at this n
     * (a flood of many copied rows), and the most repeated single content against the reference's count of it
     * ({@link RepeatedContent}: one row copied many times, even on tables whose rows repeat naturally). Score: the larger
     * excess share.
     */
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
        boolean floodFlagged = share >= config.duplicateMaxShare() && p < DUPLICATE_ALPHA;
        RepeatedContent.Finding top = mostRepeated(batch);
        double topShare = batch.rows() == 0
                ? 0
                : Math.max(
                        0,
                        (top.batchCount() - batch.rows() * (double) top.referenceCount() / batch.referenceRows())
                                / batch.rows());
        boolean topFlagged = top.p() <= top.level() && topShare >= config.duplicateMaxShare();
        double rse = batch.distinctRelativeError();
        String error = rse == 0
                ? "exact count"
                : String.format("+/- %.2f%% of rows at 3 sigma", 100 * 3 * rse * distinct / batch.rows());
        String evidence = String.format(
                "%d rows, ~%.0f distinct contents, ~%.0f repeated rows (%s); the reference's own repeats predict %.1f"
                        + " (sd of the difference %.1f, from both samples), normal p %.2g; most repeated content: %s",
                batch.rows(),
                distinct,
                batch.rows() - Math.min(distinct, batch.rows()),
                error,
                expected[0],
                Math.sqrt(expected[1]),
                p,
                top.batchCount() == 0
                        ? "none significant among the contents whose reference count is known"
                        : String.format(
                                "%d rows, %d of %d reference rows, conditional binomial p %.2g against level %.2g"
                                        + " (alpha %.0e over %d contents that could reach it)",
                                top.batchCount(),
                                top.referenceCount(),
                                batch.referenceRows(),
                                top.p(),
                                top.level(),
                                DUPLICATE_ALPHA,
                                top.counted()));
        return new PoisoningSignal(
                DUPLICATES,
                Math.max(share, topShare),
                config.duplicateMaxShare(),
                floodFlagged || topFlagged,
                evidence);
    }

    /**
     * The batch's most significantly repeated content among those whose reference count the reference's bottom-k
     * sample knows (which contents those are depends on their hash only, never on the batch, so the test stays
     * valid). The reference's own frequent contents take part in the multiple-testing count even when the batch has
     * them once.
     */
    private static RepeatedContent.Finding mostRepeated(BatchPoisoningAccumulator batch) {
        NeighbourSample sample = batch.referenceSample();
        if (sample == null || batch.referenceRows() == 0) {
            return RepeatedContent.Finding.NONE;
        }
        java.util.Map<Long, long[]> counts = new java.util.TreeMap<>();
        batch.repeatedContents()
                .forEach((hash, c) -> sample.contentCount(hash).ifPresent(r -> counts.put(hash, new long[] {c, r})));
        sample.contentCounts()
                .forEach((hash, r) -> counts.computeIfAbsent(hash, h -> new long[] {batch.contentCount(h), r}));
        long[] c = counts.values().stream().mapToLong(v -> v[0]).toArray();
        long[] r = counts.values().stream().mapToLong(v -> v[1]).toArray();
        return RepeatedContent.test(c, r, batch.rows(), batch.referenceRows(), DUPLICATE_ALPHA);
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
