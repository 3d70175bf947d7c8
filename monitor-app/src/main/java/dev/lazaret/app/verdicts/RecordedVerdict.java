package dev.lazaret.app.verdicts;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import java.util.Objects;

/**
 * A verdict together with where it is stored on the verdicts topic.
 *
 * <p>Verdicts carry no id of their own; the record's position is one, because a Kafka offset is never reused, so a
 * reader of the BOM can fetch exactly the message that approved a batch.
 *
 * @param verdict the verdict as published
 * @param topic the verdicts topic it was read from
 * @param partition its partition
 * @param offset its offset
 */
public record RecordedVerdict(BatchVerdict verdict, String topic, int partition, long offset) {
    public RecordedVerdict {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(topic, "topic");
    }

    /** The verdict's id: {@code <topic>-<partition>@<offset>}. */
    public String id() {
        return topic + "-" + partition + "@" + offset;
    }
}
