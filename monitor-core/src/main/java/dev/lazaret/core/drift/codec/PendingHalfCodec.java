package dev.lazaret.core.drift.codec;

import dev.lazaret.detectors.performance.MulticlassScores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Layout of a {@link PendingHalf}, version {@value #VERSION}:
 *
 * <pre>
 * byte    version = 3
 * long    timestampMs
 * boolean present (0: the value is null)
 * int     length, then that many UTF-8 bytes of the value (only when present)
 * double  score of the positive class (NaN: none)
 * byte    class scores (at most {@value MulticlassScores#MAX_CLASSES}), then each as a double
 * </pre>
 *
 * <p>Version 2 added the score (performance estimation calibrates on joined scores and labels), version 3 the class
 * scores (a multiclass classifier calibrates one class against the rest); versions 2 and 3 decode.
 */
public final class PendingHalfCodec {
    public static final byte VERSION = 3;
    private static final String NAME = "pending join entry";

    private PendingHalfCodec() {}

    public static byte[] encode(PendingHalf half) {
        return Layout.encode(VERSION, out -> {
            out.writeLong(half.timestampMs());
            out.writeBoolean(half.value() != null);
            if (half.value() != null) {
                Layout.writeBytes(out, half.value().getBytes(StandardCharsets.UTF_8));
            }
            out.writeDouble(half.score());
            out.writeByte(half.classScores().size());
            for (double s : half.classScores()) {
                out.writeDouble(s);
            }
        });
    }

    /** Decodes an entry; throws IllegalArgumentException if the bytes are not one. */
    public static PendingHalf decode(byte[] bytes) {
        return Layout.decode(NAME, (byte) 2, VERSION, bytes, (version, in) -> {
            long ts = in.readLong();
            String value = in.readBoolean() ? new String(Layout.readBytes(in, NAME), StandardCharsets.UTF_8) : null;
            double score = in.readDouble();
            if (version == 2) {
                return new PendingHalf(ts, value, score);
            }
            int n = in.readByte();
            if (n < 0 || n > MulticlassScores.MAX_CLASSES) {
                throw new IllegalArgumentException(
                        NAME + ": " + n + " class scores, at most " + MulticlassScores.MAX_CLASSES);
            }
            List<Double> classScores = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                classScores.add(in.readDouble());
            }
            return new PendingHalf(ts, value, score, classScores);
        });
    }
}
