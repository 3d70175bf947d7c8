package dev.lazaret.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The time from a batch's last record to its verdict. Where the verdict says when its last record was stored (field
 * {@code last_record_ms}, epoch milliseconds, 0 when there was none) that is the start; a verdict without it (a
 * monitor from before the field) falls back to when the bench's producer had the last record acknowledged, a little
 * earlier than it was stored. Each sample says which it is, so the report can name it.
 */
final class LastRecordLatency {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a sample's start came from. */
    enum Source {
        /** The verdict's {@code last_record_ms}. */
        STORED,
        /** The producer's acknowledgement of the last record. */
        ACKNOWLEDGED
    }

    /** One batch's last record to verdict, in milliseconds. */
    record Sample(long ms, Source source) {}

    private LastRecordLatency() {}

    /**
     * @param verdictJson the verdict's value on {@code training.verdicts}
     * @param verdictAtMs when the bench read the verdict
     * @param lastAckedAtMs when the producer had the batch's last record acknowledged
     */
    static Sample of(byte[] verdictJson, long verdictAtMs, long lastAckedAtMs) {
        long stored = lastRecordMs(verdictJson);
        return stored > 0
                ? new Sample(verdictAtMs - stored, Source.STORED)
                : new Sample(verdictAtMs - lastAckedAtMs, Source.ACKNOWLEDGED);
    }

    /** The verdict's {@code last_record_ms}, or 0 when absent, not a positive integer, or the value is not JSON. */
    static long lastRecordMs(byte[] verdictJson) {
        try {
            JsonNode field = JSON.readTree(verdictJson).get("last_record_ms");
            return field != null && field.canConvertToLong() && field.isIntegralNumber()
                    ? Math.max(0, field.longValue())
                    : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
