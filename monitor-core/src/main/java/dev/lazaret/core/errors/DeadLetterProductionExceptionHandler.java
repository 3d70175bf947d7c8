package dev.lazaret.core.errors;

import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.RejectReason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net for outputs: when an output a record caused cannot be written for a reason retrying will not fix
 * (larger than the broker accepts, cannot be serialised), the source record's original bytes go to the dead-letter
 * topic with reason {@link RejectReason#PRODUCTION_ERROR} and processing goes on. Without it the stream thread fails,
 * is replaced, reads the same record again and fails again, and no later record on that task is processed.
 *
 * <p>Retriable errors are retried, as Kafka Streams' default handler does. A dead letter that cannot be written
 * either is dropped with an error log, so that the dead-letter path itself cannot start a loop.
 *
 * <p>Configured by class name; shares its settings with {@link DeadLetterProcessingExceptionHandler}.
 */
public final class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);

    private String deadLetterTopic;
    private InputMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = (String) configs.get(DeadLetterProcessingExceptionHandler.DEAD_LETTER_TOPIC_CONFIG);
        metrics = (InputMetrics) configs.get(DeadLetterProcessingExceptionHandler.METRICS_CONFIG);
        if (deadLetterTopic == null || metrics == null) {
            throw new IllegalStateException(DeadLetterProcessingExceptionHandler.DEAD_LETTER_TOPIC_CONFIG + " and "
                    + DeadLetterProcessingExceptionHandler.METRICS_CONFIG
                    + " must be set in the Streams configuration");
        }
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String outputTopic, Exception exception) {
        if (deadLetterTopic.equals(outputTopic)) {
            LOG.error(
                    "a dead letter for {}-{}@{} could not be written to {} either; dropped",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    deadLetterTopic,
                    exception);
            return Response.resume();
        }
        LOG.warn(
                "writing to {} failed for the record at {}-{}@{} ({}); record sent to {}",
                outputTopic,
                context.topic(),
                context.partition(),
                context.offset(),
                exception.toString(),
                deadLetterTopic);
        Headers headers = KafkaHeaders.copyOf(context.headers());
        DeadLetterHeaders.add(
                headers,
                RejectReason.PRODUCTION_ERROR,
                "writing to " + outputTopic + " failed: " + exception.getClass().getSimpleName() + ": "
                        + exception.getMessage(),
                context.topic() == null ? "unknown" : context.topic(),
                context.partition(),
                context.offset());
        metrics.recordDeadLetter(context.topic() == null ? "unknown" : context.topic(), RejectReason.PRODUCTION_ERROR);
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(
                deadLetterTopic, null, context.timestamp(), context.sourceRawKey(), context.sourceRawValue(), headers);
        return Response.resume(List.of(deadLetter));
    }
}
