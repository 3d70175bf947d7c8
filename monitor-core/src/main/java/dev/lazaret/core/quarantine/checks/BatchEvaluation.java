package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.integrity.ResumableSha256;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import dev.lazaret.detectors.multivariate.MultivariateAccumulator;
import dev.lazaret.detectors.multivariate.MultivariateWindow;
import dev.lazaret.detectors.poisoning.BatchPoisoningAccumulator;
import dev.lazaret.detectors.poisoning.ContentHashes;
import dev.lazaret.detectors.poisoning.FeatureBins;
import dev.lazaret.detectors.poisoning.FeatureBinsAccumulator;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureProfile;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The running state of one batch's evaluation pass: the content hash so far and every accumulator the checks read.
 * The pass runs in chunks (one per punctuation and transaction), so this state is saved to a state store between
 * chunks as a {@link #snapshot()} ({@code quarantine.codec.BatchEvaluationCodec} holds its layout) and restored.
 *
 * <p>Records arrive here in seq order; {@link #accept} also notes missing and out-of-range seqs and records of another
 * dataset.
 */
public final class BatchEvaluation {
    private String cursor;
    private String referenceId;
    private long rows;
    private long expectedSeq;
    private long missingSeqs;
    private long outOfRangeSeqs;
    private long otherDataset;
    private long outlierRows;
    private long numericValues;
    private final Map<String, Long> missingFeature = new TreeMap<>();
    private final Map<String, Long> outOfRange = new TreeMap<>();
    private ResumableSha256 sha = new ResumableSha256();
    private DatasetProfile profile = DatasetProfile.create();
    private FeatureBinsAccumulator bins = FeatureBinsAccumulator.create();
    private BatchPoisoningAccumulator poisoning;
    private MultivariateAccumulator multivariate;
    private BatchVectors vectors;
    /**
     * The content hashes of the rows accepted since this evaluation was started or restored: every row of a live one
     * ({@link #startLive}), for its deferred replay check; the current chunk's for the pass over the store, which keeps
     * each chunk's beside its snapshot. For the replay filter, should the batch be approved. Never in a {@link
     * #snapshot()}.
     */
    private ContentHashes hashes = new ContentHashes();

    private BatchEvaluation() {}

    /** A fresh evaluation whose new vector features get the default projections. */
    public static BatchEvaluation start(ReferenceBundle reference, RecordBloomFilter approved) {
        return start(reference, approved, ProjectionSettings.DEFAULTS);
    }

    /**
     * A fresh evaluation. With a reference, the batch profile declares the reference's feature kinds (so a value of the
     * wrong type counts as a mismatch) and a poisoning accumulator runs against it. Vector features are projected as
     * {@link BatchVectors} says, {@code projections} serving those the reference does not have.
     */
    public static BatchEvaluation start(
            ReferenceBundle reference, RecordBloomFilter approved, ProjectionSettings projections) {
        return start(
                reference,
                projections,
                r -> BatchPoisoningAccumulator.create(r.poisoning(), approved, PoisoningConfig.defaults()));
    }

    /**
     * A fresh evaluation fed as records arrive ({@code quarantine.batch.LiveEvaluations}), before the manifest and the
     * replay filter of judgement time are known: feed it with {@link #accept} passing {@link Long#MAX_VALUE} as the
     * record count, then {@link #settleArrived} once the batch is complete.
     */
    public static BatchEvaluation startLive(ReferenceBundle reference, ProjectionSettings projections) {
        return start(
                reference,
                projections,
                r -> BatchPoisoningAccumulator.createDeferringReplays(r.poisoning(), PoisoningConfig.defaults()));
    }

    private static BatchEvaluation start(
            ReferenceBundle reference,
            ProjectionSettings projections,
            Function<ReferenceBundle, BatchPoisoningAccumulator> poisoning) {
        BatchEvaluation e = new BatchEvaluation();
        e.vectors = BatchVectors.start(e.profile, reference, projections);
        if (reference != null) {
            e.referenceId = reference.referenceId();
            reference.profile().features().forEach((name, p) -> e.profile.declare(name, p.kind()));
            e.poisoning = poisoning.apply(reference);
            e.multivariate = reference
                    .profile()
                    .multivariate()
                    .map(MultivariateAccumulator::create)
                    .orElse(null);
        }
        return e;
    }

    /**
     * Completes a {@link #startLive} evaluation whose records were accepted as seqs {@code 0, 1, 2, ...} without a gap:
     * the counts that needed the manifest, then the replay check against the filter of judgement time. Afterwards it
     * holds exactly what the pass over the store in seq order would have computed.
     *
     * @param approved the dataset's replay filter now
     */
    public void settleArrived(long recordCount, RecordBloomFilter approved) {
        if (missingSeqs != 0) {
            throw new IllegalStateException("a live evaluation takes seqs without gaps");
        }
        // accepted with an unbounded record count, so none was out of range yet: seqs are 0..rows-1
        outOfRangeSeqs = Math.max(0, expectedSeq - recordCount);
        if (poisoning != null) {
            poisoning.checkReplays(approved, hashes);
        }
        finish(recordCount);
    }

    /** The store key after which the next chunk starts, or {@code null} before the first record. */
    public String cursor() {
        return cursor;
    }

    public String referenceId() {
        return referenceId;
    }

    /**
     * Adds one primary record (the first copy of its seq) in seq order.
     *
     * @param key its store key, remembered as the cursor
     * @param canonical its canonical JSON, hashed with a trailing line feed
     */
    public void accept(
            String key,
            byte[] canonical,
            long seq,
            String dataset,
            String expectedDataset,
            long recordCount,
            ReferenceBuilder.Row row,
            ReferenceView view) {
        cursor = key;
        sha.update(canonical);
        sha.update((byte) '\n');
        if (seq > expectedSeq) {
            missingSeqs += Math.min(seq, recordCount) - Math.min(expectedSeq, recordCount);
        }
        expectedSeq = seq + 1;
        if (seq >= recordCount) {
            outOfRangeSeqs++;
        }
        if (!dataset.equals(expectedDataset)) {
            otherDataset++;
        }
        rows++;
        Map<String, Object> scalars = vectors.accept(seq, row.features());
        profile.update(scalars, row.label());
        LabeledRow labeled = ReferenceBuilder.labeled(row);
        bins.update(labeled);
        long[] content = ContentHashes.of(labeled);
        hashes.add(content);
        if (poisoning != null) {
            poisoning.update(labeled, content);
        }
        if (multivariate != null) {
            multivariate.accept(scalars);
        }
        if (view != null) {
            quality(row.features(), view); // a vector in a scalar feature is counted by the vectors, not as missing
        }
    }

    /** Notes a key that is a duplicate copy of a seq: it moves the cursor but is neither hashed nor profiled. */
    public void skip(String key) {
        cursor = key;
    }

    /** Call once the last record was accepted: seqs missing after the last one present. */
    public void finish(long recordCount) {
        if (expectedSeq < recordCount) {
            missingSeqs += recordCount - expectedSeq;
            expectedSeq = recordCount;
        }
    }

    private void quality(Map<String, Object> features, ReferenceView view) {
        for (String name : view.features().keySet()) {
            if (!features.containsKey(name)) {
                missingFeature.merge(name, 1L, Long::sum);
            }
        }
        boolean outlier = false;
        for (Map.Entry<String, ReferenceView.Numeric> e : view.numeric().entrySet()) {
            if (features.get(e.getKey()) instanceof Number n) {
                double x = n.doubleValue();
                ReferenceView.Numeric ref = e.getValue();
                numericValues++;
                if (Double.isFinite(x) && (x < ref.low() || x > ref.high())) {
                    outOfRange.merge(e.getKey(), 1L, Long::sum);
                }
                if (ref.isOutlier(x)) {
                    outlier = true;
                }
            }
        }
        if (outlier) {
            outlierRows++;
        }
    }

    /** The content hash; ends the digest, so call it once, after the last record. */
    public String contentHash() {
        return sha.hex();
    }

    public DatasetProfile profile() {
        return profile;
    }

    /** Primary records accepted (duplicate copies excluded). */
    public long rows() {
        return rows;
    }

    /** Seqs in {@code 0..recordCount-1} that no record carried. */
    public long missingSeqs() {
        return missingSeqs;
    }

    /** Records whose seq is at or beyond the manifest's record count. */
    public long outOfRangeSeqs() {
        return outOfRangeSeqs;
    }

    /** Records naming a dataset other than the batch's. */
    public long otherDataset() {
        return otherDataset;
    }

    /** Records with at least one numeric value beyond the reference's outlier bound. */
    public long outlierRows() {
        return outlierRows;
    }

    /** Numeric values of reference features seen. */
    public long numericValues() {
        return numericValues;
    }

    /** Records lacking the reference feature {@code feature}. */
    public long missingFeature(String feature) {
        return missingFeature.getOrDefault(feature, 0L);
    }

    /** Per feature, numeric values outside the reference's widened range. */
    public Map<String, Long> outOfRange() {
        return Collections.unmodifiableMap(outOfRange);
    }

    /** The multivariate accumulator, or {@code null} when the reference has no multivariate part. */
    public MultivariateAccumulator multivariate() {
        return multivariate;
    }

    /** Per vector feature, records whose vector broke the dimension or type rule ({@link BatchVectors}). */
    public Map<String, Long> badVectors() {
        return vectors.bad();
    }

    /** Per vector feature, the first bad record's seq and reason. */
    public Map<String, String> firstBadVector() {
        return vectors.firstBad();
    }

    /**
     * The content hashes of the rows accepted since this evaluation was started or restored from a {@link #snapshot()}:
     * all of a live one's, the current chunk's for the pass over the store.
     */
    public ContentHashes contentHashes() {
        return hashes;
    }

    /**
     * The poisoning reference this batch's rows make over its reference's bins, derived from the poisoning accumulator
     * ({@link PoisoningReference#of}) without a second pass; {@code null} when the batch had no reference (a reference
     * built from it takes the batch's own quantile bins, known only once every row went by).
     */
    public PoisoningReference candidate() {
        return poisoning == null ? null : PoisoningReference.of(poisoning);
    }

    /** The poisoning accumulator, or {@code null} when the batch had no reference. */
    public BatchPoisoningAccumulator poisoning() {
        return poisoning;
    }

    /**
     * The evaluation's state as values, for {@code quarantine.codec.BatchEvaluationCodec}. The poisoning accumulator is
     * kept encoded: it can only be restored against the reference it started with.
     */
    public record Snapshot(
            String cursor,
            String referenceId,
            long rows,
            long expectedSeq,
            long missingSeqs,
            long outOfRangeSeqs,
            long otherDataset,
            long outlierRows,
            long numericValues,
            Map<String, Long> missingFeature,
            Map<String, Long> outOfRange,
            byte[] shaState,
            DatasetProfile profile,
            FeatureBinsAccumulator bins,
            byte[] poisoning,
            MultivariateWindow multivariate,
            ProjectionSettings projections,
            Map<String, Long> badVectors,
            Map<String, String> firstBadVector) {}

    public Snapshot snapshot() {
        return new Snapshot(
                cursor,
                referenceId,
                rows,
                expectedSeq,
                missingSeqs,
                outOfRangeSeqs,
                otherDataset,
                outlierRows,
                numericValues,
                new TreeMap<>(missingFeature),
                new TreeMap<>(outOfRange),
                sha.saveState(),
                profile,
                bins,
                poisoning == null ? null : poisoning.encode(),
                multivariate == null ? null : multivariate.window(),
                vectors.projections(),
                new TreeMap<>(vectors.bad()),
                new TreeMap<>(vectors.firstBad()));
    }

    /**
     * Restores a snapshot.
     *
     * @param reference the reference the evaluation started with (the caller checks its id), or {@code null} to leave
     *     the poisoning accumulator out: enough for the id, the profile and the bins
     */
    public static BatchEvaluation restore(Snapshot s, ReferenceBundle reference, RecordBloomFilter approved) {
        BatchEvaluation e = new BatchEvaluation();
        e.cursor = s.cursor();
        e.referenceId = s.referenceId();
        e.rows = s.rows();
        e.expectedSeq = s.expectedSeq();
        e.missingSeqs = s.missingSeqs();
        e.outOfRangeSeqs = s.outOfRangeSeqs();
        e.otherDataset = s.otherDataset();
        e.outlierRows = s.outlierRows();
        e.numericValues = s.numericValues();
        e.missingFeature.putAll(s.missingFeature());
        e.outOfRange.putAll(s.outOfRange());
        e.sha = ResumableSha256.restore(s.shaState());
        e.profile = s.profile();
        e.bins = s.bins();
        e.vectors = BatchVectors.restore(e.profile, reference, s.projections(), s.badVectors(), s.firstBadVector());
        if (s.poisoning() != null && reference != null) {
            e.poisoning = BatchPoisoningAccumulator.decode(
                    s.poisoning(), reference.poisoning(), approved, PoisoningConfig.defaults());
        }
        if (s.multivariate() != null && reference != null) {
            reference
                    .profile()
                    .multivariate()
                    .ifPresent(m -> e.multivariate = MultivariateAccumulator.of(m.scorer(), s.multivariate()));
        }
        return e;
    }

    /** The quantile bins of this batch's scalar features, for a reference bootstrapped from it. */
    public FeatureBins bins(int binCount) {
        return bins.toBins(binCount);
    }

    Map<String, FeatureProfile> features() {
        return profile.features();
    }
}
