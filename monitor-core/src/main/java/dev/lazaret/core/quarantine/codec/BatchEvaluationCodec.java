package dev.lazaret.core.quarantine.codec;

import dev.lazaret.core.quarantine.checks.BatchEvaluation;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.codec.MultivariateCodec;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import dev.lazaret.detectors.poisoning.FeatureBinsAccumulator;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link BatchEvaluation} between two chunks of its pass, in the work store under the batch id. Big-endian;
 * "bytes" means a 4-byte length ({@code -1} for absent) and that many bytes, strings as UTF-8 bytes.
 *
 * <pre>
 * byte 0      format version, 3 (versions 1 and 2, without the last fields, are still read)
 * bytes       cursor: store key of the last record read (absent before the first)
 * bytes       referenceId (absent when the batch has no reference)
 * 7 x long    rows, expectedSeq, missingSeqs, outOfRangeSeqs, otherDataset, outlierRows, numericValues
 * int n, then n x (bytes feature, long count)   records missing each reference feature
 * int n, then n x (bytes feature, long count)   values outside each feature's reference range
 * bytes       SHA-256 state so far ({@code ResumableSha256.saveState})
 * bytes       batch profile ({@link ProfileCodec#encode(DatasetProfile)})
 * bytes       feature bins accumulator ({@link FeatureBinsAccumulator#encode()})
 * bytes       poisoning accumulator (absent without a reference), decoded only against that reference
 * bytes       multivariate window ({@link MultivariateCodec}; absent when the reference has no multivariate part)
 * long, int   seed and count of the projections of vector features the reference lacks (version 3)
 * int n, then n x (bytes feature, long count)   records with a bad vector, per feature (version 3)
 * int n, then n x (bytes feature, bytes text)   the first bad record's seq and reason, per feature (version 3)
 * </pre>
 *
 * The vector features' projections themselves are embedding parts of the batch profile.
 *
 * No bytes follow.
 */
public final class BatchEvaluationCodec {
    static final byte VERSION = 3;
    private static final byte WITHOUT_MULTIVARIATE = 1;
    private static final byte WITHOUT_VECTORS = 2;
    private static final String WHAT = "batch evaluation";
    /** A count entry is at least a 4-byte length and an 8-byte count. */
    private static final int MIN_COUNT_ENTRY_BYTES = 12;

    private BatchEvaluationCodec() {}

    public static byte[] encode(BatchEvaluation evaluation) {
        BatchEvaluation.Snapshot s = evaluation.snapshot();
        StateWriter out = new StateWriter(VERSION).writeString(s.cursor()).writeString(s.referenceId());
        for (long v : new long[] {
            s.rows(),
            s.expectedSeq(),
            s.missingSeqs(),
            s.outOfRangeSeqs(),
            s.otherDataset(),
            s.outlierRows(),
            s.numericValues()
        }) {
            out.writeLong(v);
        }
        writeCounts(out, s.missingFeature());
        writeCounts(out, s.outOfRange());
        out.writeBytes(s.shaState())
                .writeBytes(ProfileCodec.encode(s.profile()))
                .writeBytes(s.bins().encode())
                .writeBytes(s.poisoning())
                .writeBytes(s.multivariate() == null ? null : MultivariateCodec.encode(s.multivariate()));
        out.writeLong(s.projections().seed()).writeInt(s.projections().count());
        writeCounts(out, s.badVectors());
        out.writeInt(s.firstBadVector().size());
        s.firstBadVector().forEach((feature, text) -> out.writeString(feature).writeString(text));
        return out.toByteArray();
    }

    /**
     * Restores an evaluation with its poisoning accumulator.
     *
     * @param reference the reference the evaluation started with (check {@link #referenceId} first)
     * @throws IllegalArgumentException on an unknown version, truncated, trailing or malformed bytes
     */
    public static BatchEvaluation decode(byte[] bytes, ReferenceBundle reference, RecordBloomFilter approved) {
        BatchEvaluation.Snapshot snapshot = snapshot(bytes);
        try {
            return BatchEvaluation.restore(snapshot, reference, approved);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(WHAT + ": unreadable: " + e.getMessage(), e);
        }
    }

    /** Restores everything but the poisoning accumulator (which needs the reference): id, profile, bins. */
    public static BatchEvaluation decodeWithoutPoisoning(byte[] bytes) {
        return decode(bytes, null, null);
    }

    /** The id of the reference the saved evaluation runs against, or {@code null}. */
    public static String referenceId(byte[] bytes) {
        return snapshot(bytes).referenceId();
    }

    private static BatchEvaluation.Snapshot snapshot(byte[] bytes) {
        byte version =
                bytes != null && bytes.length > 0 && (bytes[0] == WITHOUT_MULTIVARIATE || bytes[0] == WITHOUT_VECTORS)
                        ? bytes[0]
                        : VERSION;
        StateReader in = new StateReader(bytes, WHAT, version);
        String cursor = in.readString();
        String referenceId = in.readString();
        long[] v = new long[7];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
        Map<String, Long> missingFeature = readCounts(in);
        Map<String, Long> outOfRange = readCounts(in);
        byte[] sha = in.required(in.readBytes(), "SHA-256 state");
        DatasetProfile profile = in.nested("profile", ProfileCodec::decodeDataset);
        FeatureBinsAccumulator bins = in.nested("feature bins", FeatureBinsAccumulator::decode);
        byte[] poisoning = in.readBytes();
        byte[] joint = version == WITHOUT_MULTIVARIATE ? null : in.readBytes();
        ProjectionSettings projections = ProjectionSettings.DEFAULTS;
        Map<String, Long> badVectors = Map.of();
        Map<String, String> firstBadVector = new TreeMap<>();
        if (version == VERSION) {
            long seed = in.readLong();
            int count = in.readInt();
            try {
                projections = new ProjectionSettings(seed, count);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(WHAT + ": " + e.getMessage(), e);
            }
            badVectors = readCounts(in);
            int n = in.readCount(MIN_COUNT_ENTRY_BYTES - Long.BYTES + Integer.BYTES);
            for (int i = 0; i < n; i++) {
                firstBadVector.put(
                        in.required(in.readString(), "feature name"), in.required(in.readString(), "reason"));
            }
        }
        in.end();
        return new BatchEvaluation.Snapshot(
                cursor,
                referenceId,
                v[0],
                v[1],
                v[2],
                v[3],
                v[4],
                v[5],
                v[6],
                missingFeature,
                outOfRange,
                sha,
                profile,
                bins,
                poisoning,
                joint == null ? null : MultivariateCodec.decodeWindow(joint),
                projections,
                badVectors,
                firstBadVector);
    }

    private static void writeCounts(StateWriter out, Map<String, Long> counts) {
        out.writeInt(counts.size());
        counts.forEach((feature, count) -> out.writeString(feature).writeLong(count));
    }

    private static Map<String, Long> readCounts(StateReader in) {
        int n = in.readCount(MIN_COUNT_ENTRY_BYTES);
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(in.required(in.readString(), "feature name"), in.readLong());
        }
        return counts;
    }
}
