package dev.lazaret.app.quarantine;

import dev.lazaret.app.verdicts.RecordedVerdict;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads {@code training.verdicts} whole, for the commands that show or certify what was decided. */
final class VerdictLog {
    private VerdictLog() {}

    /**
     * Every committed verdict up to the topic's end when reading began, each with its position.
     *
     * @throws IllegalArgumentException when the topic does not exist or a verdict cannot be read (naming its position)
     * @throws org.apache.kafka.common.KafkaException when Kafka does not answer within {@code timeout}
     */
    static List<RecordedVerdict> read(KafkaOptions kafka, Duration timeout) {
        String topic = kafka.prefix + "training.verdicts";
        List<RecordedVerdict> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : kafka.readAllOrFail(topic, timeout)) {
            if (r.value() != null) {
                BatchVerdict v;
                try {
                    v = JsonSerde.reader().readValue(r.value(), BatchVerdict.class);
                } catch (IOException e) {
                    throw new IllegalArgumentException(
                            "unreadable verdict at " + topic + "-" + r.partition() + "@" + r.offset() + ": "
                                    + e.getMessage().lines().findFirst().orElse(""));
                }
                out.add(new RecordedVerdict(v, topic, r.partition(), r.offset()));
            }
        }
        return out;
    }
}
