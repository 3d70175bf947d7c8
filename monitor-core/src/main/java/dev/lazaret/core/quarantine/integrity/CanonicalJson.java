package dev.lazaret.core.quarantine.integrity;

import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JSON Canonicalization Scheme) output of plain Java values: {@link Map} with string keys, {@link List},
 * {@link String}, {@link Number}, {@link Boolean}, {@code null} and a vector feature ({@link FeatureVector}, an array of
 * numbers).
 *
 * <p>Numbers are written by the reference implementation's ECMAScript Number-to-String ({@code
 * org.erdtman.jcs.NumberToJSON}), as IEEE-754 doubles; object members are sorted by their UTF-16 code units, which is
 * what {@link String#compareTo} compares; strings escape only what RFC 8785 requires. Writing values directly (instead
 * of canonicalising JSON text) keeps hashing a million records cheap; a test checks it against the library's own
 * canonicaliser.
 */
public final class CanonicalJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of {@code value}. */
    public static byte[] bytes(Object value) {
        return string(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of {@code value}. */
    public static String string(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(out, value);
        return out.toString();
    }

    /**
     * The canonical UTF-8 bytes of a training record's members, as {@link #bytes} writes the map of them ({@code
     * CanonicalFormsTest} compares the two), without the map: the members are written in their sorted order, and a
     * {@link FeatureMap}'s numbers without boxing or a lookup by name. {@code seq} is written as the map's {@code Long}
     * is, as a double.
     */
    static byte[] record(String batchId, String dataset, Map<String, Object> features, Object label, long seq) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"batch_id\":");
        writeString(out, batchId);
        out.append(",\"dataset\":");
        writeString(out, dataset);
        out.append(",\"features\":");
        if (features instanceof FeatureMap f) {
            writeFeatures(out, f);
        } else {
            write(out, features);
        }
        out.append(",\"label\":");
        write(out, label);
        out.append(",\"seq\":");
        writeNumber(out, (double) seq);
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A FeatureMap as {@link #write} writes a map: sorted by name, which it is already when it was read canonical. */
    private static void writeFeatures(StringBuilder out, FeatureMap features) {
        int size = features.size();
        Integer[] order = null;
        for (int i = 1; i < size && order == null; i++) {
            if (features.name(i - 1).compareTo(features.name(i)) > 0) {
                order = new Integer[size];
                Arrays.setAll(order, j -> j);
                Arrays.sort(order, (a, b) -> features.name(a).compareTo(features.name(b)));
            }
        }
        out.append('{');
        for (int k = 0; k < size; k++) {
            int i = order == null ? k : order[k];
            if (k > 0) {
                out.append(',');
            }
            writeString(out, features.name(i));
            out.append(':');
            if (features.isNumber(i)) {
                writeNumber(out, features.number(i));
            } else {
                write(out, features.value(i));
            }
        }
        out.append('}');
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue() ? "true" : "false");
        } else if (value instanceof Number n) {
            writeNumber(out, n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>(map.size());
            for (Object key : map.keySet()) {
                if (!(key instanceof String s)) {
                    throw new IllegalArgumentException("object keys must be strings, was " + key);
                }
                keys.add(s);
            }
            keys.sort(String::compareTo);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(out, keys.get(i));
                out.append(':');
                write(out, map.get(keys.get(i)));
            }
            out.append('}');
        } else if (value instanceof FeatureVector v) {
            out.append('[');
            for (int i = 0; i < v.dimension(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeNumber(out, v.values()[i]);
            }
            out.append(']');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "no canonical JSON form for " + value.getClass().getName());
        }
    }

    private static void writeNumber(StringBuilder out, double d) {
        if (Math.abs(d) < 0x1p53 && d == Math.rint(d)) {
            // an integer below 2^53 (or -0): its ECMAScript form is its digits, which NumberToJSON takes far longer
            // to find; the shortest digits that read back as it are all of them, since every integer there is a double
            out.append((long) d);
            return;
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            // RFC 8785 section 3.2.2.3: NaN and Infinity are not JSON
            throw new IllegalArgumentException("no canonical JSON form for " + d);
        }
        try {
            out.append(NumberToJSON.serializeNumber(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        if (plain == s.length()) {
            // nothing to escape, the common case: one copy instead of a switch per character
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
