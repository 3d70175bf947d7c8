package dev.lazaret.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.metrics.InputMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterProductionExceptionHandlerTest {
    private static final String DLQ = "lazaret.dead-letter";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();

    DeadLetterProductionExceptionHandlerTest() {
        handler.configure(Map.of(
                DeadLetterProcessingExceptionHandler.DEAD_LETTER_TOPIC_CONFIG,
                DLQ,
                DeadLetterProcessingExceptionHandler.METRICS_CONFIG,
                new InputMetrics(registry)));
    }

    /** The source record the failed output came from. */
    record Source(String topic, int partition, long offset, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {
        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "quarantine";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 42L;
        }
    }

    private static final Source SOURCE = new Source(
            "lazaret.training.manifests",
            1,
            7L,
            "b1".getBytes(StandardCharsets.UTF_8),
            "{\"batch_id\":\"b1\"}".getBytes(StandardCharsets.UTF_8));

    private static ProducerRecord<byte[], byte[]> output(String topic) {
        return new ProducerRecord<>(topic, new byte[] {1}, new byte[] {2});
    }

    @Test
    void shouldSendTheSourceRecordToTheDeadLetterTopicWhenAnOutputIsTooLarge() {
        ProductionExceptionHandler.Response response = handler.handleError(
                SOURCE, output("lazaret.training.verdicts"), new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo(DLQ);
        assertThat(dead.key()).isEqualTo(SOURCE.sourceRawKey());
        assertThat(dead.value()).isEqualTo(SOURCE.sourceRawValue());
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("PRODUCTION_ERROR");
        assertThat(header(dead, DeadLetterHeaders.DETAIL))
                .contains("lazaret.training.verdicts")
                .contains("RecordTooLargeException");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("7");
        assertThat(registry.get(InputMetrics.DEAD_LETTERS)
                        .tags("topic", "lazaret.training.manifests", "reason", "production_error")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterASerializationErrorAndRetryARetriableOne() {
        ProductionExceptionHandler.Response serialization = handler.handleSerializationError(
                SOURCE,
                output("lazaret.alerts"),
                new SerializationException("cannot write"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(serialization.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(serialization.deadLetterQueueRecords()).hasSize(1);

        ProductionExceptionHandler.Response retriable = handler.handleError(
                SOURCE, output("lazaret.training.verdicts"), new NotEnoughReplicasException("later"));
        assertThat(retriable.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    @Test
    void shouldDropADeadLetterThatCannotBeWrittenSoTheDeadLetterPathCannotLoop() {
        ProductionExceptionHandler.Response response =
                handler.handleError(SOURCE, output(DLQ), new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static String header(ProducerRecord<?, ?> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
