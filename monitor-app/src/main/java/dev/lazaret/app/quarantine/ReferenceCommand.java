package dev.lazaret.app.quarantine;

import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.integrity.ResumableSha256;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lazaret reference import|promote}: the only ways, besides the policy's one-time bootstrap, to pin one. */
@Command(
        name = "reference",
        mixinStandardHelpOptions = true,
        description = "Pin a dataset's trusted reference.",
        subcommands = {ReferenceCommand.Import.class, ReferenceCommand.Promote.class})
public final class ReferenceCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Publishes the reference, its profile and the audit request; returns the exit status. */
    static int publish(KafkaOptions kafka, ReferenceBundle bundle, String action) {
        SendOutcome sends = new SendOutcome();
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            producer.send(
                    new ProducerRecord<>(
                            QuarantineTopics.references(kafka.prefix),
                            QuarantineTopics.referenceKey(bundle.dataset()),
                            ReferenceBundleCodec.encode(bundle)),
                    sends);
            Headers headers = KafkaHeaders.empty();
            headers.add("lazaret.reference.id", bundle.referenceId().getBytes(StandardCharsets.UTF_8));
            producer.send(
                    new ProducerRecord<>(
                            kafka.prefix + "profiles",
                            null,
                            bundle.dataset(),
                            ProfileCodec.encode(bundle.profile()),
                            headers),
                    sends);
            producer.send(
                    new ProducerRecord<>(
                            QuarantineTopics.auditRequests(kafka.prefix),
                            bundle.dataset(),
                            QuarantineTopics.referenceChange(
                                    bundle.dataset(), bundle.referenceId(), action, System.getProperty("user.name"))),
                    sends);
            producer.flush();
        }
        if (sends.failure() != null) {
            System.err.println("lazaret: reference for " + bundle.dataset() + " not published: " + sends.failure());
            return 1;
        }
        System.out.println("dataset " + bundle.dataset() + ": reference is now " + bundle.referenceId());
        return 0;
    }

    /** {@code lazaret reference import --dataset D FILE}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Build a reference from a trusted CSV or JSONL file and pin it.")
    static final class Import implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka = new KafkaOptions();

        @Option(names = "--dataset", required = true, description = "Dataset whose reference this becomes.")
        String dataset;

        @Option(
                names = "--label-column",
                defaultValue = "label",
                description = "Label column (default: ${DEFAULT-VALUE}).")
        String labelColumn;

        @Option(
                names = "--embedding-projections",
                description = "Random projections per vector feature (1 to 100), stored with the reference "
                        + "(default: ${DEFAULT-VALUE}).")
        int embeddingProjections = ProjectionSettings.DEFAULTS.count();

        @Option(
                names = "--embedding-seed",
                description =
                        "Seed of the projection directions, stored with the reference (default: ${DEFAULT-VALUE}).")
        long embeddingSeed = ProjectionSettings.DEFAULTS.seed();

        @Parameters(paramLabel = "FILE", description = "Trusted CSV with a header line, or JSONL (.jsonl/.ndjson).")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(file)) {
                System.err.println("lazaret: cannot read " + file);
                return 2;
            }
            ResumableSha256 digest = new ResumableSha256();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            ReferenceBundle bundle;
            try {
                bundle = ReferenceBuilder.build(
                        "import:" + digest.hex(),
                        dataset,
                        rows -> RowFiles.forEachWithVectors(file, labelColumn, rows),
                        new ProjectionSettings(embeddingSeed, embeddingProjections));
            } catch (IllegalArgumentException e) {
                System.err.println("lazaret: " + e.getMessage());
                return 2;
            }
            return publish(kafka, bundle, "import");
        }
    }

    /** {@code lazaret reference promote --dataset D --batch B}. */
    @Command(
            name = "promote",
            mixinStandardHelpOptions = true,
            description = "Pin the profile of an approved batch as the dataset's reference.")
    static final class Promote implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka = new KafkaOptions();

        @Option(names = "--dataset", required = true, description = "Dataset whose reference this becomes.")
        String dataset;

        @Option(names = "--batch", required = true, description = "Batch id of an approved batch of that dataset.")
        String batch;

        @Override
        public Integer call() {
            List<ConsumerRecord<String, byte[]>> all;
            try {
                all = kafka.readAll(QuarantineTopics.references(kafka.prefix));
            } catch (IllegalArgumentException e) {
                System.err.println("lazaret: " + e.getMessage());
                return 2;
            }
            ReferenceBundle candidate = null;
            for (ConsumerRecord<String, byte[]> r : all) {
                if (QuarantineTopics.candidateKey(batch).equals(r.key()) && r.value() != null) {
                    candidate = ReferenceBundleCodec.decode(r.value());
                }
            }
            if (candidate == null) {
                System.err.println(
                        "lazaret: no approved batch '" + batch + "' (only approved batches can be promoted)");
                return 2;
            }
            if (!candidate.dataset().equals(dataset)) {
                System.err.println("lazaret: batch '" + batch + "' belongs to dataset '" + candidate.dataset()
                        + "', not '" + dataset + "'");
                return 2;
            }
            return publish(kafka, candidate, "promote");
        }
    }
}
