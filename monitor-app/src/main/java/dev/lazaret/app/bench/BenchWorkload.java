package dev.lazaret.app.bench;

import dev.lazaret.app.demo.SyntheticModel;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.multivariate.PcaModel;
import dev.lazaret.detectors.multivariate.ProfileMultivariate;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Dimension of the vector feature {@code emb} that {@code --multivariate} adds to every event. */
    static final int EMBEDDING_DIMENSION = 128;

    private static final int REFERENCE_ROWS = 20_000;

    private final List<SyntheticModel> models = new ArrayList<>();
    private final boolean multivariate;

    BenchWorkload() {
        this(false);
    }

    /**
     * @param multivariate whether the reference has a multivariate part (over the 15 numeric features) and every event
     *     a vector feature {@code emb} of {@value #EMBEDDING_DIMENSION} N(0, 1) elements with the reference's
     *     embedding part, so the drift phases run the multivariate and embedding judgements as well
     */
    BenchWorkload(boolean multivariate) {
        this.multivariate = multivariate;
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
        SyntheticModel model = models.get(0);
        DatasetProfile profile = model.referenceProfile(new Random(3), REFERENCE_ROWS);
        if (multivariate) {
            // the same rows again, drawn in the same order as referenceProfile draws them
            ProfileMultivariate.attach(
                    profile,
                    records -> {
                        Random random = new Random(3);
                        for (int i = 0; i < REFERENCE_ROWS; i++) {
                            records.accept(model.row(random, false));
                            SyntheticModel.prediction(random);
                        }
                    },
                    PcaModel.DEFAULT_VARIANCE_SHARE);
            EmbeddingReference.Builder emb = EmbeddingReference.builder(EMBEDDING_DIMENSION);
            Random random = new Random(4);
            for (int i = 0; i < REFERENCE_ROWS; i++) {
                emb.add(vector(random));
            }
            profile.withEmbedding("emb", emb.build());
        }
        return ProfileCodec.encode(profile);
    }

    private static double[] vector(Random random) {
        double[] v = new double[EMBEDDING_DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
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
        Map<String, Object> row = model.row(random, false);
        if (multivariate) {
            row.put("emb", vector(random));
        }
        return model.eventJson(id, ts, row, SyntheticModel.prediction(random), random.nextDouble());
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
