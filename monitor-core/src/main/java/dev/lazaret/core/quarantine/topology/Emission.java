package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One output of the quarantine processor: bytes for a topic (the sink picks the topic from it), and the verdict when
 * the bytes are one, so the alert conditions can be derived without parsing JSON again.
 */
record Emission(String topic, byte[] value, BatchVerdict verdict) {

    /** Writes only the value bytes; emissions never go through a repartition topic, so no deserializer is needed. */
    static Serde<Emission> serde() {
        return Serdes.serdeFrom((topic, e) -> e == null ? null : e.value(), (topic, bytes) -> {
            throw new UnsupportedOperationException("emissions are written, never read");
        });
    }
}
