package dev.lazaret.app.quarantine;

import dev.lazaret.core.models.ModelVerdict;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code models.verdicts} whole: the last record of each {@code (model, version)} is its standing (a release's
 * verdict, or the same verdict again once a batch it was trained on is revoked). One key per model, so a version's
 * records share a partition and their order is the order they were written.
 */
final class ModelVerdictLog {
    private ModelVerdictLog() {}

    /**
     * The current standing of {@code model}'s {@code version}, if a release of it was ever judged.
     *
     * @throws IllegalArgumentException when the topic does not exist or a verdict cannot be read
     * @throws org.apache.kafka.common.KafkaException when Kafka does not answer within {@code timeout}
     */
    static Optional<ModelVerdict> standing(KafkaOptions kafka, String model, String version, Duration timeout) {
        return Optional.ofNullable(
                read(kafka, timeout).get(dev.lazaret.core.contract.ModelRelease.releaseId(model, version)));
    }

    /** Every version's standing, by {@code <model>@<version>}. */
    static Map<String, ModelVerdict> read(KafkaOptions kafka, Duration timeout) {
        String topic = kafka.prefix + "models.verdicts";
        Map<String, ModelVerdict> standings = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : kafka.readAllOrFail(topic, timeout)) {
            if (r.value() == null) {
                continue;
            }
            try {
                ModelVerdict v = JsonSerde.reader().readValue(r.value(), ModelVerdict.class);
                standings.put(v.id(), v);
            } catch (IOException e) {
                throw new IllegalArgumentException("unreadable model verdict at " + topic + "-" + r.partition() + "@"
                        + r.offset() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return standings;
    }
}
