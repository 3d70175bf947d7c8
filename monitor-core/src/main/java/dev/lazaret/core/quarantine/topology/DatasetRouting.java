package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.quarantine.batch.BatchInput;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Brings every input of a dataset's batches to one quarantine task, whatever partition the producer wrote it to, in two
 * repartitions:
 *
 * <ol>
 *   <li><b>by batch id</b> ({@code quarantine-by-batch}, Kafka's default murmur2 partitioner on the batch id): every
 *       record, manifest and decision of a batch id meets in one router task, even when its producer used another
 *       partitioner (kcat and librdkafka clients hash with CRC32 by default) and wrote it beside no other input of its
 *       batch. The router names the batch's <em>owner</em>: the dataset of the first record or manifest it sees for
 *       the batch id, kept in {@link QuarantineStores#OWNERS} for ever (one short entry per batch id, as the decided
 *       store keeps one);
 *   <li><b>by owner dataset</b> ({@code quarantine-by-dataset}): every input of the batch goes, keyed by its owner, to
 *       the task that holds the owner's batches, decided ids and replay filter. A decision for a batch id with no owner
 *       (no record or manifest seen) is keyed by the batch id; no task holds that batch, so the task it reaches
 *       dead-letters it as for an unknown batch.
 * </ol>
 *
 * <p>Consistency under exactly-once v2: each stage is one read-process-write; its repartition writes, its store's
 * changelog writes and its input offsets commit in one transaction, and the next stage reads committed data only. So
 * an input reaches the lifecycle once, the owner a crash re-derives on replay is the one committed (the store write and
 * the forward that used it commit or abort together), and all inputs of a batch id reach the same task, in the order
 * the router saw them (one producer per router task, one partition per owner). Hence the batch's verdict is still
 * given once by one task, each of its records released once, and a dataset's replay filter and decided ids live in one
 * task and see every approved record of the dataset, whatever batch id or input partition a replay comes under.
 *
 * <p>Cost: the quarantine runs in parallel across datasets, not within one; each input is written twice more (the two
 * repartition topics, cleaned as they are consumed).
 */
final class DatasetRouting {
    private DatasetRouting() {}

    static KStream<String, BatchInput> byDataset(StreamsBuilder builder, KStream<String, BatchInput> inputs) {
        builder.addStateStore(QuarantineStores.persistent(QuarantineStores.OWNERS, Serdes.String()));
        return inputs.processValues(SourceStamp::new, Named.as("quarantine-stamp-source"))
                .selectKey((key, input) -> input.batchId(), Named.as("quarantine-key-by-batch"))
                .repartition(Repartitioned.<String, BatchInput>as("quarantine-by-batch")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(BatchInputSerde.serde()))
                .process(BatchRouter::new, Named.as("quarantine-route-by-owner"), QuarantineStores.OWNERS)
                .repartition(Repartitioned.<String, BatchInput>as("quarantine-by-dataset")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(BatchInputSerde.serde()));
    }

    /** Keys each input by its batch's owner dataset, naming the owner on the batch's first record or manifest. */
    static final class BatchRouter extends ContextualProcessor<String, BatchInput, String, BatchInput> {
        private KeyValueStore<String, String> owners;

        @Override
        public void init(ProcessorContext<String, BatchInput> context) {
            super.init(context);
            owners = context.getStateStore(QuarantineStores.OWNERS);
        }

        @Override
        public void process(Record<String, BatchInput> record) {
            BatchInput input = record.value();
            String owner = owners.get(input.batchId());
            if (owner == null && input.dataset() != null) {
                owner = input.dataset();
                owners.put(input.batchId(), owner);
            }
            context().forward(record.withKey(owner != null ? owner : input.batchId()));
        }
    }
}
