package dev.lazaret.app.quarantine;

import dev.lazaret.app.verdicts.BatchHistory;
import dev.lazaret.core.contract.BatchRevocation;
import dev.lazaret.core.parse.FieldLimits;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lazaret batches revoke B}: marks an approved batch later found bad as revoked, on {@code
 * training.revocations}. The topology audits it and alerts for every approved model version trained on it. Unsigned,
 * like {@code model recalibrate}: a revocation releases nothing, it only raises alarms, so Kafka's ACLs on the topic
 * are its fence.
 */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = {
            "Revoke an approved batch later found bad. Audited; every approved model version trained on it raises "
                    + "MODEL_TRAINED_ON_REVOKED_DATA and fails lazaret model verify.",
            "Exit 0: sent; 1: Kafka unreachable; 2: bad input (the batch is not approved)."
        })
final class BatchRevokeCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Parameters(index = "0", paramLabel = "BATCH", description = "Batch id, as lazaret batches list shows it.")
    String batch;

    @Option(names = "--operator", required = true, description = "Your name, recorded in the audit trail.")
    String operator;

    @Option(names = "--reason", required = true, description = "Why, recorded in the audit trail.")
    String reason;

    @Override
    public Integer call() throws Exception {
        return BatchesCommand.reading(kafka, this::revoke);
    }

    private int revoke() throws IOException {
        if (operator.isBlank()
                || reason.isBlank()
                || operator.length() > FieldLimits.MAX_NAME_CHARS
                || reason.length() > FieldLimits.MAX_TEXT_CHARS) {
            System.err.println("lazaret: --operator and --reason must not be blank (at most "
                    + FieldLimits.MAX_NAME_CHARS + " and " + FieldLimits.MAX_TEXT_CHARS + " characters)");
            return BomCommand.BAD_INPUT;
        }
        // the topology refuses it too (dead letter); checked here so the operator hears it at once
        BatchHistory h = BatchesCommand.histories(kafka).get(batch);
        if (h == null || h.approval().isEmpty()) {
            System.err.println("lazaret: batch '" + batch + "' is not approved ("
                    + (h == null ? "no verdict" : h.verdict().verdict()) + "); only an approved batch can be revoked");
            return BomCommand.BAD_INPUT;
        }
        SendOutcome sends = new SendOutcome();
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            producer.send(
                    new ProducerRecord<>(
                            kafka.prefix + "training.revocations",
                            batch,
                            JsonSerde.writer().writeValueAsBytes(new BatchRevocation(batch, operator, reason))),
                    sends);
            producer.flush();
        }
        if (sends.failure() != null) {
            System.err.println("lazaret: revocation of batch " + batch + " not sent: " + sends.failure());
            return BomCommand.KAFKA_UNAVAILABLE;
        }
        System.out.println("sent revocation of batch " + batch + " (" + Verdict.APPROVED + ", dataset " + h.dataset()
                + ") by " + operator + "; the audit trail records it");
        return 0;
    }
}
