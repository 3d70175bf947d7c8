package dev.lazaret.core.quarantine.integrity;

import dev.lazaret.core.contract.FeatureVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        for (int i = 0; i < s.length(); i++) {
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
