package dev.lazaret.app.bench;

import dev.lazaret.app.demo.SyntheticModel;
import dev.lazaret.detectors.codec.ProfileCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The inference events every phase consumes: {@value #MODELS} models of 20 features (15 numeric, 5 categorical),
 * about 400 bytes of JSON each, keyed by model. The same seed gives the same records to every phase.
 */
final class BenchWorkload {
    static final int MODELS = 8;
    static final String DATASET = "bench";
    /** Event-time spacing per model in the throughput part: 1,000 events per model fill a 1 s window. */
    static final long EVENT_TIME_STEP_MS = 1;

    private final List<SyntheticModel> models = new ArrayList<>();

    BenchWorkload() {
        for (int m = 0; m < MODELS; m++) {
            models.add(new SyntheticModel("bench-m" + m, DATASET, 15, 5));
        }
    }

    List<SyntheticModel> models() {
        return models;
    }

    /** The drift.models setting naming every model. */
    String modelsSetting() {
        return String.join(
                ",", models.stream().map(m -> m.name() + ":" + DATASET).toList());
    }

    byte[] reference() {
        return ProfileCodec.encode(models.get(0).referenceProfile(new Random(3), 20_000));
    }

    /** Produces {@code events} records to {@code topic}, event times from {@code baseMs} on. */
    void produce(String bootstrap, String topic, long events, long baseMs) {
        Random random = new Random(42);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (long i = 0; i < events; i++) {
                SyntheticModel model = models.get((int) (i % MODELS));
                long ts = baseMs + (i / MODELS) * EVENT_TIME_STEP_MS;
                producer.send(new ProducerRecord<>(topic, null, ts, model.name(), event(model, random, "t-" + i, ts)));
            }
            producer.flush();
        }
    }

    byte[] event(SyntheticModel model, Random random, String id, long ts) {
        return model.eventJson(
                id, ts, model.row(random, false), SyntheticModel.prediction(random), random.nextDouble());
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        // the pinned reference is over Kafka's default 1 MiB request limit
        props.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                dev.lazaret.core.quarantine.topology.QuarantineTopics.MAX_RECORD_BYTES);
        return new KafkaProducer<>(props);
    }
}
