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
 * byte    version = 3
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
 * </pre>
 *
 * <p>Version 2 (the same without the multivariate window) is still read, so open windows survive an upgrade.
 *
 * <p>Its size depends on the number of features and their sketches, never on the number of events.
 */
public final class WindowStateCodec {
    /** Version 1 had the same fields without the trailing-byte check; its values are refused. */
    public static final byte VERSION = 3;

    private static final byte WITHOUT_MULTIVARIATE = 2;
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
        });
    }

    /** Decodes a window; throws IllegalArgumentException if the bytes are not one of this version. */
    public static WindowState decode(byte[] bytes) {
        byte version =
                bytes != null && bytes.length > 0 && bytes[0] == WITHOUT_MULTIVARIATE ? WITHOUT_MULTIVARIATE : VERSION;
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
                    joint.length == 0 ? null : MultivariateCodec.decodeWindow(joint));
        });
    }
}
