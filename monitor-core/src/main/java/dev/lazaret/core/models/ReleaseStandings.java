package dev.lazaret.core.models;

import dev.lazaret.core.serde.JsonSerde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store of release standings equal to {@code models.verdicts}: {@code version:<model>@<version>} to
 * {@code APPROVED} or {@code REFUSED}, and {@code model:<model>} present once any release of the model was judged.
 * Global, so every task that reads inference events sees every model's releases whatever partition they are on; Kafka
 * Streams runs this processor again on restore, so the store is rebuilt the same way.
 */
final class ReleaseStandings implements Processor<String, byte[], Void, Void> {
    static final String STORE = "models-release-standings";

    private KeyValueStore<String, String> store;

    static String versionKey(String releaseId) {
        return "version:" + releaseId;
    }

    static String modelKey(String model) {
        return "model:" + model;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        ModelVerdict v =
                JsonSerde.<ModelVerdict>deserializer(ModelVerdict.class).deserialize(null, record.value());
        store.put(versionKey(v.id()), v.status().name());
        store.put(modelKey(v.model()), "released");
    }
}
