package dev.lazaret.detectors.poisoning;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * Canonical content hashes of rows. The canonical form is order-independent (features in name order) and
 * type-aware: every {@link Number} is its {@code double} value (so {@code 1}, {@code 1L} and {@code 1.0} agree), with
 * {@code -0.0} folded into {@code 0.0} and one NaN.
 */
final class RowFingerprints {
    private static final long SEED = 0x4c617a617265744cL; // "LazaretL"; fixed so hashes are stable across versions

    private RowFingerprints() {}

    /** 128-bit MurmurHash3 of the row's canonical features, label and vector digest. */
    static long[] contentHash(LabeledRow row) {
        return canonicalBytes(row).hash(SEED);
    }

    /** The bytes {@link #contentHash} hashes. */
    static CanonicalBytes canonicalBytes(LabeledRow row) {
        CanonicalBytes out = new CanonicalBytes(256);
        for (Map.Entry<String, Object> e : row.features().entrySet()) {
            out.writeFeature(e.getKey(), e.getValue());
        }
        out.write('L');
        out.writeString(row.label());
        if (row.vectors() != null) {
            out.write('V');
            out.writeString(row.vectors());
        }
        return out;
    }

    /** A feature value as a short token, used as the key of frequent-item counts. */
    static String token(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number n) {
            return "n:" + canonical(n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return "b:" + b;
        }
        return "s:" + v;
    }

    /** Inverse of the prefix of {@link #token}, for evidence text. */
    static String describeToken(String token) {
        if (token.startsWith("s:")) {
            return "'" + token.substring(2) + "'";
        }
        return token.startsWith("n:") || token.startsWith("b:") ? token.substring(2) : token;
    }

    static double canonical(double d) {
        if (Double.isNaN(d)) {
            return Double.NaN;
        }
        return d == 0.0 ? 0.0 : d;
    }

    /**
     * A growing buffer of canonical bytes: each feature's name and exact value, as hash input. A plain array written
     * byte by byte, where a {@code ByteArrayOutputStream} took a lock and checked its capacity per byte; the bytes are
     * the same. Not thread-safe.
     */
    static final class CanonicalBytes {
        private byte[] buf;
        private int size;

        CanonicalBytes(int capacity) {
            buf = new byte[capacity];
        }

        /** Appends one feature's name and exact canonical value. */
        void writeFeature(String name, Object value) {
            writeString(name);
            writeValue(value);
        }

        int size() {
            return size;
        }

        /** A copy of the bytes written. */
        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        /** 128-bit MurmurHash3 of the bytes written (not defined for none: MurmurHash3 takes no empty input). */
        long[] hash(long seed) {
            return MurmurHash3.hash(buf, 0, size, seed);
        }

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        private void writeValue(Object v) {
            if (v == null) {
                write('0');
            } else if (v instanceof Number n) {
                write('N');
                writeLong(Double.doubleToLongBits(RowFingerprints.canonical(n.doubleValue())));
            } else if (v instanceof Boolean b) {
                write(b ? 'T' : 'F');
            } else {
                write('S');
                writeString((String) v);
            }
        }

        /** The UTF-8 bytes' length as 8 bytes, then the bytes; ASCII (every feature name so far) without a copy. */
        void writeString(String s) {
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (ascii) {
                writeLong(n);
                ensure(n);
                for (int i = 0; i < n; i++) {
                    buf[size++] = (byte) s.charAt(i);
                }
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                writeLong(b.length);
                ensure(b.length);
                System.arraycopy(b, 0, buf, size, b.length);
                size += b.length;
            }
        }

        private void writeLong(long v) {
            ensure(8);
            for (int i = 56; i >= 0; i -= 8) {
                buf[size++] = (byte) (v >>> i);
            }
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }
}
