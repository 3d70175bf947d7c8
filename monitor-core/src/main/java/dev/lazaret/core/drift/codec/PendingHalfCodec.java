package dev.lazaret.core.drift.codec;

import java.nio.charset.StandardCharsets;

/**
 * Layout of a {@link PendingHalf}, version {@value #VERSION}:
 *
 * <pre>
 * byte    version = 2
 * long    timestampMs
 * boolean present (0: the value is null)
 * int     length, then that many UTF-8 bytes of the value (only when present)
 * double  score of the positive class (NaN: none)
 * </pre>
 *
 * <p>Version 2 added the score (performance estimation calibrates on joined scores and labels).
 */
public final class PendingHalfCodec {
    public static final byte VERSION = 2;
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
        });
    }

    /** Decodes an entry; throws IllegalArgumentException if the bytes are not one. */
    public static PendingHalf decode(byte[] bytes) {
        return Layout.decode(NAME, VERSION, bytes, in -> {
            long ts = in.readLong();
            String value = in.readBoolean() ? new String(Layout.readBytes(in, NAME), StandardCharsets.UTF_8) : null;
            return new PendingHalf(ts, value, in.readDouble());
        });
    }
}
