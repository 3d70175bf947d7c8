package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.quarantine.batch.BatchState;
import dev.lazaret.core.quarantine.codec.BatchStateCodec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The batches store's value serde: {@link BatchStateCodec} behind Kafka's Serde. */
final class BatchStateSerde {
    private BatchStateSerde() {}

    static Serde<BatchState> serde() {
        return Serdes.serdeFrom(
                (topic, state) -> state == null ? null : BatchStateCodec.encode(state),
                (topic, bytes) -> bytes == null ? null : BatchStateCodec.decode(bytes));
    }
}
