package dev.lazaret.app.quarantine;

import dev.lazaret.app.bom.ApprovedData;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.quarantine.integrity.Signing;
import dev.lazaret.core.serde.JsonSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lazaret model release}: signs a model release (artifact hashes, training batches, framework versions) and
 * publishes it to {@code models.releases}; the topology verifies it and writes its verdict to {@code models.verdicts}.
 */
@Command(
        name = "release",
        description = {
            "Sign and publish a model release to models.releases: the SHA-256 of each artifact, the training batches "
                    + "and the framework versions. Lazaret approves it when the key may sign the model's releases "
                    + "(keyring 'models') and every batch stands approved; lazaret model verify reads the verdict.",
            "Exit 0: sent; 1: Kafka unreachable; 2: bad input (an unreadable file or key, a dataset with no approved "
                    + "batch)."
        })
final class ModelReleaseCommand implements Callable<Integer> {
    @Mixin
    HelpOnly help = new HelpOnly();

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    SigningKey signingKey = new SigningKey();

    @Option(names = "--model", required = true, description = "Model, as inference events name it.")
    String model;

    @Option(names = "--version", required = true, description = "Version, as inference events' model_version names it.")
    String version;

    @Option(
            names = "--artifact",
            required = true,
            arity = "1..*",
            paramLabel = "FILE",
            description = "Model files; each is hashed (SHA-256) and named by its file name.")
    List<Path> artifacts;

    @Option(
            names = "--trained-on",
            required = true,
            paramLabel = "DATASET[:BATCH,...]",
            description = "Training batches of a dataset; a dataset alone means every batch of it approved and not "
                    + "revoked up to now, resolved to the list now. Repeat for several datasets.")
    List<String> trainedOn;

    @Option(
            names = "--framework",
            paramLabel = "NAME=VERSION",
            description = "A framework or library version the model was built with; repeat.")
    Map<String, String> frameworks = new LinkedHashMap<>();

    @Option(
            names = "--timeout-ms",
            defaultValue = "30000",
            description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        Duration timeout = Duration.ofMillis(timeoutMs);
        ModelRelease release;
        try {
            SigningKey.Signer signer = signingKey.load();
            List<ModelRelease.Artifact> hashed =
                    artifacts.stream().map(ArtifactFiles::of).toList();
            ModelRelease unsigned = new ModelRelease(
                    model,
                    version,
                    hashed,
                    trainingSets(timeout),
                    frameworks,
                    Instant.now().toString(),
                    signer.keyId(),
                    "");
            release = Signing.release(unsigned, signer.privateKey());
        } catch (IllegalArgumentException e) {
            System.err.println("lazaret: " + e.getMessage());
            return BomCommand.BAD_INPUT;
        } catch (KafkaException e) {
            System.err.println("lazaret: cannot read Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
            return BomCommand.KAFKA_UNAVAILABLE;
        }
        SendOutcome sends = new SendOutcome();
        try (KafkaProducer<String, byte[]> producer = kafka.producer(timeout)) {
            producer.send(
                    new ProducerRecord<>(
                            kafka.prefix + "models.releases",
                            model,
                            JsonSerde.<ModelRelease>serializer().serialize(null, release)),
                    sends);
            producer.flush();
        } catch (KafkaException e) {
            System.err.println("lazaret: cannot reach Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
            return BomCommand.KAFKA_UNAVAILABLE;
        }
        if (sends.failure() != null) {
            System.err.println("lazaret: release " + release.id() + " not sent: " + sends.failure());
            return BomCommand.KAFKA_UNAVAILABLE;
        }
        int batches =
                release.trainedOn().stream().mapToInt(t -> t.batches().size()).sum();
        System.out.println(
                "sent release " + release.id() + ": " + release.artifacts().size() + " artifacts, "
                        + batches + " training batches, signed by " + release.keyId()
                        + "; lazaret model verify reads its verdict");
        return 0;
    }

    /** Each {@code --trained-on}, a dataset alone resolved to its approved, unrevoked batches as of now. */
    private List<ModelRelease.TrainingSet> trainingSets(Duration timeout) {
        List<ModelRelease.TrainingSet> sets = new ArrayList<>();
        for (String spec : trainedOn) {
            int colon = spec.indexOf(':');
            String dataset = colon < 0 ? spec : spec.substring(0, colon);
            if (dataset.isBlank()) {
                throw new IllegalArgumentException("--trained-on '" + spec + "' names no dataset");
            }
            List<String> batches = colon < 0
                    ? approvedNow(dataset, timeout)
                    : Arrays.stream(spec.substring(colon + 1).split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .toList();
            if (batches.isEmpty()) {
                throw new IllegalArgumentException("--trained-on '" + spec + "' names no batch"
                        + (colon < 0 ? " (dataset '" + dataset + "' has no approved batch)" : ""));
            }
            sets.add(new ModelRelease.TrainingSet(dataset, batches));
        }
        return sets;
    }

    private List<String> approvedNow(String dataset, Duration timeout) {
        Set<String> revoked = kafka.readAllOrFail(kafka.prefix + "training.revocations", timeout).stream()
                .map(r -> r.key())
                .collect(Collectors.toSet());
        return ApprovedData.of(dataset, VerdictLog.read(kafka, timeout)).approved().stream()
                .map(r -> r.verdict().batchId())
                .filter(id -> !revoked.contains(id))
                .toList();
    }
}
