package dev.lazaret.app.demo;

import dev.lazaret.core.config.DriftSettings;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.detectors.codec.ProfileCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The drift half of {@code lazaret demo}: publishes a reference for each of two models' datasets, then streams their
 * inference events and feedback in real time (event time = wall clock). After the clean phase one model's traffic
 * drifts ({@link SyntheticModel#DRIFTED_FEATURES}) and its error rate rises; after the drift phase it is clean
 * again, so the alerts resolve. The other model stays clean throughout.
 *
 * <p>Scores are calibrated confidences: a prediction is right with probability c, its score is c for a predicted
 * 1 and 1 − c for a predicted 0, with c = 0.5 + 0.5·U^k (U uniform). Clean traffic is confident (k = 0.3, error
 * 11.5%); drifted traffic moves into the region where the model is unsure (k = 3, error 37.5%), a covariate shift.
 * Labels arrive {@value #LABEL_DELAY_MS} ms after their event, so the estimated performance
 * (ESTIMATED_PERFORMANCE_DROP) drops before the labels confirm it (PERFORMANCE_DEGRADATION).
 */
public final class DriftDemoTraffic implements Runnable {
    /** Header naming where a reference came from (profiles topic contract). */
    public static final String REFERENCE_ID_HEADER = "lazaret.reference.id";

    /** The model whose traffic drifts. */
    public static final SyntheticModel DRIFTING = new SyntheticModel("fraud-detector", "payments", 4, 2);
    /** The model whose traffic stays clean. */
    public static final SyntheticModel CLEAN = new SyntheticModel("churn-predictor", "customers", 4, 2);

    private static final double CLEAN_CONFIDENCE_EXPONENT = 0.3;
    private static final double DRIFT_CONFIDENCE_EXPONENT = 3;
    /** Mean error of drifted traffic: 1 − E[c] = 0.5 − 0.5 / (k + 1). */
    private static final double DRIFT_ERROR_RATE = 0.5 - 0.5 / (DRIFT_CONFIDENCE_EXPONENT + 1);
    /** How late labels arrive: three demo windows. */
    static final long LABEL_DELAY_MS = 15_000;

    private static final int REFERENCE_ROWS = 20_000;
    private static final long TICK_MS = 100;

    /**
     * How the demo paces itself.
     *
     * @param cleanPhase clean traffic before the drift starts
     * @param driftPhase how long the drift (and the higher error rate) lasts; clean traffic follows until stopped
     * @param eventsPerSecond events per model and second
     */
    public record Timing(Duration cleanPhase, Duration driftPhase, int eventsPerSecond) {
        /** The interactive demo: a minute clean, a minute drifted, 100 events per model and second. */
        public static Timing demo() {
            return new Timing(Duration.ofSeconds(60), Duration.ofSeconds(60), 100);
        }
    }

    private final String bootstrapServers;
    private final TopicNames topics;
    private final Timing timing;
    private final PrintStream out;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public DriftDemoTraffic(String bootstrapServers, TopicNames topics, Timing timing, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.timing = timing;
        this.out = out;
    }

    /**
     * Settings the demo needs (the two models, 5 s windows with 2 s grace, so alerts come within seconds of a
     * change); the demo applies each only where the user set nothing.
     */
    public static Map<String, String> configDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(
                DriftSettings.MODELS_CONFIG,
                DRIFTING.name() + ":" + DRIFTING.dataset() + "," + CLEAN.name() + ":" + CLEAN.dataset());
        defaults.put(DriftSettings.WINDOW_SIZE_MS_CONFIG, "5000");
        defaults.put(DriftSettings.WINDOW_GRACE_MS_CONFIG, "2000");
        defaults.put(DriftSettings.FEEDBACK_JOIN_WINDOW_MS_CONFIG, "30000");
        defaults.put(DriftSettings.RESOLVE_AFTER_WINDOWS_CONFIG, "3");
        defaults.put(DriftSettings.PERFORMANCE_BASELINE_LABELS_CONFIG, "1000");
        defaults.put(DriftSettings.ESTIMATE_MODELS_CONFIG, DRIFTING.name() + ":score:1," + CLEAN.name() + ":score:1");
        return defaults;
    }

    /** Publishes each model's reference (clean generated data) to the profiles topic and waits for the acks. */
    public void publishReferences() {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            Random random = new Random(7);
            for (SyntheticModel model : List.of(DRIFTING, CLEAN)) {
                byte[] profile = ProfileCodec.encode(model.referenceProfile(random, REFERENCE_ROWS));
                Headers headers = KafkaHeaders.empty();
                headers.add(REFERENCE_ID_HEADER, ("demo-" + model.dataset()).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topics.profiles(), null, model.dataset(), profile, headers));
            }
            producer.flush();
        }
        out.printf("demo: published references for datasets %s and %s%n", DRIFTING.dataset(), CLEAN.dataset());
    }

    /** Streams traffic until {@link #stop()}; the drift starts after the clean phase and lasts the drift phase. */
    @Override
    public void run() {
        Random random = new Random(11);
        long start = System.currentTimeMillis();
        long driftFrom = start + timing.cleanPhase().toMillis();
        long driftUntil = driftFrom + timing.driftPhase().toMillis();
        double perTick = timing.eventsPerSecond() * TICK_MS / 1000.0;
        double owed = 0;
        long sequence = 0;
        boolean announcedStart = false;
        boolean announcedEnd = false;
        ArrayDeque<Delayed> labels = new ArrayDeque<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            while (!stopped.get()) {
                long now = System.currentTimeMillis();
                boolean drifting = now >= driftFrom && now < driftUntil;
                if (drifting && !announcedStart) {
                    announcedStart = true;
                    out.printf(
                            "demo: injecting drift into %s of model %s and raising its error rate to %.0f%%; its labels"
                                    + " arrive %d s late, so ESTIMATED_PERFORMANCE_DROP (from its scores) comes before"
                                    + " PERFORMANCE_DEGRADATION (from its labels)%n",
                            SyntheticModel.DRIFTED_FEATURES,
                            DRIFTING.name(),
                            DRIFT_ERROR_RATE * 100,
                            LABEL_DELAY_MS / 1000);
                } else if (!drifting && announcedStart && !announcedEnd) {
                    announcedEnd = true;
                    out.printf(
                            "demo: drift of model %s stopped; its alerts resolve in a few windows%n", DRIFTING.name());
                }
                owed += perTick;
                for (; owed >= 1; owed--) {
                    sequence++;
                    send(producer, DRIFTING, random, "d-" + sequence, now, drifting, labels);
                    send(producer, CLEAN, random, "c-" + sequence, now, false, labels);
                }
                while (!labels.isEmpty() && labels.peekFirst().dueMs() <= now) {
                    producer.send(labels.pollFirst().record());
                }
                sleep(TICK_MS - (System.currentTimeMillis() - now));
            }
        }
    }

    /** Asks {@link #run()} to return after its current tick. */
    public void stop() {
        stopped.set(true);
    }

    private void send(
            KafkaProducer<String, byte[]> producer,
            SyntheticModel model,
            Random random,
            String eventId,
            long now,
            boolean drifting,
            ArrayDeque<Delayed> labels) {
        String prediction = SyntheticModel.prediction(random);
        double k = drifting ? DRIFT_CONFIDENCE_EXPONENT : CLEAN_CONFIDENCE_EXPONENT;
        double confidence = 0.5 + 0.5 * Math.pow(random.nextDouble(), k);
        double score = prediction.equals("1") ? confidence : 1 - confidence;
        producer.send(new ProducerRecord<>(
                topics.inferenceEvents(),
                model.name(),
                model.eventJson(eventId, now, model.row(random, drifting), prediction, score)));
        boolean wrong = random.nextDouble() >= confidence;
        String label = wrong ? (prediction.equals("1") ? "0" : "1") : prediction;
        long due = now + LABEL_DELAY_MS;
        labels.addLast(new Delayed(
                due,
                new ProducerRecord<>(
                        topics.inferenceFeedback(), model.name(), model.feedbackJson(eventId, label, due))));
    }

    /** A label waiting for its time. */
    private record Delayed(long dueMs, ProducerRecord<String, byte[]> record) {}

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        return new KafkaProducer<>(props);
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
