package dev.lazaret.core.drift;

import dev.lazaret.detectors.codec.ProfileCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the global reference store from the compacted profiles topic. A value that does not decode as a data set
 * profile is logged, counted and skipped, and the dataset keeps its previous valid reference: a broken publication
 * must neither crash every instance nor silently erase a trusted reference. A tombstone removes the reference.
 */
final class ReferenceLoader implements Processor<String, byte[], Void, Void> {
    /** Header naming where a reference came from (PROFILES TOPIC CONTRACT). */
    static final String REFERENCE_ID_HEADER = "lazaret.reference.id";

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceLoader.class);

    private final String storeName;
    private final DriftMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    ReferenceLoader(String storeName, DriftMetrics metrics) {
        this.storeName = storeName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("reference without a dataset key skipped");
            metrics.referenceRejected();
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            ProfileCodec.decodeDataset(record.value());
        } catch (RuntimeException e) {
            LOG.warn("reference for dataset '{}' does not decode and is skipped: {}", record.key(), e.getMessage());
            metrics.referenceRejected();
            return;
        }
        Header header = record.headers().lastHeader(REFERENCE_ID_HEADER);
        String id = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
        store.put(record.key(), Reference.storeValue(id, record.value()));
        LOG.info("reference for dataset '{}' loaded ({}, {} bytes)", record.key(), id, record.value().length);
    }
}
