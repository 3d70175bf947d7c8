package dev.lazaret.detectors.label;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one normal form of a class label, used wherever a label becomes a category: reference import, batch profiles,
 * the poisoning checks, prediction events and feedback. Numbers are compared as numbers, so {@code 1}, {@code 1.0},
 * {@code "1"} and {@code "1.0"} are the class {@code "1"}; a fractional number keeps its shortest decimal form
 * ({@code 0.5}); other text is kept as it is, including numeric-looking codes with leading zeros ({@code "007"}), which
 * are identifiers rather than numbers.
 */
public final class Labels {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private Labels() {}

    /** The label's category, or {@code null} for no label. */
    public static String category(Object label) {
        if (label == null) {
            return null;
        }
        if (label instanceof Number n) {
            return number(n.doubleValue());
        }
        String text = label.toString();
        if (PLAIN_NUMBER.matcher(text).matches()) {
            return number(Double.parseDouble(text));
        }
        return text;
    }

    private static String number(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
