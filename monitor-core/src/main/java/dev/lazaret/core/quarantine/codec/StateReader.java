package dev.lazaret.core.quarantine.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads what {@link StateWriter} wrote, checking every length against the bytes left, so truncated or garbage input
 * fails with an {@link IllegalArgumentException} naming the value rather than an index or allocation error.
 */
final class StateReader {
    private final String what;
    private final ByteBuffer in;
    private final byte version;

    /**
     * Checks the version byte.
     *
     * @param what the value being read, for messages ("batch state")
     */
    StateReader(byte[] bytes, String what, byte version) {
        this(bytes, what, version, version);
    }

    /** Accepts any version from {@code oldest} to {@code newest}; {@link #version()} says which was found. */
    StateReader(byte[] bytes, String what, byte oldest, byte newest) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException(what + ": no bytes");
        }
        this.what = what;
        this.in = ByteBuffer.wrap(bytes);
        this.version = in.get();
        if (version < oldest || version > newest) {
            String reads = oldest == newest ? "version " + newest : "versions " + oldest + " to " + newest;
            throw new IllegalArgumentException(
                    what + ": unknown format version " + version + " (this build reads " + reads + ")");
        }
    }

    /** The format version the bytes start with. */
    byte version() {
        return version;
    }

    byte readByte() {
        need(1);
        return in.get();
    }

    int readInt() {
        need(4);
        return in.getInt();
    }

    long readLong() {
        need(8);
        return in.getLong();
    }

    byte[] readBytes() {
        int n = readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0) {
            throw new IllegalArgumentException(what + ": negative length " + n + " at byte " + (in.position() - 4));
        }
        need(n);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    String readString() {
        byte[] b = readBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A count of entries that follow, each at least {@code minEntryBytes} long. */
    int readCount(int minEntryBytes) {
        int n = readInt();
        if (n < 0 || (long) n * minEntryBytes > in.remaining()) {
            throw new IllegalArgumentException(
                    what + ": count " + n + " does not fit the " + in.remaining() + " bytes left");
        }
        return n;
    }

    /** Refuses bytes left over: they mean the layout was not the one read. */
    void end() {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(what + ": " + in.remaining() + " unexpected trailing bytes");
        }
    }

    /** Reads length-prefixed bytes and decodes them as a nested value, reporting its failure as this value's. */
    <T> T nested(String field, Function<byte[], T> decoder) {
        return nested(required(readBytes(), field), field, decoder);
    }

    /** Decodes bytes already read as a nested value, reporting its failure as this value's. */
    <T> T nested(byte[] bytes, String field, Function<byte[], T> decoder) {
        try {
            return decoder.apply(bytes);
        } catch (RuntimeException e) {
            throw invalid(field + " unreadable: " + e.getMessage());
        }
    }

    <T> T required(T value, String field) {
        if (value == null) {
            throw invalid(field + " missing");
        }
        return value;
    }

    /** A value that decoded but makes no sense. */
    IllegalArgumentException invalid(String detail) {
        return new IllegalArgumentException(what + ": " + detail);
    }

    private void need(int n) {
        if (in.remaining() < n) {
            throw new IllegalArgumentException(what + ": truncated at byte " + in.position() + " (" + n
                    + " more needed, " + in.remaining() + " left)");
        }
    }
}
