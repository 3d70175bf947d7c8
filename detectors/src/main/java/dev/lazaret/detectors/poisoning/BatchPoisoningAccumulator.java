package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Union;

/**
 * Accumulates one batch, row by row, for {@link PoisoningChecks#evaluate}, and for the reference its rows make
 * ({@link PoisoningReference#of(BatchPoisoningAccumulator)}). Keeps no more rows than samples do: memory is the same
 * capped tables as {@link PoisoningReference} (with its bottom-k sample of at most 2,000 rows), two frequent-items
 * sketches per feature (values, and value with label), three theta sketches of {@code 2^distinctLgK} entries (exact
 * content, two shifted quantisation grids for near-duplicates) and a replay hit counter.
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
    /** Map size of the content-hash counts: exact up to 768 distinct contents, error at most 3.5/1024 of rows above. */
    static final int CONTENT_MAP_SIZE = 1024;

    private final PoisoningConfig config;
    private final FeatureBins bins;
    private final Map<String, double[]> scales;
    private RecordBloomFilter approved;
    /** Whether the replay check waits for {@link #checkReplays}, rather than running row by row. */
    private boolean deferring;

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
    /** The batch's own bottom-k sample, as a reference built from its rows would keep it ({@link PoisoningReference#of(BatchPoisoningAccumulator)}). */
    private final NeighbourSample sample = new NeighbourSample(NeighbourSample.CAPACITY);

    private final long[] cells = new long[2];

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
        // named: the trigger check reports the values it finds, and reads their names from here
        this.tokens = TokenSketches.named(config.frequentItemsMapSize());
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
     * dataset may be released meanwhile). The caller keeps the rows' content hashes ({@link ContentHashes}) until then;
     * until then this accumulator cannot be encoded or merged.
     */
    public static BatchPoisoningAccumulator createDeferringReplays(
            PoisoningReference reference, PoisoningConfig config) {
        BatchPoisoningAccumulator acc = create(reference, null, config);
        acc.deferring = true;
        return acc;
    }

    /**
     * Runs the deferred replay check: counts the rows accumulated so far whose content {@code approvedHistory} may
     * hold, exactly as if it had been passed to {@link #create} ({@code null} skips the check). Later rows are checked
     * as they come.
     *
     * @param accumulated the content hashes of the rows accumulated so far, one per row
     * @throws IllegalStateException if this accumulator was not created deferring, or the check already ran
     * @throws IllegalArgumentException if {@code accumulated} does not hold one hash per row accumulated
     */
    public void checkReplays(RecordBloomFilter approvedHistory, ContentHashes accumulated) {
        if (!deferring) {
            throw new IllegalStateException("replay check is not deferred");
        }
        if (accumulated.size() != rows) {
            throw new IllegalArgumentException(
                    String.format("%d content hashes for %d rows accumulated", accumulated.size(), rows));
        }
        approved = approvedHistory;
        replayHits = approvedHistory == null ? 0 : accumulated.countIn(approvedHistory);
        deferring = false;
    }

    private void requireNotDeferring(String what) {
        if (deferring) {
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
        update(row, RowFingerprints.contentHash(row));
    }

    /**
     * Adds one row of the batch whose content hash the caller computed already ({@link ContentHashes#of}).
     *
     * @param content {@code ContentHashes.of(row)}
     */
    public void update(LabeledRow row, long[] content) {
        rows++;
        labels.add(row.label(), 1);
        moments.add(bins.numericFeatures(), row);
        long label = TokenHashes.label(row.label());
        for (Map.Entry<String, Object> e : row.features().entrySet()) {
            String feature = e.getKey();
            Object value = e.getValue();
            // one bin per value for the label table and the tokens (each feature's counts are its own, so counting
            // them feature by feature here gives the tables binLabels.add(bins, row) gave)
            String bin = bins.binOf(feature, value);
            if (bin != null) {
                binLabels.add(feature, bin, row.label());
                TokenSketches.Feature featureTokens = tokens.feature(feature);
                TokenSketches.Feature featureTokenLabels = tokenLabels.feature(feature);
                long key = TokenHashes.value(value);
                if (tokens.add(featureTokens, key)) {
                    tokens.name(featureTokens, key, RowFingerprints.token(value));
                }
                tokenLabels.add(featureTokenLabels, TokenHashes.withLabel(key, label));
                if (bins.gridCells(feature, value, config.triggerCellStd(), cells)) {
                    for (int g = 0; g < cells.length; g++) {
                        long cell = TokenHashes.cell(g, cells[g]);
                        if (tokens.add(featureTokens, cell)) {
                            tokens.name(featureTokens, cell, FeatureBins.gridToken(g, cells[g]));
                        }
                        tokenLabels.add(featureTokenLabels, TokenHashes.withLabel(cell, label));
                    }
                }
            }
        }
        exact.update(content[0]);
        contents.update(content[0]);
        long[] bandKeys = bands.keys(row);
        for (int g = 0; g < GRIDS; g++) {
            grids[g].update(bandKeys[g]);
        }
        if (!deferring && approved != null && approved.mightContainHash(content)) {
            replayHits++;
        }
        sample.add(bins, row, content[0]);
        if (consistency != null) {
            // the other half of the content hash than the distinct counts use, so the two samples are independent
            votes.offer(
                    content[1],
                    row.label(),
                    () -> consistency.vote(row),
                    () -> new VoteSample.OutvotedRow(row.label(), NeighbourSample.values(bins, row), 1));
        }
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
        sample.merge(other.sample);
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

    /** The batch's own bottom-k sample of rows, for the reference its rows make. */
    NeighbourSample sample() {
        return sample;
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
     * Every tracked (feature, token) with each of the batch's labels it is tracked with, and that count (a lower bound
     * once a feature's sketch is full). The labelled keys are hashes, so they are found from the tracked tokens and the
     * labels counted: the same set while the sketches are exact; once full, a pair whose token the unlabelled sketch
     * let go is missed, and so are the labels past {@link PoisoningConfig#maxLabels()}.
     */
    Map<TriggerCheck.Key, Long> tokenLabelCounts() {
        Map<TriggerCheck.Key, Long> out = new java.util.HashMap<>();
        List<String> labelNames = new ArrayList<>(labels.asMap().keySet());
        labelNames.remove(CappedCounter.OTHER);
        long[] labelHashes = labelNames.stream().mapToLong(TokenHashes::label).toArray();
        Map<String, LongsSketch> labelled = tokenLabels.asMap();
        tokens.asMap().forEach((feature, sketch) -> {
            // as the labelled sketch's own listing would: counts at or above its error (DataSketches' threshold)
            long floor = Math.max(1, labelled.get(feature).getMaximumError());
            // every tracked token: an upper bound is at or above the error
            for (LongsSketch.Row row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
                for (int l = 0; l < labelHashes.length; l++) {
                    long count = tokenLabels.lowerBound(feature, TokenHashes.withLabel(row.getItem(), labelHashes[l]));
                    if (count >= floor) {
                        out.put(new TriggerCheck.Key(feature, row.getItem(), labelNames.get(l)), count);
                    }
                }
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

    /** Upper bound of this batch's rows with the token of {@code key} in {@code feature}, whatever their label. */
    long tokenCountUpperBound(String feature, long key) {
        return tokens.upperBound(feature, key);
    }

    /** This batch's count of one content (a lower bound once the sketch is full). */
    /**
     * Whether the content counts are exact: the frequent-items sketch has purged nothing. Once it has, its lower bounds
     * depend on how the rows were split across merged accumulators, so two equal batches accumulated in different
     * chunks can name different most repeated contents (within the sketch's error).
     */
    boolean contentCountsExact() {
        return contents.getMaximumError() == 0;
    }

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
     * Encodes to a versioned byte array (version 5: version 4 held the token counts as string sketches, kept no
     * sample of the batch's own rows and no label with a vote; version 3 kept no values of outvoted rows; version 2
     * kept a vote for every row rather than a sample; version 1 had no own-vote histogram and no content counts; an
     * older version is refused as unreadable, so its batch pass restarts). The reference, filter and config are not
     * included: pass them
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
        sample.write(w);
        return w.toByteArray();
    }

    /** Decodes {@link #encode()} output; throws {@link IllegalArgumentException} on anything else. */
    public static BatchPoisoningAccumulator decode(
            byte[] bytes, PoisoningReference reference, RecordBloomFilter approvedHistory, PoisoningConfig config) {
        BatchPoisoningAccumulator acc = create(reference, approvedHistory, config);
        return StateReader.decode(bytes, "BatchPoisoningAccumulator", VERSION, VERSION, KIND, r -> {
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
            int mapSize = config.frequentItemsMapSize();
            acc.tokens.merge(TokenSketches.read(r, mapSize));
            acc.tokenLabels.merge(TokenSketches.read(r, mapSize));
            acc.exact.union(Memory.wrap(r.readBytes()));
            acc.contents.merge(LongsSketch.getInstance(Memory.wrap(r.readBytes())));
            for (Union g : acc.grids) {
                g.union(Memory.wrap(r.readBytes()));
            }
            acc.votes.merge(VoteSample.read(r));
            acc.sample.merge(NeighbourSample.read(r));
            return acc;
        });
    }
}
