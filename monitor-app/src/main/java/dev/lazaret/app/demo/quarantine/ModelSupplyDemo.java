package dev.lazaret.app.demo.quarantine;

import dev.lazaret.app.demo.DriftDemoTraffic;
import dev.lazaret.app.demo.SyntheticModel;
import dev.lazaret.app.quarantine.ArtifactFiles;
import dev.lazaret.app.quarantine.ReleaseVerification;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.contract.BatchRevocation;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.models.ModelVerdict;
import dev.lazaret.core.quarantine.integrity.Signing;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The model supply chain part of {@code lazaret demo}: releases the demo's drifting model, version {@link
 * SyntheticModel#VERSION}, trained on two clean demo batches; checks its file as {@code lazaret model verify} does,
 * and a tampered copy, which is refused; streams events of a version nobody released ({@code
 * UNAPPROVED_MODEL_VERSION}); revokes one of the training batches ({@code MODEL_TRAINED_ON_REVOKED_DATA}), after which
 * the released file is refused too.
 *
 * <p>It runs once per data directory: a second run's clean batches repeat the first run's records and are rejected
 * ({@code record-replay}), so {@link QuarantineDemo} skips this part then.
 */
public final class ModelSupplyDemo {
    static final String KEY_ID = "demo-ml-team";
    public static final String MODEL = DriftDemoTraffic.DRIFTING.name();
    public static final String UNRELEASED = "v2-hotfix";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final TopicNames topics;
    private final PrivateKey key;
    private final Path dir;

    ModelSupplyDemo(TopicNames topics, PrivateKey key, Path dir) {
        this.topics = topics;
        this.key = key;
        this.dir = dir;
    }

    /**
     * What the model part showed.
     *
     * @param release the release's verdict
     * @param verified {@code model verify} of the released file
     * @param tampered {@code model verify} of the tampered copy
     * @param unapproved the alert the unreleased version raised
     * @param revokedData the alert the revocation raised
     * @param afterRevocation {@code model verify} of the released file after the revocation
     */
    public record Outcome(
            ModelVerdict release,
            ReleaseVerification verified,
            ReleaseVerification tampered,
            Alert unapproved,
            Alert revokedData,
            ReleaseVerification afterRevocation) {}

    /**
     * Runs the model part.
     *
     * @param trainedOn approved batches of the demo dataset the release names
     * @param revoked the one of them to revoke
     * @param verdicts reader of {@code models.verdicts}, positioned before the release is sent
     * @param alerts reader of {@code alerts}, positioned before the release is sent
     */
    Outcome run(
            KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, byte[]> verdicts,
            KafkaConsumer<String, byte[]> alerts,
            PrintStream out,
            List<String> trainedOn,
            String revoked) {
        Path model = write(dir.resolve(MODEL + ".onnx"), "demo model weights " + SyntheticModel.VERSION);
        Path tamperedFile = write(
                dir.resolve("tampered").resolve(MODEL + ".onnx"), "demo model weights " + SyntheticModel.VERSION + "!");
        ModelRelease.Artifact artifact = ArtifactFiles.of(model);
        ModelRelease release = Signing.release(
                new ModelRelease(
                        MODEL,
                        SyntheticModel.VERSION,
                        List.of(artifact),
                        List.of(new ModelRelease.TrainingSet(DemoBatches.DATASET, trainedOn)),
                        Map.of("onnxruntime", "1.18.0"),
                        Instant.now().toString(),
                        KEY_ID,
                        ""),
                key);
        producer.send(new ProducerRecord<>(
                topics.modelReleases(),
                MODEL,
                JsonSerde.<ModelRelease>serializer().serialize(null, release)));
        producer.flush();
        ModelVerdict verdict = await(verdicts, ModelVerdict.class, v -> v.id().equals(release.id()), "the release");
        out.printf(
                "demo: model release %s trained on %s, signed by %s: %s%n",
                release.id(), String.join(",", trainedOn), KEY_ID, verdict.status());

        ReleaseVerification verified = verify(verdict, model);
        ReleaseVerification tampered = verify(verdict, tamperedFile);
        out.printf("demo: lazaret model verify %s: %s%n", model.getFileName(), verified.message());
        out.printf(
                "demo: lazaret model verify tampered %s: exit 3, %s%n", tamperedFile.getFileName(), tampered.message());

        // a version nobody released: events until its alert comes (the registry sees the release within a second)
        Random random = new Random(7);
        Alert unapproved = null;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int i = 0; unapproved == null && System.nanoTime() < deadline; i++) {
            for (int j = 0; j < 5; j++) {
                long now = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(
                        topics.inferenceEvents(),
                        MODEL,
                        DriftDemoTraffic.DRIFTING.eventJson(
                                UNRELEASED,
                                "demo-" + UNRELEASED + "-" + i + "-" + j,
                                now,
                                DriftDemoTraffic.DRIFTING.row(random, false),
                                SyntheticModel.prediction(random),
                                random.nextDouble())));
            }
            producer.flush();
            unapproved = poll(alerts, Alert.class, alert(AlertKind.UNAPPROVED_MODEL_VERSION, MODEL, UNRELEASED))
                    .orElse(null);
        }
        if (unapproved == null) {
            throw new IllegalStateException("demo: no UNAPPROVED_MODEL_VERSION alert within " + TIMEOUT);
        }
        out.printf(
                "demo: %s version %s in traffic without a release: %s (%s)%n",
                MODEL, UNRELEASED, unapproved.kind(), unapproved.severity());

        producer.send(new ProducerRecord<>(
                topics.trainingRevocations(),
                revoked,
                JsonSerde.<BatchRevocation>serializer()
                        .serialize(null, new BatchRevocation(revoked, "demo", "label flips found by the audit team"))));
        producer.flush();
        Alert revokedData = await(
                alerts,
                Alert.class,
                alert(AlertKind.MODEL_TRAINED_ON_REVOKED_DATA, MODEL, SyntheticModel.VERSION),
                "the revoked-data alert");
        ModelVerdict after = await(
                verdicts,
                ModelVerdict.class,
                v -> v.id().equals(release.id()) && v.revokedBatches().contains(revoked),
                "the release's standing after the revocation");
        ReleaseVerification afterRevocation = verify(after, model);
        out.printf("demo: batch %s revoked: %s for %s%n", revoked, revokedData.kind(), revokedData.subject());
        out.printf("demo: lazaret model verify %s: exit 3, %s%n", model.getFileName(), afterRevocation.message());
        return new Outcome(verdict, verified, tampered, unapproved, revokedData, afterRevocation);
    }

    private static ReleaseVerification verify(ModelVerdict standing, Path file) {
        return ReleaseVerification.of(
                standing.model(), standing.version(), Optional.of(standing), List.of(ArtifactFiles.of(file)));
    }

    private static Predicate<Alert> alert(AlertKind kind, String model, String version) {
        String subject = ModelRelease.releaseId(model, version);
        return a -> a.kind() == kind
                && a.status() == AlertStatus.FIRING
                && a.subject().equals(subject);
    }

    private static <T> T await(KafkaConsumer<String, byte[]> consumer, Class<T> type, Predicate<T> which, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = poll(consumer, type, which);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("demo: no " + what + " within " + TIMEOUT);
    }

    private static <T> Optional<T> poll(KafkaConsumer<String, byte[]> consumer, Class<T> type, Predicate<T> which) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            if (r.value() == null) {
                continue;
            }
            T value = JsonSerde.deserializer(type).deserialize(r.topic(), r.value());
            if (which.test(value)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
