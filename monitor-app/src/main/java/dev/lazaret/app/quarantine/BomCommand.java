package dev.lazaret.app.quarantine;

import dev.lazaret.app.bom.ApprovedData;
import dev.lazaret.app.bom.BomHeader;
import dev.lazaret.app.bom.DataBom;
import dev.lazaret.app.bom.ModelBom;
import dev.lazaret.app.bom.ReferenceSummary;
import dev.lazaret.app.verdicts.BatchHistory;
import dev.lazaret.app.verdicts.RecordedVerdict;
import dev.lazaret.core.models.ModelVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lazaret bom --dataset D}: the CycloneDX 1.6 bill of materials of a dataset's approved training data; {@code
 * lazaret bom --model M --version V}: the ML bill of materials of a model version ({@link ModelBom}).
 */
@Command(
        name = "bom",
        description = {
            "Write a CycloneDX 1.6 JSON bill of materials of a dataset's approved training data: one data component "
                    + "per approved batch (final verdict; a held batch an operator released counts) with its "
                    + "SHA-256 content hash, source, signer key and verdict, plus the dataset's pinned reference.",
            "With --model and --version instead: the ML BOM of a released model version: the model "
                    + "(machine-learning-model, artifact hashes, a model card naming its training batches), the data "
                    + "components of its training batches and its frameworks (reads models.verdicts too).",
            "Reads training.verdicts and profiles (read_committed, from the start to the current end).",
            "Exit 0: written (a known dataset with nothing approved gives an empty BOM and a warning on stderr); "
                    + "1: Kafka unreachable or too slow; 2: bad input, such as a dataset with no verdict at all."
        })
public final class BomCommand implements Callable<Integer> {
    @Mixin
    HelpOnly help = new HelpOnly();

    /** Exit status when Kafka cannot be read. */
    static final int KAFKA_UNAVAILABLE = 1;

    /** Exit status on bad input. */
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--dataset", description = "The dataset whose approved data the BOM lists.")
    String dataset;

    @Option(names = "--model", description = "The model whose release the ML BOM describes (with --version).")
    String model;

    @Option(names = "--version", description = "The model version (with --model).")
    String modelVersion;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write the BOM here (replacing the file) instead of standard output.")
    Path output;

    @Option(
            names = "--timeout-ms",
            defaultValue = "30000",
            description = "How long to wait for Kafka to answer, and then for the topics to be read "
                    + "(default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() throws IOException {
        // taken once, so the timestamp says when the inputs were read, not when writing finished
        BomHeader header = new BomHeader(Instant.now().truncatedTo(ChronoUnit.MILLIS), UUID.randomUUID(), version());
        Duration timeout = Duration.ofMillis(timeoutMs);
        if ((dataset == null) == (model == null) || (model == null) != (modelVersion == null)) {
            return fail(BAD_INPUT, "give either --dataset, or --model and --version");
        }
        if (model != null) {
            return modelBom(header, timeout);
        }
        ApprovedData data;
        Optional<ReferenceSummary> reference;
        try {
            data = ApprovedData.of(dataset, VerdictLog.read(kafka, timeout));
            reference = reference(timeout);
        } catch (IllegalArgumentException e) {
            return fail(BAD_INPUT, e.getMessage());
        } catch (KafkaException e) {
            return fail(KAFKA_UNAVAILABLE, "cannot read Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
        }
        if (data.batchesSeen() == 0) {
            // most likely a misspelt name: an empty BOM would look like a valid answer
            return fail(
                    BAD_INPUT,
                    "no verdict for any batch of dataset '" + dataset + "' on " + kafka.prefix + "training.verdicts");
        }
        if (data.approved().isEmpty()) {
            System.err.println("lazaret: warning: dataset '" + dataset + "' has " + data.batchesSeen()
                    + " batches but none approved; the BOM lists no batch");
        }
        if (reference.isEmpty()) {
            System.err.println("lazaret: warning: dataset '" + dataset + "' has no pinned reference on " + kafka.prefix
                    + "profiles");
        }
        write(
                DataBom.toJson(data, reference, header),
                data.approved().size() + " approved batches of " + dataset
                        + (reference.map(r -> ", reference " + r.referenceId()).orElse("")));
        return 0;
    }

    private int modelBom(BomHeader header, Duration timeout) throws IOException {
        Optional<ModelVerdict> standing;
        Map<String, BatchHistory> histories;
        try {
            standing = ModelVerdictLog.standing(kafka, model, modelVersion, timeout);
            histories = BatchHistory.fold(VerdictLog.read(kafka, timeout));
        } catch (IllegalArgumentException e) {
            return fail(BAD_INPUT, e.getMessage());
        } catch (KafkaException e) {
            return fail(KAFKA_UNAVAILABLE, "cannot read Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
        }
        if (standing.isEmpty()) {
            return fail(
                    BAD_INPUT,
                    "no release of " + model + "@" + modelVersion + " on " + kafka.prefix + "models.verdicts");
        }
        if (!standing.get().approved()) {
            System.err.println("lazaret: warning: release " + standing.get().id() + " was refused: "
                    + String.join("; ", standing.get().reasons()));
        }
        Map<String, RecordedVerdict> approvals = new LinkedHashMap<>();
        histories.forEach((id, h) -> h.approval().ifPresent(a -> approvals.put(id, a)));
        write(
                ModelBom.toJson(standing.get(), approvals, header),
                "model " + standing.get().id() + ", "
                        + standing.get().artifacts().size() + " artifacts");
        return 0;
    }

    private void write(byte[] json, String summary) throws IOException {
        if (output == null) {
            System.out.print(new String(json, StandardCharsets.UTF_8));
            System.out.flush();
        } else {
            Files.write(output, json);
            System.err.println("lazaret: wrote " + output + ": " + summary);
        }
    }

    /** The dataset's latest profile: the topic is compacted by dataset, so the last record of the key is current. */
    private Optional<ReferenceSummary> reference(Duration timeout) {
        ConsumerRecord<String, byte[]> latest = null;
        for (ConsumerRecord<String, byte[]> r : kafka.readAllOrFail(kafka.prefix + "profiles", timeout)) {
            if (dataset.equals(r.key())) {
                latest = r;
            }
        }
        if (latest == null || latest.value() == null) {
            return Optional.empty();
        }
        Header id = latest.headers().lastHeader("lazaret.reference.id");
        String referenceId = id == null ? "unknown" : new String(id.value(), StandardCharsets.UTF_8);
        return Optional.of(ReferenceSummary.of(referenceId, latest.value()));
    }

    private String version() {
        String[] version = spec == null ? new String[0] : spec.root().version();
        return version.length == 0 ? "unknown" : version[0].replaceFirst("^lazaret ", "");
    }

    private static int fail(int status, String message) {
        System.err.println("lazaret: " + message);
        return status;
    }
}
