package dev.lazaret.core.drift.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The version byte, truncation and trailing-byte rules every drift layout shares. */
final class Layout {
    private Layout() {}

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static byte[] encode(byte version, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes {@code bytes} written by {@link #encode}.
     *
     * @param name the layout, for messages
     * @throws IllegalArgumentException if the version differs, the value is truncated or bytes are left over
     */
    static <T> T decode(String name, byte version, byte[] bytes, Reader<T> reader) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException(name + ": empty value");
        }
        if (bytes[0] != version) {
            throw new IllegalArgumentException(
                    String.format("%s: unknown format version %d (expected %d)", name, bytes[0], version));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(
                        String.format("%s: %d trailing bytes after the value", name, in.available()));
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": truncated value", e);
        }
    }

    /** Reads the value of one of several versions; the reader is told which. */
    interface VersionedReader<T> {
        T read(byte version, DataInputStream in) throws IOException;
    }

    /**
     * Decodes {@code bytes} written by {@link #encode} under any version from {@code oldest} to {@code newest}, so a
     * layout can grow without stranding the state an older release wrote.
     *
     * @throws IllegalArgumentException if the version is outside the range, the value is truncated or bytes are left
     */
    static <T> T decode(String name, byte oldest, byte newest, byte[] bytes, VersionedReader<T> reader) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException(name + ": empty value");
        }
        byte version = bytes[0];
        if (version < oldest || version > newest) {
            throw new IllegalArgumentException(
                    String.format("%s: unknown format version %d (expected %d to %d)", name, version, oldest, newest));
        }
        return decode(name, version, bytes, in -> reader.read(version, in));
    }

    static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    static byte[] readBytes(DataInputStream in, String name) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IllegalArgumentException(
                    String.format("%s: length %d exceeds the %d bytes left", name, length, in.available()));
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }

    static int readCount(DataInputStream in, String name, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException(String.format("%s: count %d outside [0, %d]", name, n, max));
        }
        return n;
    }
}
