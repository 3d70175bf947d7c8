package dev.lazaret.core.drift.codec;

import dev.lazaret.detectors.codec.MultivariateCodec;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Map;
import java.util.TreeMap;

/**
 * Layout of a {@link WindowState}, version {@value #VERSION}:
 *
 * <pre>
 * byte    version = 4
 * long    windowStartMs
 * long    events
 * long    numericValues
 * long    outliers
 * long    labelled
 * long    errors
 * boolean performanceChange
 * boolean scoreChange
 * int     n = number of model versions (at most {@value #MAX_VERSIONS})
 * n ×     { utf version, long count }
 * int     length, then that many bytes: inputs, {@link ProfileCodec#encode(DatasetProfile)}
 * int     length, then that many bytes: outputs, likewise
 * int     length (0: none), then that many bytes: the multivariate window, {@link MultivariateCodec}
 * int     n = number of vector features (at most {@value #MAX_EMBEDDINGS})
 * n ×     { utf feature, int length, then that many bytes: its projections, {@link ProfileCodec#encode(DatasetProfile)} }
 * </pre>
 *
 * <p>Versions 2 (without the multivariate window) and 3 (without the vector features) are still read, so open windows
 * survive an upgrade.
 *
 * <p>Its size depends on the number of features and their sketches, never on the number of events.
 */
public final class WindowStateCodec {
    /** Version 1 had the same fields without the trailing-byte check; its values are refused. */
    public static final byte VERSION = 4;

    private static final byte WITHOUT_MULTIVARIATE = 2;
    private static final byte WITHOUT_EMBEDDINGS = 3;
    /** Vector features a window may hold (bounded by the reference's, which the contract bounds). */
    public static final int MAX_EMBEDDINGS = 10_000;
    /** Model versions a window may hold (the accumulator folds more into one entry). */
    public static final int MAX_VERSIONS = 1024;

    private static final String NAME = "window state";

    private WindowStateCodec() {}

    public static byte[] encode(WindowState s) {
        return Layout.encode(VERSION, out -> {
            out.writeLong(s.windowStartMs());
            out.writeLong(s.events());
            out.writeLong(s.numericValues());
            out.writeLong(s.outliers());
            out.writeLong(s.labelled());
            out.writeLong(s.errors());
            out.writeBoolean(s.performanceChange());
            out.writeBoolean(s.scoreChange());
            out.writeInt(s.versions().size());
            for (Map.Entry<String, Long> e : s.versions().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            Layout.writeBytes(out, ProfileCodec.encode(s.inputs()));
            Layout.writeBytes(out, ProfileCodec.encode(s.outputs()));
            Layout.writeBytes(out, s.multivariate() == null ? new byte[0] : MultivariateCodec.encode(s.multivariate()));
            out.writeInt(s.embeddings().size());
            for (Map.Entry<String, DatasetProfile> e : s.embeddings().entrySet()) {
                out.writeUTF(e.getKey());
                Layout.writeBytes(out, ProfileCodec.encode(e.getValue()));
            }
        });
    }

    /** Decodes a window; throws IllegalArgumentException if the bytes are not one of this version. */
    public static WindowState decode(byte[] bytes) {
        byte first = bytes != null && bytes.length > 0 ? bytes[0] : VERSION;
        byte version = first == WITHOUT_MULTIVARIATE || first == WITHOUT_EMBEDDINGS ? first : VERSION;
        return Layout.decode(NAME, version, bytes, in -> {
            long start = in.readLong();
            long events = in.readLong();
            long numericValues = in.readLong();
            long outliers = in.readLong();
            long labelled = in.readLong();
            long errors = in.readLong();
            boolean performanceChange = in.readBoolean();
            boolean scoreChange = in.readBoolean();
            int versionCount = Layout.readCount(in, NAME, MAX_VERSIONS);
            Map<String, Long> versions = new TreeMap<>();
            for (int i = 0; i < versionCount; i++) {
                versions.put(in.readUTF(), in.readLong());
            }
            DatasetProfile inputs = ProfileCodec.decodeDataset(Layout.readBytes(in, NAME));
            DatasetProfile outputs = ProfileCodec.decodeDataset(Layout.readBytes(in, NAME));
            byte[] joint = version == WITHOUT_MULTIVARIATE ? new byte[0] : Layout.readBytes(in, NAME);
            Map<String, DatasetProfile> embeddings = new TreeMap<>();
            if (version == VERSION) {
                int n = Layout.readCount(in, NAME, MAX_EMBEDDINGS);
                for (int i = 0; i < n; i++) {
                    embeddings.put(in.readUTF(), ProfileCodec.decodeDataset(Layout.readBytes(in, NAME)));
                }
            }
            return new WindowState(
                    start,
                    events,
                    numericValues,
                    outliers,
                    labelled,
                    errors,
                    performanceChange,
                    scoreChange,
                    versions,
                    inputs,
                    outputs,
                    joint.length == 0 ? null : MultivariateCodec.decodeWindow(joint),
                    embeddings);
        });
    }
}
