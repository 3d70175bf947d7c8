package dev.lazaret.detectors.sequential;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Reads the fields written by {@link StateWriter}, turning truncation and bad values into IllegalArgumentException. */
final class StateReader {
    private final ByteBuffer buffer;

    StateReader(byte[] bytes, int offset) {
        this.buffer = ByteBuffer.wrap(bytes);
        buffer.position(offset);
    }

    byte readByte() {
        try {
            return buffer.get();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    boolean readBoolean() {
        byte b = readByte();
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException(String.format("Corrupt change detector state: boolean byte %d", b));
        }
        return b == 1;
    }

    int readInt() {
        try {
            return buffer.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    int readNonNegativeInt(String what) {
        int value = readInt();
        if (value < 0) {
            throw new IllegalArgumentException(
                    String.format("Corrupt change detector state: %s is negative (%d)", what, value));
        }
        return value;
    }

    long readLong() {
        try {
            return buffer.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    long readNonNegativeLong(String what) {
        long value = readLong();
        if (value < 0) {
            throw new IllegalArgumentException(
                    String.format("Corrupt change detector state: %s is negative (%d)", what, value));
        }
        return value;
    }

    double readDouble() {
        try {
            return buffer.getDouble();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    DetectorState readState() {
        byte ordinal = readByte();
        DetectorState[] states = DetectorState.values();
        if (ordinal < 0 || ordinal >= states.length) {
            throw new IllegalArgumentException(String.format("Corrupt change detector state: state byte %d", ordinal));
        }
        return states[ordinal];
    }

    /** Fails unless every byte was consumed, so that a concatenation or a wrong type cannot pass silently. */
    void expectEnd() {
        if (buffer.hasRemaining()) {
            throw new IllegalArgumentException(
                    String.format("Corrupt change detector state: %d unexpected trailing bytes", buffer.remaining()));
        }
    }

    private static IllegalArgumentException truncated() {
        return new IllegalArgumentException("Corrupt change detector state: input is truncated");
    }
}
