package dev.lazaret.core.drift.codec;

/**
 * Layout of a task's watermark (its newest event time), version {@value #VERSION}:
 *
 * <pre>
 * byte version = 1
 * long watermark, epoch ms
 * </pre>
 */
public final class WatermarkCodec {
    public static final byte VERSION = 1;

    private WatermarkCodec() {}

    public static byte[] encode(long watermarkMs) {
        return Layout.encode(VERSION, out -> out.writeLong(watermarkMs));
    }

    /** Decodes a watermark; throws IllegalArgumentException if the bytes are not one. */
    public static long decode(byte[] bytes) {
        return Layout.decode("watermark", VERSION, bytes, in -> in.readLong());
    }
}
