package dev.lazaret.detectors.poisoning;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Union;

/**
 * Accumulates one batch, row by row, for {@link PoisoningChecks#evaluate}. Never keeps rows: memory is the same
 * capped tables as {@link PoisoningReference}, two frequent-items sketches per feature (values, and value with
 * label), three theta sketches of {@code 2^distinctLgK} entries (exact content, two shifted quantisation grids for
 * near-duplicates) and a replay hit counter.
 *
 * <p>Mergeable (for per-partition state) with another accumulator created from the same reference, filter and config.
 * Not thread-safe: use one instance per partition or task and merge.
 *
 * <p>Longer than most classes here because every poisoning signal's per-batch state lives in it together: one
 * update per row, one merge and one encoding keep the signals consistent with each other across chunks and restarts.
 * The statistics themselves are in their own classes ({@link LabelShiftChecks}, {@link DuplicationChecks}, ...).
 */
public final class BatchPoisoningAccumulator {
    private static final byte VERSION = 5;
    private static final byte KIND = 'A';
    private static final int GRIDS = ProjectionBands.BANDS;
    private static final char LABEL_SEPARATOR = '\u0000';
    /** Map size of the content-hash counts: exact up to 768 distinct contents, error at most 3.5/1024 of rows above. */
    static final int CONTENT_MAP_SIZE = 1024;

    private final PoisoningConfig config;
    private final FeatureBins bins;
    private final Map<String, double[]> scales;
    private RecordBloomFilter approved;
    /**
     * Content hashes (two longs a row) of the rows whose replay check waits for {@link #checkReplays}; {@code null}
     * when the check runs row by row.
     */
    private long[] deferred;

    private int deferredRows;
    private long rows;
    private long replayHits;
    private final CappedCounter labels;
    private final BinLabelTable binLabels;
    private final ClassMoments moments;
    private final TokenSketches tokens;
    private final TokenSketches tokenLabels;
    private final Union exact;
    private final LongsSketch contents = new LongsSketch(CONTENT_MAP_SIZE);
    private final Union[] grids;
    private final ProjectionBands bands;
    private final LabelConsistency consistency;
    private final NeighbourSample referenceSample;
    private final long referenceRows;
    private final VoteSample votes = new VoteSample();

    private BatchPoisoningAccumulator(
            PoisoningReference reference, RecordBloomFilter approved, PoisoningConfig config) {
        this.config = config;
        this.bins = reference.bins();
        // standardisation comes from the trusted reference, never from the batch under test
        this.scales = reference.moments().meanStd();
        this.approved = approved;
        this.labels = new CappedCounter(config.maxLabels());
        this.binLabels = new BinLabelTable(config.maxCategoriesPerFeature(), config.maxLabels());
        this.moments = new ClassMoments(config.maxLabels());
        this.tokens = new TokenSketches(config.frequentItemsMapSize());
        this.tokenLabels = new TokenSketches(config.frequentItemsMapSize());
        this.exact = newUnion(config);
        this.bands = new ProjectionBands(scales, config.nearDuplicateCellStd());
        this.grids = new Union[GRIDS];
        for (int g = 0; g < GRIDS; g++) {
            grids[g] = newUnion(config);
        }
        this.referenceSample = reference.sample();
        this.referenceRows = reference.rows();
        LabelConsistency index = new LabelConsistency(reference.sample(), bins, scales);
        this.consistency = index.usable() ? index : null;
    }

