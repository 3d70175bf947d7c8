package dev.lazaret.core.quarantine.batch;

/**
 * Keys of the records store: {@code batchId NUL seq} with seq zero-padded to 20 digits, so a range scan over {@code
 * [batchId NUL, batchId SOH)} returns one batch's records in seq order; a repeated seq is kept under {@code batchId NUL
 * seq NUL n}, right after the first copy.
 */
final class RecordKeys {
    private static final char SEP = '\u0000';

    private RecordKeys() {}

    static String record(String batchId, long seq) {
        return batchId + SEP + String.format("%020d", seq);
    }

    static String duplicate(String batchId, long seq, long n) {
        return record(batchId, seq) + SEP + String.format("%06d", n);
    }

    static String first(String batchId) {
        return batchId + SEP;
    }

    static String last(String batchId) {
        return batchId + '\u0001';
    }

    /** The smallest key after {@code key}. */
    static String after(String key) {
        return key + SEP;
    }

    static boolean isDuplicate(String key, String batchId) {
        return key.length() > batchId.length() + 21;
    }

    static long seq(String key, String batchId) {
        return Long.parseLong(key.substring(batchId.length() + 1, batchId.length() + 21));
    }
}
