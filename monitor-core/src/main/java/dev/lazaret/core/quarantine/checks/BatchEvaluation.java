package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.integrity.ResumableSha256;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.poisoning.BatchPoisoningAccumulator;
import dev.lazaret.detectors.poisoning.FeatureBinsAccumulator;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running state of one batch's evaluation pass: the content hash so far and every accumulator the checks read.
 * The pass runs in chunks (one per punctuation and transaction), so this state is saved to a state store between
 * chunks with {@link #encode()} and restored with {@link #decode}.
 *
 * <p>Records arrive here in seq order; {@link #accept} also notes missing and out-of-range seqs and records of another
 * dataset.
 */
public final class BatchEvaluation {
    private static final byte VERSION = 1;

    String cursor;
    String referenceId;
    long rows;
    long expectedSeq;
    long missingSeqs;
    long outOfRangeSeqs;
    long otherDataset;
    long outlierRows;
    long numericValues;
    final Map<String, Long> missingFeature = new TreeMap<>();
    final Map<String, Long> outOfRange = new TreeMap<>();
    ResumableSha256 sha = new ResumableSha256();
    DatasetProfile profile = DatasetProfile.create();
    FeatureBinsAccumulator bins = FeatureBinsAccumulator.create();
    BatchPoisoningAccumulator poisoning;

    private BatchEvaluation() {}

    /**
     * A fresh evaluation. With a reference, the batch profile declares the reference's feature kinds (so a value of the
     * wrong type counts as a mismatch) and a poisoning accumulator runs against it.
     */
    public static BatchEvaluation start(ReferenceBundle reference, RecordBloomFilter approved) {
        BatchEvaluation e = new BatchEvaluation();
        if (reference != null) {
            e.referenceId = reference.referenceId();
            reference.profile().features().forEach((name, p) -> e.profile.declare(name, p.kind()));
            e.poisoning = BatchPoisoningAccumulator.create(reference.poisoning(), approved, PoisoningConfig.defaults());
        }
        return e;
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
        profile.update(row.features(), row.label());
        LabeledRow labeled = ReferenceBuilder.labeled(row);
        bins.update(labeled);
        if (poisoning != null) {
            poisoning.update(labeled);
        }
        if (view != null) {
            quality(row.features(), view);
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
                if (Math.abs(x - ref.median()) / ref.scale() > ReferenceView.OUTLIER_Z) {
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

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, cursor);
            writeString(out, referenceId);
            for (long v :
                    new long[] {rows, expectedSeq, missingSeqs, outOfRangeSeqs, otherDataset, outlierRows, numericValues
                    }) {
                out.writeLong(v);
            }
            writeCounts(out, missingFeature);
            writeCounts(out, outOfRange);
            writeBytes(out, sha.saveState());
            writeBytes(out, ProfileCodec.encode(profile));
            writeBytes(out, bins.encode());
            writeBytes(out, poisoning == null ? null : poisoning.encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores {@link #encode()} output.
     *
     * @param reference the same reference the evaluation started with (its id is checked by the caller)
     */
    public static BatchEvaluation decode(byte[] bytes, ReferenceBundle reference, RecordBloomFilter approved) {
        return decode(bytes, reference, approved, true);
    }

    /** Restores everything but the poisoning accumulator (which needs the reference): id, profile, bins. */
    public static BatchEvaluation decodeWithoutPoisoning(byte[] bytes) {
        return decode(bytes, null, null, false);
    }

    /** The quantile bins of this batch's features, for a reference bootstrapped from it. */
    public dev.lazaret.detectors.poisoning.FeatureBins bins(int binCount) {
        return bins.toBins(binCount);
    }

    private static BatchEvaluation decode(
            byte[] bytes, ReferenceBundle reference, RecordBloomFilter approved, boolean withPoisoning) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("unknown batch evaluation version");
            }
            BatchEvaluation e = new BatchEvaluation();
            e.cursor = readString(in);
            e.referenceId = readString(in);
            e.rows = in.readLong();
            e.expectedSeq = in.readLong();
            e.missingSeqs = in.readLong();
            e.outOfRangeSeqs = in.readLong();
            e.otherDataset = in.readLong();
            e.outlierRows = in.readLong();
            e.numericValues = in.readLong();
            readCounts(in, e.missingFeature);
            readCounts(in, e.outOfRange);
            e.sha = ResumableSha256.restore(readBytes(in));
            e.profile = ProfileCodec.decodeDataset(readBytes(in));
            e.bins = FeatureBinsAccumulator.decode(readBytes(in));
            byte[] poisoning = readBytes(in);
            if (poisoning != null && withPoisoning) {
                e.poisoning = BatchPoisoningAccumulator.decode(
                        poisoning, reference.poisoning(), approved, PoisoningConfig.defaults());
            }
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, FeatureProfile> features() {
        return profile.features();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void writeCounts(DataOutputStream out, Map<String, Long> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            writeString(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void readCounts(DataInputStream in, Map<String, Long> counts) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            counts.put(readString(in), in.readLong());
        }
    }
}