    /**
     * An empty batch accumulator.
     *
     * @param reference the trusted reference (its bins and feature scales are used while accumulating)
     * @param approvedHistory content hashes of earlier approved batches, or {@code null} to skip the replay check
     * @param config thresholds and sizes
     */
    public static BatchPoisoningAccumulator create(
            PoisoningReference reference, RecordBloomFilter approvedHistory, PoisoningConfig config) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(config, "config");
        if (reference.triggerCellStd() != config.triggerCellStd()
                || reference.mapSize() != config.frequentItemsMapSize()) {
            throw new IllegalArgumentException(String.format(
                    "config does not match the reference: trigger cell %s vs %s, frequent-items map %d vs %d",
                    config.triggerCellStd(),
                    reference.triggerCellStd(),
                    config.frequentItemsMapSize(),
                    reference.mapSize()));
        }
        return new BatchPoisoningAccumulator(reference, approvedHistory, config);
    }

    /**
     * An empty batch accumulator whose replay check waits for {@link #checkReplays}: for a batch accumulated as its
     * records arrive, before the approved-record history it is to be judged against is known (other batches of the
     * dataset may be released meanwhile). Until then it keeps each row's 16-byte content hash, and cannot be encoded or
     * merged.
     */
    public static BatchPoisoningAccumulator createDeferringReplays(
            PoisoningReference reference, PoisoningConfig config) {
        BatchPoisoningAccumulator acc = create(reference, null, config);
        acc.deferred = new long[1024];
        return acc;
    }

    /**
     * Runs the deferred replay check: counts the rows accumulated so far whose content {@code approvedHistory} may
     * hold, exactly as if it had been passed to {@link #create} ({@code null} skips the check). Later rows are checked
     * as they come.
     *
     * @throws IllegalStateException if this accumulator was not created deferring, or the check already ran
     */
    public void checkReplays(RecordBloomFilter approvedHistory) {
        if (deferred == null) {
            throw new IllegalStateException("replay check is not deferred");
        }
        approved = approvedHistory;
        replayHits = 0;
        if (approvedHistory != null) {
            for (int i = 0; i < deferredRows; i++) {
                if (approvedHistory.mightContainHash(deferred[2 * i], deferred[2 * i + 1])) {
                    replayHits++;
                }
            }
        }
        deferred = null;
        deferredRows = 0;
    }

    private void requireNotDeferring(String what) {
        if (deferred != null) {
            throw new IllegalStateException("cannot " + what + " before the deferred replay check ran");
        }
    }

    private static Union newUnion(PoisoningConfig config) {
        return SetOperation.builder()
                .setNominalEntries(1 << config.distinctLgK())
                .buildUnion();
    }

    /** Adds one row of the batch. */
    public void update(LabeledRow row) {
        rows++;
        labels.add(row.label(), 1);
        binLabels.add(bins, row);
        moments.add(bins.numericFeatures(), row);
        for (Map.Entry<String, Object> e : row.features().entrySet()) {
            if (bins.binOf(e.getKey(), e.getValue()) != null) {
                String token = RowFingerprints.token(e.getValue());
                tokens.add(e.getKey(), token);
                tokenLabels.add(e.getKey(), token + LABEL_SEPARATOR + row.label());
                String[] cells = bins.gridTokens(e.getKey(), e.getValue(), config.triggerCellStd());
                if (cells != null) {
                    for (String cell : cells) {
                        tokens.add(e.getKey(), cell);
                        tokenLabels.add(e.getKey(), cell + LABEL_SEPARATOR + row.label());
                    }
                }
            }
        }
        long[] content = RowFingerprints.contentHash(row);
        exact.update(content[0]);
        contents.update(content[0]);
        long[] bandKeys = bands.keys(row);
        for (int g = 0; g < GRIDS; g++) {
            grids[g].update(bandKeys[g]);
        }
        if (deferred != null) {
            defer(content);
        } else if (approved != null && approved.mightContainHash(content)) {
            replayHits++;
        }
        if (consistency != null) {
            // the other half of the content hash than the distinct counts use, so the two samples are independent
            votes.offer(
                    content[1],
                    row.label(),
                    () -> consistency.vote(row),
                    () -> new VoteSample.OutvotedRow(row.label(), NeighbourSample.values(bins, row), 1));
        }
    }

    private void defer(long[] content) {
        if (2 * deferredRows + 2 > deferred.length) {
            deferred = Arrays.copyOf(deferred, deferred.length * 2);
        }
        deferred[2 * deferredRows] = content[0];
        deferred[2 * deferredRows + 1] = content[1];
        deferredRows++;
    }

    /** Adds {@code other}'s state; it must come from the same reference and config. */
    public void merge(BatchPoisoningAccumulator other) {
        requireNotDeferring("merge");
        other.requireNotDeferring("merge");
        if (!config.equals(other.config) || !bins.equals(other.bins)) {
            throw new IllegalArgumentException(
                    "cannot merge batch accumulators built from different references or" + " configs");
        }
        rows += other.rows;
        replayHits += other.replayHits;
        votes.merge(other.votes);
        labels.merge(other.labels);
        binLabels.merge(other.binLabels);
        moments.merge(other.moments);
        tokens.merge(other.tokens);
        tokenLabels.merge(other.tokenLabels);
        exact.union(other.exact.getResult());
        contents.merge(other.contents);
        for (int g = 0; g < GRIDS; g++) {
            grids[g].union(other.grids[g].getResult());
        }
    }

    private static boolean sameScales(Map<String, double[]> a, Map<String, double[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Number of rows accumulated. */
    public long rows() {
        return rows;
    }

    /** The neighbour index of the reference's sample, or {@code null} when the sample is too small to vote. */
    LabelConsistency consistency() {
        return consistency;
    }

    /** {expected, variance bound} of repeated rows at this batch's size under the reference's own repeats. */
    double[] expectedRepeats() {
        return referenceSample.expectedRepeats(rows, referenceRows);
    }

    /** The batch rows that voted on their labels: all of them, or a sample by content hash in large batches. */
    VoteSample votes() {
        return votes;
    }

    FeatureBins binsUsed() {
        return bins;
    }

    PoisoningConfig config() {
        return config;
    }

    RecordBloomFilter approved() {
        requireNotDeferring("judge replays");
        return approved;
    }

    long replayHits() {
        requireNotDeferring("count replays");
        return replayHits;
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
     * Every tracked (feature, token, label) with its count (a lower bound once a feature's sketch is full), keyed as
     * {@code feature \0 token \0 label}.
     */
    Map<String, Long> tokenLabelCounts() {
        Map<String, Long> out = new java.util.HashMap<>();
        tokenLabels.asMap().forEach((feature, sketch) -> {
            for (ItemsSketch.Row<String> row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_POSITIVES)) {
                out.put(feature + LABEL_SEPARATOR + row.getItem(), row.getLowerBound());
            }
        });
        return out;
    }

    /** Row contents seen more than once in this batch, with their counts (lower bounds once the sketch is full). */
    Map<Long, Long> repeatedContents() {
        Map<Long, Long> out = new TreeMap<>();
        for (LongsSketch.Row row : contents.getFrequentItems(1, ErrorType.NO_FALSE_POSITIVES)) {
            if (row.getLowerBound() > 1) {
                out.put(row.getItem(), row.getLowerBound());
            }
        }
        return out;
    }

    /** Upper bound of this batch's rows with {@code token} in {@code feature}, whatever their label. */
    long tokenCountUpperBound(String feature, String token) {
        return tokens.upperBound(feature, token);
    }

    /** This batch's count of one content (a lower bound once the sketch is full). */
    long contentCount(long hash) {
        return contents.getLowerBound(hash);
    }

    /** Rows of the reference and the reference's count of each content its sample can speak for. */
    NeighbourSample referenceSample() {
        return referenceSample;
    }

    long referenceRows() {
        return referenceRows;
    }

    /** Estimated distinct row contents. */
    double distinctContents() {
        return exact.getResult().getEstimate();
    }

    /** Relative standard error of the distinct estimates (0 while exact). */
    double distinctRelativeError() {
        return exact.getResult().isEstimationMode() ? 1 / Math.sqrt(1 << config.distinctLgK()) : 0;
    }

    /**
     * Expected near-duplicate rows (rows sharing a band bucket with a row of different content) among this batch's
     * rows if they came from the reference, per band: C(n, 2) times the reference sample's chance that two rows of
     * different content collide. Pairs count each repeat at least once, so this errs towards expecting more.
     */
    double[] expectedNearCollisions() {
        double[] q = bands.referenceCollisionChance(referenceSample.entries(), referenceSample.counts());
        double[] out = new double[q.length];
        for (int b = 0; b < q.length; b++) {
            out[b] = rows * (rows - 1) / 2.0 * q[b];
        }
        return out;
    }

    /** Estimated distinct band keys (LSH buckets), per band. */
    double[] distinctQuantised() {
        double[] out = new double[GRIDS];
        for (int g = 0; g < GRIDS; g++) {
            out[g] = grids[g].getResult().getEstimate();
        }
        return out;
    }

    /**
     * Encodes to a versioned byte array (version 5: version 4 kept no label with a vote; version 3 kept no values of
     * outvoted rows; version 2 kept a vote
     * for every row rather than a sample; version 1 had no own-vote histogram and no content counts; an older version
     * is refused as unreadable, so its batch pass restarts). The reference, filter and config are not included: pass them
     * again to {@link #decode}.
     */
    public byte[] encode() {
        requireNotDeferring("encode");
        StateWriter w = new StateWriter(VERSION, KIND);
        // the near-duplicate cells depend on the reference's scales: record them so decode can refuse a mismatch
        w.writeInt(scales.size());
        scales.forEach((f, ms) -> w.writeString(f).writeDouble(ms[0]).writeDouble(ms[1]));
        w.writeLong(rows).writeLong(replayHits);
        labels.write(w);
        binLabels.write(w);
        moments.write(w);
        tokens.write(w);
        tokenLabels.write(w);
        w.writeBytes(exact.getResult().toByteArray());
        w.writeBytes(contents.toByteArray());
        for (Union g : grids) {
            w.writeBytes(g.getResult().toByteArray());
        }
        votes.write(w);
        return w.toByteArray();
    }

    /** Decodes {@link #encode()} output; throws {@link IllegalArgumentException} on anything else. */
    public static BatchPoisoningAccumulator decode(
            byte[] bytes, PoisoningReference reference, RecordBloomFilter approvedHistory, PoisoningConfig config) {
        BatchPoisoningAccumulator acc = create(reference, approvedHistory, config);
        return StateReader.decode(bytes, "BatchPoisoningAccumulator", VERSION, KIND, r -> {
            Map<String, double[]> encodedScales = new TreeMap<>();
            int n = r.readCount(1 << 20);
            for (int i = 0; i < n; i++) {
                encodedScales.put(r.readString(), new double[] {r.readDouble(), r.readDouble()});
            }
            if (!sameScales(encodedScales, acc.scales)) {
                throw r.invalid("the reference's feature scales changed since this batch state was encoded;"
                        + " decode it against the reference it was accumulated with");
            }
            acc.rows = r.readLong();
            acc.replayHits = r.readLong();
            if (acc.rows < 0 || acc.replayHits < 0 || acc.replayHits > acc.rows) {
                throw r.invalid("inconsistent counts: %d rows, %d replay hits", acc.rows, acc.replayHits);
            }
            acc.labels.merge(CappedCounter.read(r, config.maxLabels()));
            acc.binLabels.merge(BinLabelTable.read(r, config.maxCategoriesPerFeature(), config.maxLabels()));
            acc.moments.merge(ClassMoments.read(r, config.maxLabels()));
            acc.tokens.merge(TokenSketches.read(r, config.frequentItemsMapSize()));
            acc.tokenLabels.merge(TokenSketches.read(r, config.frequentItemsMapSize()));
            acc.exact.union(Memory.wrap(r.readBytes()));
            acc.contents.merge(LongsSketch.getInstance(Memory.wrap(r.readBytes())));
            for (Union g : acc.grids) {
                g.union(Memory.wrap(r.readBytes()));
            }
            acc.votes.merge(VoteSample.read(r));
            return acc;
        });
    }
}
