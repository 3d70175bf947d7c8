package dev.lazaret.detectors.poisoning;

import java.util.Map;
import java.util.Objects;

/**
 * The trusted reference of a dataset, accumulated from approved rows: label counts, label counts per (feature, bin),
 * per-class numeric moments and per-feature value frequencies (frequent-items sketches, for rarity of trigger
 * candidates).
 *
 * <p>Bins are fixed up front ({@link FeatureBins}), so counts from several partitions or approved batches can be
 * merged and a batch is always compared bin for bin. The reference changes only when you feed or merge into it:
 * promote explicitly, never per batch, so a slow poisoner cannot drag it along.
 *
 * <p>Memory: features x bins x labels counters, labels x numeric features moments, and one frequent-items sketch of
 * {@link PoisoningConfig#frequentItemsMapSize()} per feature, whatever the number of rows. Not thread-safe.
 *
 * <p>Batch accumulators take the reference's bins and feature scales when they are created: do not update a reference
 * while batches accumulated against it are still open (promote into a copy, for example via {@link #encode()}).
 */
public final class PoisoningReference {
    private static final byte VERSION = 2;
    /** Version 1 held the token counts as string sketches; references stored in that form keep working. */
    private static final byte OLDEST_READABLE = 1;

    private static final byte KIND = 'R';

    private final FeatureBins bins;
    private final int maxCategories;
    private final int maxLabels;
    private final int mapSize;
    private final double triggerCellStd;
    private long rows;
    private final CappedCounter labels;
    private final BinLabelTable binLabels;
    private final ClassMoments moments;
    private final TokenSketches tokens;
    private final NeighbourSample sample;
    private final long[] cells = new long[2];

    private PoisoningReference(
            FeatureBins bins,
            int maxCategories,
            int maxLabels,
            int mapSize,
            double triggerCellStd,
            long rows,
            CappedCounter labels,
            BinLabelTable binLabels,
            ClassMoments moments,
            TokenSketches tokens,
            NeighbourSample sample) {
        this.bins = bins;
        this.maxCategories = maxCategories;
        this.maxLabels = maxLabels;
        this.mapSize = mapSize;
        this.triggerCellStd = triggerCellStd;
        this.rows = rows;
        this.labels = labels;
        this.binLabels = binLabels;
        this.moments = moments;
        this.tokens = tokens;
        this.sample = sample;
    }

    /** An empty reference over {@code bins}, with the caps and sketch sizes of {@code config}. */
    public static PoisoningReference create(FeatureBins bins, PoisoningConfig config) {
        Objects.requireNonNull(bins, "bins");
        return new PoisoningReference(
                bins,
                config.maxCategoriesPerFeature(),
                config.maxLabels(),
                config.frequentItemsMapSize(),
                config.triggerCellStd(),
                0,
                new CappedCounter(config.maxLabels()),
                new BinLabelTable(config.maxCategoriesPerFeature(), config.maxLabels()),
                new ClassMoments(config.maxLabels()),
                new TokenSketches(config.frequentItemsMapSize()),
                new NeighbourSample(NeighbourSample.CAPACITY));
    }

    /**
     * The reference the rows of an accumulated batch make over the batch's bins: what {@link #create} with {@code
     * batch}'s bins and config, then {@link #update} with each of its rows in the order accumulated, would hold, to the
     * byte. The accumulator keeps the same tables, fed the same way (labels, (feature, bin) labels, class moments,
     * value and grid tokens, and a bottom-k sample of its rows), so no second pass over the rows is needed. An
     * independent copy: {@code batch} may go on accumulating.
     */
    public static PoisoningReference of(BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        StateWriter w = new StateWriter(VERSION, KIND);
        batch.binsUsed().write(w);
        w.writeInt(config.maxCategoriesPerFeature())
                .writeInt(config.maxLabels())
                .writeInt(config.frequentItemsMapSize())
                .writeDouble(config.triggerCellStd())
                .writeLong(batch.rows());
        batch.labels().write(w);
        batch.binLabels().write(w);
        batch.moments().write(w);
        batch.tokens().writeCounts(w);
        batch.sample().write(w);
        // through the encoding: one layout for both, and a copy that shares no sketch with the accumulator
        return decode(w.toByteArray());
    }

    /**
     * Builds a reference in two passes over {@code rows}: quantile bins first ({@link FeatureBinsAccumulator}), then
     * the counts. {@code rows} must be iterable twice with the same content.
     */
    public static PoisoningReference build(Iterable<LabeledRow> rows, PoisoningConfig config) {
        FeatureBinsAccumulator binsAccumulator = FeatureBinsAccumulator.create();
        rows.forEach(binsAccumulator::update);
        PoisoningReference reference = create(binsAccumulator.toBins(config.numericBins()), config);
        rows.forEach(reference::update);
        return reference;
    }

    /** Adds one approved row. */
    public void update(LabeledRow row) {
        rows++;
        labels.add(row.label(), 1);
        binLabels.add(bins, row);
        moments.add(bins.numericFeatures(), row);
        sample.add(bins, row);
        for (Map.Entry<String, Object> e : row.features().entrySet()) {
            String feature = e.getKey();
            Object value = e.getValue();
            if (bins.binOf(feature, value) != null) {
                tokens.add(feature, TokenHashes.value(value));
                if (bins.gridCells(feature, value, triggerCellStd, cells)) {
                    for (int g = 0; g < cells.length; g++) {
                        tokens.add(feature, TokenHashes.cell(g, cells[g]));
                    }
                }
            }
        }
    }

