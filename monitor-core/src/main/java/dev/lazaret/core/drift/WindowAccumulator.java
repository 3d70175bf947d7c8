package dev.lazaret.core.drift;

import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one model's open window has accumulated: the input profile, the output (prediction and score) profile,
 * outlier counts, joined labels and the model versions seen. Its encoded size depends on the number of features and
 * their sketches, never on the number of events (see README, "Drift state").
 *
 * <p>Not thread-safe.
 */
final class WindowAccumulator implements WriteBackStore.Encodable {
    private static final byte FORMAT_VERSION = 1;
    private static final int MAX_VERSIONS = 16;
    private static final String OTHER_VERSIONS = "__other__";

    final long windowStartMs;
    final DatasetProfile inputs;
    final DatasetProfile outputs;
    final Map<String, Long> versions;
    long events;
    long numericValues;
    long outliers;
    long labelled;
    long errors;
    boolean performanceChange;
    boolean scoreChange;

    private WindowAccumulator(
            long windowStartMs, DatasetProfile inputs, DatasetProfile outputs, Map<String, Long> versions) {
        this.windowStartMs = windowStartMs;
        this.inputs = inputs;
        this.outputs = outputs;
        this.versions = versions;
    }

    static WindowAccumulator open(long windowStartMs) {
        DatasetProfile outputs = DatasetProfile.create()
                .declare(Reference.PREDICTION, FeatureKind.CATEGORICAL)
                .declare(Reference.SCORE, FeatureKind.NUMERIC);
        return new WindowAccumulator(windowStartMs, DatasetProfile.create(), outputs, new TreeMap<>());
    }

    void addVersion(String version) {
        String key = versions.containsKey(version) || versions.size() < MAX_VERSIONS ? version : OTHER_VERSIONS;
        versions.merge(key, 1L, Long::sum);
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(windowStartMs);
            out.writeLong(events);
            out.writeLong(numericValues);
            out.writeLong(outliers);
            out.writeLong(labelled);
            out.writeLong(errors);
            out.writeBoolean(performanceChange);
            out.writeBoolean(scoreChange);
            out.writeInt(versions.size());
            for (Map.Entry<String, Long> e : versions.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            writeBytes(out, ProfileCodec.encode(inputs));
            writeBytes(out, ProfileCodec.encode(outputs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static WindowAccumulator decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown window state version " + version);
            }
            long start = in.readLong();
            long events = in.readLong();
            long numericValues = in.readLong();
            long outliers = in.readLong();
            long labelled = in.readLong();
            long errors = in.readLong();
            boolean performanceChange = in.readBoolean();
            boolean scoreChange = in.readBoolean();
            int versionCount = in.readInt();
            Map<String, Long> versions = new TreeMap<>();
            for (int i = 0; i < versionCount; i++) {
                versions.put(in.readUTF(), in.readLong());
            }
            DatasetProfile inputs = ProfileCodec.decodeDataset(readBytes(in));
            DatasetProfile outputs = ProfileCodec.decodeDataset(readBytes(in));
            WindowAccumulator acc = new WindowAccumulator(start, inputs, outputs, versions);
            acc.events = events;
            acc.numericValues = numericValues;
            acc.outliers = outliers;
            acc.labelled = labelled;
            acc.errors = errors;
            acc.performanceChange = performanceChange;
            acc.scoreChange = scoreChange;
            return acc;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated window state", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }
}
