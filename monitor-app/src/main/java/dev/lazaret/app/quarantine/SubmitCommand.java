package dev.lazaret.app.quarantine;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.CanonicalJson;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.ResumableSha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lazaret submit}: a CSV or JSONL file as one signed batch on the training topics. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description =
                "Send FILE (CSV with a header, or JSONL) as one batch: its records to training.records (seq = row "
                        + "order) and a manifest signed with KEY to training.manifests.")
public final class SubmitCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Option(
            names = "--dataset",
            required = true,
            description = "Dataset the batch belongs to (the keyring must allow it for KEY).")
    String dataset;

    @Option(
            names = "--source",
            required = true,
            description = "Who or what produced the data (the keyring must allow it for KEY).")
    String source;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "Private key file from lazaret keygen.")
    Path key;

    @Option(names = "--key-id", description = "Key id for the manifest (default: the key file's name without .key).")
    String keyId;

    @Option(names = "--batch-id", description = "Batch id (default: a random UUID).")
    String batchId;

    @Option(names = "--label-column", defaultValue = "label", description = "Label column (default: label).")
    String labelColumn;

    @Parameters(
            paramLabel = "FILE",
            description = "CSV with a header line, or JSONL (.jsonl/.ndjson): one row per record.")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrivateKey privateKey;
        try {
            privateKey = KeyFiles.readPrivateKey(key);
        } catch (IllegalArgumentException e) {
            System.err.println("lazaret: " + e.getMessage());
            return 2;
        }
        if (!Files.isReadable(file)) {
            System.err.println(
                    "lazaret: cannot read " + file + (Files.exists(file) ? ": not readable" : ": it does not exist"));
            return 2;
        }
        String id = batchId != null ? batchId : UUID.randomUUID().toString();
        String kid = keyId != null ? keyId : key.getFileName().toString().replaceFirst("\\.key$", "");
        SubmitProgress progress = new SubmitProgress(SubmitProgress.rowsIn(file), System.err::println);
        ResumableSha256 digest = new ResumableSha256();
        long[] seq = {0};
        SendOutcome sends = new SendOutcome();
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            RowFiles.forEach(file, labelColumn, row -> {
                TrainingRecord record = new TrainingRecord(id, dataset, seq[0]++, row.features(), row.label());
                byte[] canonical = CanonicalForms.record(record);
                digest.update(canonical);
                digest.update((byte) '\n');
                producer.send(new ProducerRecord<>(kafka.prefix + "training.records", id, canonical), sends);
                progress.sent(seq[0]);
            });
            // never sign a manifest for records that did not reach Kafka
            producer.flush();
            if (sends.failure() != null) {
                System.err.println(
                        "lazaret: batch " + id + " not submitted, a record was not written: " + sends.failure());
                return 1;
            }
            progress.done(seq[0]);
            BatchManifest unsigned = new BatchManifest(
                    id, dataset, source, seq[0], digest.hex(), Instant.now().toString(), kid, "");
            String signature = Ed25519.sign(privateKey, CanonicalForms.manifestForSigning(unsigned));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("batch_id", id);
            manifest.put("dataset", dataset);
            manifest.put("source", source);
            manifest.put("record_count", unsigned.recordCount());
            manifest.put("content_sha256", unsigned.contentSha256());
            manifest.put("created_at", unsigned.createdAt());
            manifest.put("key_id", kid);
            manifest.put("signature", signature);
            producer.send(
                    new ProducerRecord<>(kafka.prefix + "training.manifests", id, CanonicalJson.bytes(manifest)),
                    sends);
            producer.flush();
            if (sends.failure() != null) {
                System.err.println(
                        "lazaret: batch " + id + " not submitted, the manifest was not written: " + sends.failure());
                return 1;
            }
            System.out.println("submitted batch " + id + ": " + unsigned.recordCount() + " records, content_sha256 "
                    + unsigned.contentSha256());
        } catch (IllegalArgumentException e) {
            System.err.println("lazaret: " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