    /** Adds {@code other}'s counts; both must share bins, caps and sketch size. */
    public void merge(PoisoningReference other) {
        if (!bins.equals(other.bins)
                || maxCategories != other.maxCategories
                || maxLabels != other.maxLabels
                || mapSize != other.mapSize
                || triggerCellStd != other.triggerCellStd) {
            throw new IllegalArgumentException(
                    "cannot merge references with different bins, caps or sketch sizes: " + bins + " vs " + other.bins);
        }
        rows += other.rows;
        labels.merge(other.labels);
        binLabels.merge(other.binLabels);
        moments.merge(other.moments);
        tokens.merge(other.tokens);
        sample.merge(other.sample);
    }

    /** The bins every batch compared with this reference uses. */
    public FeatureBins bins() {
        return bins;
    }

    /** Number of rows accumulated. */
    public long rows() {
        return rows;
    }

    /** Label counts. */
    public Map<String, Long> labelCounts() {
        return labels.asMap();
    }

    CappedCounter labels() {
        return labels;
    }

    BinLabelTable binLabels() {
        return binLabels;
    }

    ClassMoments moments() {
        return moments;
    }

    TokenSketches tokens() {
        return tokens;
    }

    /**
     * How the reference's rows vote on their own labels among their nearest sample rows (the rows held out of the
     * sample, or each sample row left out of its own vote: {@link LabelConsistency#referenceVotes()}): the base rate
     * {@code label-consistency} compares batches with, and what bounds its power on tables with noisy labels. Empty
     * when the sample cannot vote (too few rows or one label). Costs O(sample² × features).
     */
    public java.util.Optional<ReferenceVotes> referenceVotes() {
        LabelConsistency index = new LabelConsistency(sample, bins, moments().meanStd());
        if (!index.usable()) {
            return java.util.Optional.empty();
        }
        LabelConsistency.Votes votes = index.referenceVotes();
        return java.util.Optional.of(new ReferenceVotes(
                votes.rows(),
                votes.disagreements() / (double) votes.rows(),
                votes.flippedDisagreements() / votes.rows(),
                index.votesHeldOut()));
    }

    /**
     * The reference's rows voting on their own labels ({@link #referenceVotes()}).
     *
     * @param rows rows that voted (each content counted as often as the reference held it)
     * @param outvotedShare share of rows whose label is not the most common among their {@code K} nearest sample rows
     * @param flippedOutvotedShare the share that would be if each row's label were flipped to another of the sample's
     *     labels at random: below {@code 1 - outvotedShare} by the rows whose vote another label ties (ties count as
     *     agreement), so flipping a share {@code s} of a batch's rows moves its expected outvoted share from {@code
     *     outvotedShare} to {@code (1 - s) outvotedShare + s flippedOutvotedShare}
     * @param heldOut whether the rows are the ones held out of the sample (else the sample's own, each left out of its
     *     own vote)
     */
    public record ReferenceVotes(long rows, double outvotedShare, double flippedOutvotedShare, boolean heldOut) {}

    NeighbourSample sample() {
        return sample;
    }

    int maxCategories() {
        return maxCategories;
    }

    int maxLabels() {
        return maxLabels;
    }

    double triggerCellStd() {
        return triggerCellStd;
    }

    int mapSize() {
        return mapSize;
    }

    /** Encodes to a versioned byte array (version 2; version 1, still read, held the token counts as text). */
    public byte[] encode() {
        StateWriter w = new StateWriter(VERSION, KIND);
        bins.write(w);
        w.writeInt(maxCategories)
                .writeInt(maxLabels)
                .writeInt(mapSize)
                .writeDouble(triggerCellStd)
                .writeLong(rows);
        labels.write(w);
        binLabels.write(w);
        moments.write(w);
        tokens.write(w);
        sample.write(w);
        return w.toByteArray();
    }

    /** Decodes {@link #encode()} output; throws {@link IllegalArgumentException} on anything else. */
    public static PoisoningReference decode(byte[] bytes) {
        return StateReader.decode(bytes, "PoisoningReference", OLDEST_READABLE, VERSION, KIND, r -> {
            FeatureBins bins = FeatureBins.read(r);
            int maxCategories = r.readCount(1 << 16);
            int maxLabels = r.readCount(1 << 12);
            int mapSize = r.readCount(1 << 20);
            double cell = r.readDouble();
            if (!(cell > 0) || Double.isInfinite(cell)) {
                throw r.invalid("trigger cell width %s is not finite and > 0", cell);
            }
            long rows = r.readLong();
            if (rows < 0) {
                throw r.invalid("negative row count %d", rows);
            }
            return new PoisoningReference(
                    bins,
                    maxCategories,
                    maxLabels,
                    mapSize,
                    cell,
                    rows,
                    CappedCounter.read(r, maxLabels),
                    BinLabelTable.read(r, maxCategories, maxLabels),
                    ClassMoments.read(r, maxLabels),
                    r.version() == OLDEST_READABLE
                            ? TokenSketches.readText(r, mapSize)
                            : TokenSketches.read(r, mapSize),
                    // references encoded before label-consistency have no sample: the check then does not run
                    r.remaining() > 0 ? NeighbourSample.read(r) : new NeighbourSample(NeighbourSample.CAPACITY));
        });
    }
}
