package dev.lazaret.core.drift;

/**
 * Keys of the windows store: model, NUL, start as 16 hex digits, so keys sort by model, then start (fixed-width hex
 * keeps the order numeric for non-negative times).
 */
final class WindowKeys {
    /** The key of the task's watermark in the same store; no window key equals it. */
    static final String WATERMARK = "__watermark__";

    private WindowKeys() {}

    static String of(String model, long start) {
        // by hand rather than String.format("%016x"): this runs twice per event, and the formatter showed in profiles
        String hex = Long.toHexString(start);
        return model + '\u0000' + "0".repeat(16 - hex.length()) + hex;
    }

    static String modelOf(String key) {
        return key.substring(0, key.lastIndexOf('\u0000'));
    }

    static long startOf(String key) {
        return Long.parseUnsignedLong(key.substring(key.lastIndexOf('\u0000') + 1), 16);
    }

    /** Orders window keys by start, then model: windows close in event-time order. */
    static int byWindowThenModel(String a, String b) {
        int byStart = Long.compare(startOf(a), startOf(b));
        return byStart != 0 ? byStart : a.compareTo(b);
    }
}
