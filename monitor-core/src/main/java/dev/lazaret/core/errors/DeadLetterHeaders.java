package dev.lazaret.core.errors;

import dev.lazaret.core.parse.RejectReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a dead-letter record carries. The value and key are the original bytes, untouched, so a fixed record
 * can be replayed to its source topic as it is.
 */
public final class DeadLetterHeaders {
    /** Reason code, one of {@link RejectReason}. */
    public static final String REASON = "lazaret.dlq.reason";
    /** What exactly was wrong, for a person. */
    public static final String DETAIL = "lazaret.dlq.detail";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "lazaret.dlq.source.topic";
    /** Partition the record was read from. */
    public static final String SOURCE_PARTITION = "lazaret.dlq.source.partition";
    /** Offset the record was read from. */
    public static final String SOURCE_OFFSET = "lazaret.dlq.source.offset";

    /**
     * On a valid operator decision inside the topology only (never written out): its original bytes, so that a
     * decision the quarantine step dead-letters later keeps them as the parse step's dead letters do.
     */
    public static final String SOURCE_VALUE = "lazaret.source.value";
    /** Larger decisions are re-encoded if dead-lettered: a header that big would travel with every one of them. */
    public static final int MAX_SOURCE_VALUE_BYTES = 16 * 1024;

    private static final int MAX_DETAIL_CHARS = 1_000;

    private DeadLetterHeaders() {}

    public static void add(
            Headers headers, RejectReason reason, String detail, String topic, int partition, long offset) {
        put(headers, REASON, reason.name());
        put(headers, DETAIL, detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail);
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
