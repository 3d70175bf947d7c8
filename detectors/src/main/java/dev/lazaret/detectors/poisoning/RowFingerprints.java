package dev.lazaret.detectors.poisoning;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (Map.Entry<String, Object> e : row.features().entrySet()) {
            writeString(out, e.getKey());
            writeValue(out, e.getValue());
        }
        out.write('L');
        writeString(out, row.label());
        if (row.vectors() != null) {
            out.write('V');
            writeString(out, row.vectors());
        }
        return MurmurHash3.hash(out.toByteArray(), SEED);
    }

    /** Appends one feature's name and exact canonical value to a hash input. */
    static void writeFeature(ByteArrayOutputStream out, String name, Object value) {
        writeString(out, name);
        writeValue(out, value);
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

    private static void writeValue(ByteArrayOutputStream out, Object v) {
        if (v == null) {
            out.write('0');
        } else if (v instanceof Number n) {
            out.write('N');
            writeLong(out, Double.doubleToLongBits(canonical(n.doubleValue())));
        } else if (v instanceof Boolean b) {
            out.write(b ? 'T' : 'F');
        } else {
            out.write('S');
            writeString(out, (String) v);
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeLong(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int i = 56; i >= 0; i -= 8) {
            out.write((int) (v >>> i));
        }
    }
}
