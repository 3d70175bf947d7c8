package dev.lazaret.app.quarantine;

import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.models.ModelVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lazaret model verify}: what a model server runs before loading a model's files. */
@Command(
        name = "verify",
        description = {
            "Check model files before loading them: each must be an artifact of an approved release of the version, "
                    + "with the SHA-256 the release signed, and no batch the version was trained on revoked.",
            "Reads models.verdicts (read_committed, from the start to the current end).",
            "Exit 0: the files match; 3: they do not (the first mismatch is named); 1: Kafka unreachable; "
                    + "2: bad input (an unreadable file)."
        })
final class ModelVerifyCommand implements Callable<Integer> {
    @Mixin
    HelpOnly help = new HelpOnly();

    /** Exit status when the files must not be loaded. */
    static final int MISMATCH = 3;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--model", required = true, description = "Model, as the release names it.")
    String model;

    @Option(names = "--version", required = true, description = "Version, as the release names it.")
    String version;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files about to be loaded.")
    List<Path> files;

    @Option(
            names = "--timeout-ms",
            defaultValue = "30000",
            description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        List<ModelRelease.Artifact> hashed;
        Optional<ModelVerdict> standing;
        try {
            hashed = files.stream().map(ArtifactFiles::of).toList();
            standing = ModelVerdictLog.standing(kafka, model, version, Duration.ofMillis(timeoutMs));
        } catch (IllegalArgumentException e) {
            System.err.println("lazaret: " + e.getMessage());
            return BomCommand.BAD_INPUT;
        } catch (KafkaException e) {
            System.err.println("lazaret: cannot read Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
            return BomCommand.KAFKA_UNAVAILABLE;
        }
        ReleaseVerification result = ReleaseVerification.of(model, version, standing, hashed);
        if (result.ok()) {
            System.out.println(result.message());
            return 0;
        }
        System.err.println("lazaret: " + result.message());
        return MISMATCH;
    }
}
