package dev.lazaret.core.internal;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one door to Kafka's {@code RecordHeaders}, which lives in a package Kafka calls internal: if a Kafka upgrade
 * moves or changes it, this class is the only place to fix.
 */
public final class KafkaHeaders {
    private KafkaHeaders() {}

    /** Fresh, mutable, empty headers. */
    public static Headers empty() {
        return new RecordHeaders();
    }

    /** A mutable copy of {@code source}, so adding headers never changes the record they came from. */
    public static Headers copyOf(Headers source) {
        return new RecordHeaders(source.toArray());
    }
}
