package dev.lazaret.app.quarantine;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.CanonicalJson;
import dev.lazaret.core.quarantine.integrity.ResumableSha256;
import dev.lazaret.core.quarantine.integrity.Signing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
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

    @Mixin
    SigningKey signingKey = new SigningKey();

    @Option(names = "--batch-id", description = "Batch id (default: a random UUID).")
    String batchId;

    @Option(names = "--label-column", defaultValue = "label", description = "Label column (default: label).")
    String labelColumn;

    @Option(
            names = "--timeout",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Fail when Kafka has not answered or acknowledged within this many seconds (missing topics, "
                    + "unreachable broker; default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(
            names = "--max-record-bytes",
            defaultValue = "1000000",
            description = "Refuse a row whose record is larger than this: Lazaret's input.max.record.bytes "
                    + "(default ${DEFAULT-VALUE}), which would dead-letter it as OVERSIZED.")
    int maxRecordBytes;

    @Parameters(
            paramLabel = "FILE",
            description = "CSV with a header line, or JSONL (.jsonl/.ndjson): one row per record.")
    Path file;

    /** Ends the row loop early; {@code failure} holds why. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static String notWritten(long seq, String topic, Exception e) {
        return "row " + (seq + 1) + " (seq " + seq + ") was not written to " + topic + ": "
                + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public Integer call() throws Exception {
        SigningKey.Signer signer;
        try {
            signer = signingKey.load();
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
        SubmitProgress progress = new SubmitProgress(SubmitProgress.rowsIn(file), System.err::println);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        String recordsTopic = kafka.prefix + "training.records";
        String manifestsTopic = kafka.prefix + "training.manifests";
        ResumableSha256 digest = new ResumableSha256();
        long[] seq = {0};
        // the first record Kafka did not take, in words; set from producer callbacks
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = kafka.producer(timeout)) {
            for (String topic : List.of(recordsTopic, manifestsTopic)) {
                try {
                    producer.partitionsFor(topic);
                } catch (KafkaException e) {
                    System.err.println("lazaret: topic " + topic + " not available within " + timeoutSeconds
                            + " s (" + e.getMessage() + "); is Lazaret running and " + kafka.bootstrapServers
                            + " reachable?");
                    return 1;
                }
            }
            try {
                RowFiles.forEachWithVectors(file, labelColumn, row -> {
                    if (failure.get() != null) {
                        throw new Stop();
                    }
                    long rowSeq = seq[0]++;
                    TrainingRecord record = new TrainingRecord(id, dataset, rowSeq, row.features(), row.label());
                    byte[] canonical = CanonicalForms.record(record);
                    if (canonical.length > maxRecordBytes) {
                        failure.compareAndSet(
                                null,
                                "row " + (rowSeq + 1) + " (seq " + rowSeq + ") is " + canonical.length
                                        + " bytes as a record; the limit is " + maxRecordBytes
                                        + " (input.max.record.bytes)");
                        throw new Stop();
                    }
                    digest.update(canonical);
                    digest.update((byte) '\n');
                    try {
                        producer.send(new ProducerRecord<>(recordsTopic, id, canonical), (metadata, e) -> {
                            if (e == null) {
                                acknowledged.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, notWritten(rowSeq, recordsTopic, e));
                            }
                        });
                    } catch (KafkaException e) {
                        failure.compareAndSet(null, notWritten(rowSeq, recordsTopic, e));
                        throw new Stop();
                    }
                    progress.sent(seq[0]);
                });
            } catch (Stop stop) {
                // failure says why
            }
            producer.flush();
            if (failure.get() != null) {
                System.err.println("lazaret: " + failure.get() + "; batch " + id + " not submitted (no manifest "
                        + "sent; the " + acknowledged.get() + " records Kafka took are rejected as incomplete at "
                        + "the batch timeout)");
                return 1;
            }
            if (acknowledged.get() != seq[0]) {
                System.err.println("lazaret: Kafka acknowledged " + acknowledged.get() + " of " + seq[0]
                        + " records; batch " + id + " not submitted (no manifest sent)");
                return 1;
            }
            progress.done(seq[0]);
            BatchManifest unsigned = new BatchManifest(
                    id, dataset, source, seq[0], digest.hex(), Instant.now().toString(), signer.keyId(), "");
            String signature = Signing.manifest(unsigned, signer.privateKey()).signature();
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("batch_id", id);
            manifest.put("dataset", dataset);
            manifest.put("source", source);
            manifest.put("record_count", unsigned.recordCount());
            manifest.put("content_sha256", unsigned.contentSha256());
            manifest.put("created_at", unsigned.createdAt());
            manifest.put("key_id", signer.keyId());
            manifest.put("signature", signature);
            try {
                producer.send(new ProducerRecord<>(manifestsTopic, id, CanonicalJson.bytes(manifest)))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                System.err.println("lazaret: the manifest of batch " + id + " was not written to " + manifestsTopic
                        + ": " + cause + "; the batch is not submitted");
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
