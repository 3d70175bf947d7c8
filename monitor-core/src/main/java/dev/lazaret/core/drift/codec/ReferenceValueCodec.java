package dev.lazaret.core.drift.codec;

/**
 * Layout of a value of the global reference store, version {@value #VERSION}: the reference id and the profile bytes
 * as published, so a lookup needs no header.
 *
 * <pre>
 * byte version = 1
 * int  length, then that many bytes: the reference id, UTF-8
 * int  length, then that many bytes: the profile, {@link dev.lazaret.detectors.codec.ProfileCodec} as published
 * </pre>
 */
public final class ReferenceValueCodec {
    public static final byte VERSION = 1;
    private static final String NAME = "reference store value";

    /**
     * A stored reference.
     *
     * @param id the {@code lazaret.reference.id} header, or empty
     * @param profile the published profile bytes
     */
    public record Value(String id, byte[] profile) {}

    private ReferenceValueCodec() {}

    public static byte[] encode(String id, byte[] profile) {
        return Layout.encode(VERSION, out -> {
            Layout.writeBytes(out, id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Layout.writeBytes(out, profile);
        });
    }

    /** Decodes a stored reference; throws IllegalArgumentException if the bytes are not one. */
    public static Value decode(byte[] bytes) {
        return Layout.decode(
                NAME,
                VERSION,
                bytes,
                in -> new Value(
                        new String(Layout.readBytes(in, NAME), java.nio.charset.StandardCharsets.UTF_8),
                        Layout.readBytes(in, NAME)));
    }
}
