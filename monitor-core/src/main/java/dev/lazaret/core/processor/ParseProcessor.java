package dev.lazaret.core.processor;

import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.InputParser;
import dev.lazaret.core.parse.Parsed;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses one input topic. Valid records go on as {@link Parsed.Valid}; invalid ones go on as {@link Parsed.Invalid}
 * with the dead-letter headers already attached (reason, source topic, partition, offset), so the branch that
 * writes them only has to restore the original bytes.
 *
 * @param <T> the record type of the topic
 */
public final class ParseProcessor<T> extends ContextualProcessor<String, byte[], String, ParseProcessor.Outcome<T>> {

    /**
     * What leaves the processor: the parse result and the original value, which a dead letter keeps verbatim.
     */
    public record Outcome<T>(Parsed<T> parsed, byte[] rawValue) {}

    private final String topicLabel;
    private final InputParser<T> parser;
    private final InputMetrics metrics;

    private final boolean keepSourceValue;

    public ParseProcessor(String topicLabel, InputParser<T> parser, InputMetrics metrics) {
        this(topicLabel, parser, metrics, false);
    }

    /**
     * @param keepSourceValue whether a valid record carries its original bytes on in header
     *     {@link DeadLetterHeaders#SOURCE_VALUE}, for a later step that may still dead-letter it
     */
    public ParseProcessor(String topicLabel, InputParser<T> parser, InputMetrics metrics, boolean keepSourceValue) {
        this.topicLabel = topicLabel;
        this.parser = parser;
        this.metrics = metrics;
        this.keepSourceValue = keepSourceValue;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Parsed<T> parsed = parser.parse(record.key(), record.value());
        if (parsed instanceof Parsed.Invalid<T> invalid) {
            RecordMetadata source = context().recordMetadata().orElse(null);
            DeadLetterHeaders.add(
                    record.headers(),
                    invalid.reason(),
                    invalid.detail(),
                    source == null ? "unknown" : source.topic(),
                    source == null ? -1 : source.partition(),
                    source == null ? -1L : source.offset());
            metrics.recordDeadLetter(topicLabel, invalid.reason());
        } else {
            metrics.recordValid(topicLabel);
            if (keepSourceValue && record.value().length <= DeadLetterHeaders.MAX_SOURCE_VALUE_BYTES) {
                record.headers().remove(DeadLetterHeaders.SOURCE_VALUE);
                record.headers().add(DeadLetterHeaders.SOURCE_VALUE, record.value());
            }
        }
        context().forward(record.withValue(new Outcome<>(parsed, record.value())));
    }
}
