package dev.lazaret.core.errors;

import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.RejectReason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the explicit parse step: if processing a record throws anyway, the record's original bytes
 * go to the dead-letter topic with reason {@link RejectReason#PROCESSING_ERROR}, a counter rises, and processing goes
 * on. One bad record never stops the application.
 *
 * <p>Configured by class name, as Kafka Streams requires; its collaborators arrive through {@link #configure}.
 */
public final class DeadLetterProcessingExceptionHandler implements ProcessingExceptionHandler {
    /** Config entry holding the dead-letter topic name. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "lazaret.dead.letter.topic";
    /** Config entry holding the {@link InputMetrics} instance. */
    public static final String METRICS_CONFIG = "lazaret.input.metrics";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingExceptionHandler.class);

    private String deadLetterTopic;
    private InputMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = (String) configs.get(DEAD_LETTER_TOPIC_CONFIG);
        metrics = (InputMetrics) configs.get(METRICS_CONFIG);
        if (deadLetterTopic == null || metrics == null) {
            throw new IllegalStateException(
                    DEAD_LETTER_TOPIC_CONFIG + " and " + METRICS_CONFIG + " must be set in the Streams configuration");
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn(
                "processing failed at {}-{}@{} in {}; record sent to {}",
                context.topic(),
                context.partition(),
                context.offset(),
                context.processorNodeId(),
                deadLetterTopic,
                exception);
        Headers headers = KafkaHeaders.copyOf(context.headers());
        DeadLetterHeaders.add(
                headers,
                RejectReason.PROCESSING_ERROR,
                exception.getClass().getSimpleName() + ": " + exception.getMessage(),
                context.topic(),
                context.partition(),
                context.offset());
        metrics.recordDeadLetter(context.topic() == null ? "unknown" : context.topic(), RejectReason.PROCESSING_ERROR);
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(
                deadLetterTopic, null, context.timestamp(), context.sourceRawKey(), context.sourceRawValue(), headers);
        return Response.resume(List.of(deadLetter));
    }
}
