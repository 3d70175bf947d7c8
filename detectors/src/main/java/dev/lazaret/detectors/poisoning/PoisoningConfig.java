package dev.lazaret.detectors.poisoning;

/**
 * Thresholds and sizes of the poisoning checks. {@link #defaults()} documents the reasoning for each default; the
 * README fragment {@code README-poisoning.md} has the measured detection and false-alarm rates.
 *
 * @param numericBins quantile bins per numeric feature (label flips are localised to one bin)
 * @param maxCategoriesPerFeature distinct categorical values counted per feature before an overflow bin
 * @param maxLabels distinct labels counted before an overflow label
 * @param frequentItemsMapSize map size of the frequent-items sketches (power of 2); worst-case count error is
 *     {@code 3.5 / size} of the stream
 * @param distinctLgK log2 of the nominal entries of the theta sketches used for duplicates; exact up to that many
 *     distinct rows, relative standard error {@code 1/sqrt(2^lgK)} above
 * @param labelShiftAlpha significance level of the label-distribution test
 * @param labelShiftMinTvd minimum total variation distance for the label-distribution check to flag
 * @param flipFdr Benjamini-Hochberg false discovery rate across (feature, bin) tests
 * @param flipMinTvd minimum label total variation distance inside a bin for a flip finding
 * @param flipMinBinRows minimum rows of a bin, in both reference and batch, for it to be tested
 * @param triggerMinBatchShare effect floor of {@code backdoor-trigger}: a (value, label) found significant must also
 *     hold at least this share of the batch
 * @param triggerMinLift and at least this many times its share of the reference's labelled sample
 * @param triggerCellStd width, in reference spreads, of the numeric grid cells also treated as trigger values (so a
 *     trigger of one value plus small noise is seen as one value region)
 * @param duplicateMaxShare exact-duplicate share at or above which a batch is flagged
 * @param nearDuplicateMaxShare near-duplicate share (beyond exact duplicates) at or above which a batch is flagged
 * @param nearDuplicateCellStd bucket width of the near-duplicate LSH projections, in reference standard deviations
 *     (each projection of standardised features has sd about 1 at any dimension)
 * @param replayMaxShare replay share (above the filter's false-positive rate) at or above which a batch is flagged
 * @param replayAlpha significance level of the binomial test of replay hits against the false-positive rate
 * @param centroidMaxDistance standardised Euclidean distance between class centroids at which a batch is flagged
 * @param centroidMinClassRows minimum batch rows of a class for its centroid to be compared
 */
