package dev.lazaret.core.quarantine.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the primitives every quarantine layout is made of, big-endian: a byte, an 8-byte long, and length-prefixed
 * bytes (a 4-byte length, {@code -1} for {@code null}, then the bytes; strings as UTF-8).
 */
final class StateWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    StateWriter(byte version) {
        out.write(version);
    }

    StateWriter writeByte(int b) {
        out.write(b);
        return this;
    }

    StateWriter writeInt(int v) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(v >>> shift);
        }
        return this;
    }

    StateWriter writeLong(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    StateWriter writeBytes(byte[] bytes) {
        writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes, 0, bytes.length);
        }
        return this;
    }

    StateWriter writeString(String s) {
        return writeBytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
