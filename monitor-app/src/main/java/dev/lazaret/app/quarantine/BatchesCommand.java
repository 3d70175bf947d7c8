package dev.lazaret.app.quarantine;

import dev.lazaret.app.verdicts.BatchHistory;
import dev.lazaret.app.verdicts.RecordedVerdict;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.integrity.Signing;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lazaret batches list|show|release|reject|revoke}, through the verdicts and decisions topics. */
@Command(
        name = "batches",
        mixinStandardHelpOptions = true,
        description = "Inspect verdicts and decide held batches.",
        subcommands = {
            BatchesCommand.ListBatches.class,
            BatchesCommand.Show.class,
            BatchesCommand.Release.class,
            BatchesCommand.Reject.class,
            BatchRevokeCommand.class
        })
public final class BatchesCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** How long the commands wait for Kafka to answer, and then for the verdicts to be read. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** Every batch as its verdicts tell it, in the order they were last decided; replays never replace a batch. */
    static Map<String, BatchHistory> histories(KafkaOptions kafka) {
        return BatchHistory.fold(VerdictLog.read(kafka, READ_TIMEOUT));
    }

    /** Runs {@code command}, turning what reading Kafka can throw into one line on stderr and an exit status. */
    static int reading(KafkaOptions kafka, Callable<Integer> command) throws Exception {
        try {
            return command.call();
        } catch (IllegalArgumentException e) {
            System.err.println("lazaret: " + e.getMessage());
            return BomCommand.BAD_INPUT;
        } catch (KafkaException e) {
            System.err.println("lazaret: cannot read Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
            return BomCommand.KAFKA_UNAVAILABLE;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per batch: its latest verdict.")
    static final class ListBatches implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka = new KafkaOptions();

        @Option(names = "--dataset", description = "Only this dataset.")
        String dataset;

        @Option(names = "--held", description = "Only batches waiting for a decision.")
        boolean held;

        @Override
        public Integer call() throws Exception {
            return reading(kafka, this::list);
        }

        private int list() {
            Map<String, BatchHistory> histories = histories(kafka);
            System.out.printf(
                    "%-36s %-16s %-9s %-12s %-7s %s%n",
                    "BATCH", "DATASET", "VERDICT", "DECIDED BY", "REPLAYS", "REASON");
            for (BatchHistory h : histories.values()) {
                BatchVerdict v = h.verdict();
                if ((dataset == null || dataset.equals(v.dataset())) && (!held || Verdict.HELD.equals(v.verdict()))) {
                    String reason = v.reason().length() > 100 ? v.reason().substring(0, 97) + "..." : v.reason();
                    System.out.printf(
                            "%-36s %-16s %-9s %-12s %-7d %s%n",
                            v.batchId(),
                            v.dataset(),
                            v.verdict(),
                            v.decidedBy(),
                            h.replays().size(),
                            reason);
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A batch's latest verdict, check by check.")
    static final class Show implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka = new KafkaOptions();

        @Option(names = "--batch", required = true, description = "Batch id, as lazaret batches list shows it.")
        String batch;

        @Override
        public Integer call() throws Exception {
            return reading(kafka, this::show);
        }

        private int show() {
            BatchHistory h = histories(kafka).get(batch);
            if (h == null) {
                System.err.println("lazaret: no verdict for batch '" + batch + "'");
                return BomCommand.BAD_INPUT;
            }
            BatchVerdict v = h.verdict();
            System.out.printf(
                    "batch %s  dataset %s  source %s  key %s%nverdict %s by %s%s%nrecords: claimed %d, received %d, "
                            + "distinct seqs %d, duplicates %d%ncontent_sha256: claimed %s, computed %s%nreference: %s%n",
                    v.batchId(),
                    v.dataset(),
                    v.source(),
                    v.keyId(),
                    v.verdict(),
                    v.decidedBy(),
                    v.previousVerdict() == null ? "" : " (was " + v.previousVerdict() + ")",
                    v.recordCount(),
                    v.recordsReceived(),
                    v.distinctSeqs(),
                    v.duplicateSeqs(),
                    v.contentSha256Claimed(),
                    v.contentSha256Computed(),
                    v.referenceId());
            for (CheckResult c : v.checks()) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-5s %-22s score %-10.4g threshold %-8.4g %s%n",
                        c.status().name().toLowerCase(Locale.ROOT),
                        c.check().label(),
                        c.score(),
                        c.threshold(),
                        c.evidence());
            }
            for (RecordedVerdict replay : h.replays()) {
                // a refused submission under this id: an event about the batch, never its state
                System.out.printf(
                        "replay refused at %s (verdict %s): %s%n",
                        Instant.ofEpochMilli(replay.verdict().verdictMs()),
                        replay.id(),
                        replay.verdict().reason());
            }
            return 0;
        }
    }

    /** Shared by release and reject. */
    abstract static class Decide implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka = new KafkaOptions();

        @Option(names = "--batch", required = true, description = "Batch id, as lazaret batches list shows it.")
        String batch;

        @Option(names = "--operator", required = true, description = "Your name, recorded in the verdict.")
        String operator;

        @Option(names = "--reason", required = true, description = "Why, recorded in the verdict.")
        String reason;

        /** The operator's key: the keyring's {@code operators} must list it under {@code --operator}. */
        @Mixin
        SigningKey signingKey = new SigningKey();

        abstract String decision();

        @Override
        public Integer call() throws Exception {
            return reading(kafka, this::decide);
        }

        private int decide() throws IOException {
            // a key that cannot sign fails before Kafka is asked anything
            SigningKey.Signer signer = signingKey.load();
            BatchHistory h = histories(kafka).get(batch);
            if (h == null || !Verdict.HELD.equals(h.verdict().verdict())) {
                System.err.println("lazaret: batch '" + batch + "' is not held ("
                        + (h == null ? "no verdict" : h.verdict().verdict()) + ")");
                return BomCommand.BAD_INPUT;
            }
            OperatorDecision unsigned = new OperatorDecision(
                    batch, OperatorDecision.Decision.valueOf(decision()), operator, reason, signer.keyId(), "");
            SendOutcome sends = new SendOutcome();
            try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
                producer.send(
                        new ProducerRecord<>(
                                kafka.prefix + "training.decisions",
                                batch,
                                Signing.decisionJson(unsigned, signer.privateKey())),
                        sends);
                producer.flush();
            }
            if (sends.failure() != null) {
                System.err.println("lazaret: decision for batch " + batch + " not sent: " + sends.failure());
                return 1;
            }
            System.out.println("sent " + decision() + " for batch " + batch + " by " + operator);
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Release a held batch to approved.")
    static final class Release extends Decide {
        @Override
        String decision() {
            return "RELEASE";
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a held batch.")
    static final class Reject extends Decide {
        @Override
        String decision() {
            return "REJECT";
        }
    }
}