public record PoisoningConfig(
        int numericBins,
        int maxCategoriesPerFeature,
        int maxLabels,
        int frequentItemsMapSize,
        int distinctLgK,
        double labelShiftAlpha,
        double labelShiftMinTvd,
        double flipFdr,
        double flipMinTvd,
        long flipMinBinRows,
        double triggerMinBatchShare,
        double triggerMinLift,
        double triggerCellStd,
        double duplicateMaxShare,
        double nearDuplicateMaxShare,
        double nearDuplicateCellStd,
        double replayMaxShare,
        double replayAlpha,
        double centroidMaxDistance,
        long centroidMinClassRows) {

    /** Validates every parameter eagerly. */
    public PoisoningConfig {
        checkRange("numericBins", numericBins, 2, 1000);
        checkRange("maxCategoriesPerFeature", maxCategoriesPerFeature, 2, 1 << 16);
        checkRange("maxLabels", maxLabels, 2, 1 << 12);
        checkRange("frequentItemsMapSize", frequentItemsMapSize, 16, 1 << 20);
        if (Integer.bitCount(frequentItemsMapSize) != 1) {
            throw new IllegalArgumentException(
                    String.format("frequentItemsMapSize must be a power of 2, was %d", frequentItemsMapSize));
        }
        checkRange("distinctLgK", distinctLgK, 4, 26);
        checkProbability("labelShiftAlpha", labelShiftAlpha);
        checkProbability("labelShiftMinTvd", labelShiftMinTvd);
        checkProbability("flipFdr", flipFdr);
        checkProbability("flipMinTvd", flipMinTvd);
        checkRange("flipMinBinRows", flipMinBinRows, 1, Long.MAX_VALUE);
        checkProbability("triggerMinBatchShare", triggerMinBatchShare);
        if (!(triggerMinLift >= 1)) {
            throw new IllegalArgumentException(String.format("triggerMinLift must be >= 1, was %s", triggerMinLift));
        }
        if (!(triggerCellStd > 0) || Double.isInfinite(triggerCellStd)) {
            throw new IllegalArgumentException(
                    String.format("triggerCellStd must be finite and > 0, was %s", triggerCellStd));
        }
        checkProbability("duplicateMaxShare", duplicateMaxShare);
        checkProbability("nearDuplicateMaxShare", nearDuplicateMaxShare);
        if (!(nearDuplicateCellStd > 0) || Double.isInfinite(nearDuplicateCellStd)) {
            throw new IllegalArgumentException(
                    String.format("nearDuplicateCellStd must be finite and > 0, was %s", nearDuplicateCellStd));
        }
        checkProbability("replayMaxShare", replayMaxShare);
        checkProbability("replayAlpha", replayAlpha);
        if (!(centroidMaxDistance > 0)) {
            throw new IllegalArgumentException(
                    String.format("centroidMaxDistance must be > 0, was %s", centroidMaxDistance));
        }
        checkRange("centroidMinClassRows", centroidMinClassRows, 1, Long.MAX_VALUE);
    }

    /**
     * Defaults chosen so that clean batches of 5,000 rows and more stay quiet while the attacks in docs/quarantine.md are
     * caught: significance is demanded together with an effect floor (total variation distance, share, lift), so
     * that very large batches do not flag on statistically significant but harmless differences.
     */
    public static PoisoningConfig defaults() {
        int numericBins = 10; // deciles: a flipped region of ~10% of a feature's range lands mostly in one bin
        int maxCategories = 256;
        int maxLabels = 64;
        int mapSize = 4096; // 3.5/4096 ~ 0.09% worst-case count error, well under the 0.5% trigger share
        int distinctLgK = 15; // exact below 32,768 distinct rows, RSE 0.55% above
        double labelShiftAlpha = 1e-3;
        double labelShiftMinTvd = 0.05; // below this a label-mix change is within normal batch-to-batch variation
        double flipFdr = 0.01;
        double flipMinTvd = 0.10; // ~5 sampling std of a bin's label share at 1,000 batch rows
        long flipMinBinRows = 50;
        double triggerMinBatchShare = 0.005; // the test decides at small n; these floors matter at 10,000 rows and up
        double triggerMinLift = 10.0;
        double triggerCellStd = 0.05; // near the mode a cell holds ~2% of rows (not rare); tail cells can be rare
        double duplicateMaxShare = 0.05; // half of the 10% flood to catch; clean data has ~0 exact duplicates
        double nearDuplicateMaxShare = 0.05;
        double nearDuplicateCellStd = 0.2; // LSH bucket width: 1% sd noise stays in-bucket, clean rows ~never collide
        double replayMaxShare = 0.05;
        double replayAlpha = 1e-3;
        double centroidMaxDistance = 0.25; // effect floor for large batches; the t test decides at small ones
        long centroidMinClassRows = 30; // the t test needs the class mean near normal, not a fixed noise level
        return new PoisoningConfig(
                numericBins,
                maxCategories,
                maxLabels,
                mapSize,
                distinctLgK,
                labelShiftAlpha,
                labelShiftMinTvd,
                flipFdr,
                flipMinTvd,
                flipMinBinRows,
                triggerMinBatchShare,
                triggerMinLift,
                triggerCellStd,
                duplicateMaxShare,
                nearDuplicateMaxShare,
                nearDuplicateCellStd,
                replayMaxShare,
                replayAlpha,
                centroidMaxDistance,
                centroidMinClassRows);
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(String.format("%s must be in [%d, %d], was %d", name, min, max, value));
        }
    }

    private static void checkProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(String.format("%s must be in [0, 1], was %s", name, value));
        }
    }
}
