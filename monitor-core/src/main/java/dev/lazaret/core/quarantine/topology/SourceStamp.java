package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.quarantine.batch.BatchInput;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Writes where an input was read from (topic, partition, offset) into its headers before it crosses the quarantine's
 * repartition topics, which keep headers but not the source: a dead letter of an operator decision names the input
 * topic, not a repartition topic.
 */
final class SourceStamp extends ContextualFixedKeyProcessor<String, BatchInput, BatchInput> {
    static final String TOPIC = "lazaret.quarantine.source.topic";
    static final String PARTITION = "lazaret.quarantine.source.partition";
    static final String OFFSET = "lazaret.quarantine.source.offset";

    /** Where an input came from, as stamped; partition and offset -1 when unknown. */
    record Source(String topic, int partition, long offset) {
        static Source of(Headers headers, String fallbackTopic) {
            String topic = text(headers, TOPIC);
            String partition = text(headers, PARTITION);
            String offset = text(headers, OFFSET);
            return new Source(
                    topic == null ? fallbackTopic : topic,
                    partition == null ? -1 : Integer.parseInt(partition),
                    offset == null ? -1L : Long.parseLong(offset));
        }
    }

    @Override
    public void process(FixedKeyRecord<String, BatchInput> record) {
        RecordMetadata source = context().recordMetadata().orElse(null);
        if (source != null) {
            Headers headers = record.headers();
            put(headers, TOPIC, source.topic());
            put(headers, PARTITION, Integer.toString(source.partition()));
            put(headers, OFFSET, Long.toString(source.offset()));
        }
        context().forward(record);
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
