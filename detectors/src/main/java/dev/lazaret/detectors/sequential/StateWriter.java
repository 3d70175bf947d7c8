package dev.lazaret.detectors.sequential;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes the encoded form: format-version byte, detector-type byte, then big-endian fields. */
final class StateWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    StateWriter(DetectorType type) {
        writeByte(ChangeDetectors.FORMAT_VERSION);
        writeByte(type.code());
    }

    StateWriter writeByte(byte value) {
        try {
            out.writeByte(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    StateWriter writeBoolean(boolean value) {
        return writeByte((byte) (value ? 1 : 0));
    }

    StateWriter writeInt(int value) {
        try {
            out.writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    StateWriter writeLong(long value) {
        try {
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    StateWriter writeDouble(double value) {
        try {
            out.writeDouble(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    StateWriter writeState(DetectorState state) {
        return writeByte((byte) state.ordinal());
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
