package dev.lazaret.detectors.poisoning;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Reader matching {@link StateWriter}; every malformed input surfaces as {@link IllegalArgumentException}. */
final class StateReader {
    private final ByteBuffer in;
    private final String what;
    private final int version;

    private StateReader(byte[] bytes, String what) {
        this.in = ByteBuffer.wrap(bytes);
        this.what = what;
        this.version = bytes[0];
    }

    /**
     * Decodes {@code bytes} with {@code body}, after checking the leading version and kind bytes and, at the end, that
     * nothing is left over. Any parse failure becomes an {@link IllegalArgumentException} naming {@code what}.
     */
    static <T> T decode(byte[] bytes, String what, byte version, byte kind, Function<StateReader, T> body) {
        return decode(bytes, what, version, version, kind, body);
    }

    /**
     * As {@link #decode(byte[], String, byte, byte, Function)}, for a format that still reads its versions from
     * {@code oldest} to {@code version}: {@code body} asks {@link #version()} which one it reads.
     */
    static <T> T decode(
            byte[] bytes, String what, byte oldest, byte version, byte kind, Function<StateReader, T> body) {
        if (bytes == null || bytes.length < 2) {
            throw new IllegalArgumentException(String.format(
                    "Cannot decode %s: need at least 2 bytes, got %s", what, bytes == null ? "null" : bytes.length));
        }
        if (bytes[0] < oldest || bytes[0] > version) {
            throw new IllegalArgumentException(String.format(
                    "Cannot decode %s: unsupported format version %d (expected %s)",
                    what, bytes[0], oldest == version ? String.valueOf(version) : oldest + " to " + version));
        }
        if (bytes[1] != kind) {
            throw new IllegalArgumentException(String.format(
                    "Cannot decode %s: kind byte %d is not %d; these bytes encode something else",
                    what, bytes[1], kind));
        }
        StateReader reader = new StateReader(bytes, what);
        reader.in.position(2);
        T result;
        try {
            result = body.apply(reader);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(String.format("Cannot decode %s: truncated input", what), e);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Sketch heapify methods throw their own exception types on corrupt bytes.
            throw new IllegalArgumentException(
                    String.format("Cannot decode %s: corrupt content (%s)", what, e.getMessage()), e);
        }
        if (reader.in.hasRemaining()) {
            throw new IllegalArgumentException(String.format(
                    "Cannot decode %s: %d trailing bytes after the encoded state", what, reader.in.remaining()));
        }
        return result;
    }

    /** The format version of the bytes being read. */
    int version() {
        return version;
    }

    int remaining() {
        return in.remaining();
    }

    int readByte() {
        return in.get();
    }

    int readInt() {
        return in.getInt();
    }

    /** Reads a count and checks that it is non-negative and no larger than {@code max}. */
    int readCount(int max) {
        int n = in.getInt();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException(
                    String.format("Cannot decode %s: count %d is outside [0, %d]", what, n, max));
        }
        return n;
    }

    long readLong() {
        return in.getLong();
    }

    double readDouble() {
        return Double.longBitsToDouble(in.getLong());
    }

    String readString() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    byte[] readBytes() {
        int n = readCount(in.remaining());
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    IllegalArgumentException invalid(String format, Object... args) {
        return new IllegalArgumentException("Cannot decode " + what + ": " + String.format(format, args));
    }
}
