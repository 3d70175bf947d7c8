package dev.lazaret.app.quarantine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lazaret.app.verdicts.BatchHistory;
import dev.lazaret.app.verdicts.BlastRadius;
import dev.lazaret.app.verdicts.RejectionMargin;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.drift.DriftReport;
import dev.lazaret.core.models.ModelVerdict;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lazaret trace}: the blast radius between training data and models. A model version's training batches,
 * nearest to rejection first ({@link BlastRadius#rank}); the versions trained on a batch; or either, from an alert.
 */
@Command(
        name = "trace",
        description = {
            "With --model and --version: the version's training batches, ranked by how close each came to rejection "
                    + "(the smallest margin of its checks: 1 - score/threshold, or 1 - threshold/score for a p-value "
                    + "check; 0 at the threshold, negative beyond it), with source, signer and verdict.",
            "With --batch: every model version whose release names the batch, approved or refused.",
            "With --alert: the alert's subject: a model version (UNAPPROVED_MODEL_VERSION, "
                    + "MODEL_TRAINED_ON_REVOKED_DATA) is traced as --model/--version; a model's drift alert traces "
                    + "every released version in the alert's window (from drift.reports); a dataset's batch alert "
                    + "traces its batch as --batch.",
            "Reads models.verdicts and training.verdicts (and alerts, drift.reports for --alert), read_committed, "
                    + "from the start to the current end.",
            "Exit 0: traced; 1: Kafka unreachable or too slow; 2: bad input, or nothing to trace (a version with no "
                    + "release, a batch neither decided nor named by a release, an alert id not on the topic)."
        })
public final class TraceCommand implements Callable<Integer> {
    @Mixin
    HelpOnly help = new HelpOnly();

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    static final class Subject {
        @ArgGroup(exclusive = false)
        Version version;

        @Option(names = "--batch", description = "A training batch id: list the versions trained on it.")
        String batch;

        @Option(names = "--alert", description = "An alert id from the alerts topic: trace its subject.")
        String alert;
    }

    static final class Version {
        @Option(names = "--model", required = true, description = "The model (with --version).")
        String model;

        @Option(names = "--version", required = true, description = "The model version (with --model).")
        String version;
    }

    @Option(names = "--json", description = "Write JSON instead of a table.")
    boolean json;

    @Option(
            names = "--timeout-ms",
            defaultValue = "30000",
            description = "How long to wait for Kafka to answer, and then for the topics to be read "
                    + "(default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() throws IOException {
        Duration timeout = Duration.ofMillis(timeoutMs);
        try {
            Map<String, ModelVerdict> standings = ModelVerdictLog.read(kafka, timeout);
            if (subject.batch != null) {
                return batch(subject.batch, standings, timeout);
            }
            if (subject.version != null) {
                String id = dev.lazaret.core.contract.ModelRelease.releaseId(
                        subject.version.model, subject.version.version);
                return versions(List.of(id), standings, timeout);
            }
            return alert(subject.alert, standings, timeout);
        } catch (IllegalArgumentException e) {
            return fail(BomCommand.BAD_INPUT, e.getMessage());
        } catch (KafkaException e) {
            return fail(
                    BomCommand.KAFKA_UNAVAILABLE,
                    "cannot read Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
        }
    }

    private int versions(List<String> ids, Map<String, ModelVerdict> standings, Duration timeout) {
        List<ModelVerdict> found = new ArrayList<>();
        for (String id : ids) {
            ModelVerdict v = standings.get(id);
            if (v == null) {
                System.err.println("lazaret: no release of " + id + " on " + kafka.prefix + "models.verdicts");
            } else {
                found.add(v);
            }
        }
        if (found.isEmpty()) {
            return BomCommand.BAD_INPUT;
        }
        Map<String, BatchHistory> histories = BatchHistory.fold(VerdictLog.read(kafka, timeout));
        ArrayNode out = JSON.arrayNode();
        for (ModelVerdict v : found) {
            List<BlastRadius.TracedBatch> ranked = BlastRadius.rank(v, histories);
            if (json) {
                out.add(versionJson(v, ranked));
            } else {
                printVersion(v, ranked);
            }
        }
        if (json) {
            printJson(found.size() == 1 ? out.get(0) : out);
        }
        return 0;
    }

    private int batch(String batchId, Map<String, ModelVerdict> standings, Duration timeout) {
        List<ModelVerdict> trained = BlastRadius.trainedOn(batchId, standings.values());
        if (trained.isEmpty()) {
            boolean decided = BatchHistory.fold(VerdictLog.read(kafka, timeout)).containsKey(batchId);
            if (!decided) {
                return fail(
                        BomCommand.BAD_INPUT,
                        "batch '" + batchId + "' has no verdict on " + kafka.prefix
                                + "training.verdicts and no release names it");
            }
            System.err.println("lazaret: no model version was trained on batch '" + batchId + "'");
        }
        if (json) {
            ObjectNode root = JSON.objectNode();
            root.put("batch", batchId);
            ArrayNode versions = root.putArray("versions");
            for (ModelVerdict v : trained) {
                ObjectNode n = versions.addObject();
                n.put("model", v.model());
                n.put("version", v.version());
                n.put("status", v.status().name());
                n.put("batch_revoked", v.revokedBatches().contains(batchId));
                n.put("signer", v.keyId());
                n.put("created_at", v.createdAt());
            }
            printJson(root);
        } else {
            System.out.printf(
                    Locale.ROOT, "%-24s %-12s %-9s %-8s %s%n", "MODEL", "VERSION", "STATUS", "REVOKED", "SIGNER");
            for (ModelVerdict v : trained) {
                System.out.printf(
                        Locale.ROOT,
                        "%-24s %-12s %-9s %-8s %s%n",
                        v.model(),
                        v.version(),
                        v.status().name(),
                        v.revokedBatches().contains(batchId) ? "yes" : "no",
                        v.keyId());
            }
        }
        return 0;
    }

    /** See {@link AlertSubject#of} for how an alert's subject maps to what is traced. */
    private int alert(String alertId, Map<String, ModelVerdict> standings, Duration timeout) {
        Alert alert = findAlert(alertId, timeout)
                .orElseThrow(
                        () -> new IllegalArgumentException("no alert '" + alertId + "' on " + kafka.prefix + "alerts"));
        AlertSubject traced = AlertSubject.of(alert, kafka.prefix, a -> findReport(a, timeout));
        if (traced.note() != null) {
            System.err.println("lazaret: " + traced.note());
        }
        return traced.batchId() != null
                ? batch(traced.batchId(), standings, timeout)
                : versions(traced.releaseIds(), standings, timeout);
    }

    private Optional<Alert> findAlert(String alertId, Duration timeout) {
        String topic = kafka.prefix + "alerts";
        for (ConsumerRecord<String, byte[]> r : kafka.readAllOrFail(topic, timeout)) {
            Alert a = read(r, Alert.class, topic);
            if (a != null && alertId.equals(a.alertId())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private Optional<DriftReport> findReport(Alert alert, Duration timeout) {
        String topic = kafka.prefix + "drift.reports";
        for (ConsumerRecord<String, byte[]> r : kafka.readAllOrFail(topic, timeout)) {
            if (alert.subject().equals(r.key())) {
                DriftReport report = read(r, DriftReport.class, topic);
                if (report != null && java.util.Objects.equals(alert.window(), report.window())) {
                    return Optional.of(report);
                }
            }
        }
        return Optional.empty();
    }

    private static <T> T read(ConsumerRecord<String, byte[]> r, Class<T> type, String topic) {
        if (r.value() == null) {
            return null;
        }
        try {
            return JsonSerde.reader().readValue(r.value(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable record at " + topic + "-" + r.partition() + "@" + r.offset()
                    + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static void printVersion(ModelVerdict v, List<BlastRadius.TracedBatch> ranked) {
        System.out.println("model " + v.id() + ": " + v.status().name()
                + (v.revokedBatches().isEmpty() ? "" : ", revoked batches " + String.join(",", v.revokedBatches()))
                + ", signed by " + v.keyId() + "; training batches nearest to rejection first");
        String row = "%-4s %-14s %-24s %-9s %-9s %-22s %-10s %-10s %-14s %s%n";
        System.out.printf(
                Locale.ROOT,
                row,
                "RANK",
                "DATASET",
                "BATCH",
                "VERDICT",
                "MARGIN",
                "NEAREST CHECK",
                "SCORE",
                "THRESHOLD",
                "SOURCE",
                "SIGNER");
        int rank = 0;
        for (BlastRadius.TracedBatch b : ranked) {
            rank++;
            Optional<BatchVerdict> current = b.current();
            System.out.printf(
                    Locale.ROOT,
                    row,
                    rank,
                    b.dataset(),
                    b.batchId(),
                    verdict(b),
                    b.nearest().map(m -> number(m.margin())).orElse("-"),
                    b.nearest()
                            .map(m -> m.check().check() == null
                                    ? "?"
                                    : m.check().check().label())
                            .orElse("-"),
                    b.nearest().map(m -> number(m.check().score())).orElse("-"),
                    b.nearest().map(m -> number(m.check().threshold())).orElse("-"),
                    current.map(BatchVerdict::source).orElse("-"),
                    current.map(BatchVerdict::keyId).orElse("-"));
        }
    }

    private static ObjectNode versionJson(ModelVerdict v, List<BlastRadius.TracedBatch> ranked) {
        ObjectNode n = JSON.objectNode();
        n.put("model", v.model());
        n.put("version", v.version());
        n.put("status", v.status().name());
        n.put("signer", v.keyId());
        ArrayNode revoked = n.putArray("revoked_batches");
        v.revokedBatches().forEach(revoked::add);
        ArrayNode batches = n.putArray("batches");
        int rank = 0;
        for (BlastRadius.TracedBatch b : ranked) {
            ObjectNode o = batches.addObject();
            o.put("rank", ++rank);
            o.put("dataset", b.dataset());
            o.put("batch_id", b.batchId());
            o.put("verdict", verdict(b));
            o.put("source", b.current().map(BatchVerdict::source).orElse(null));
            o.put("signer", b.current().map(BatchVerdict::keyId).orElse(null));
            b.evidence().ifPresent(e -> o.put("evidence_verdict", e.id()));
            if (b.nearest().isPresent()) {
                RejectionMargin m = b.nearest().get();
                ObjectNode check = o.putObject("nearest_check");
                check.put(
                        "check",
                        m.check().check() == null ? null : m.check().check().label());
                check.put("status", m.check().status().name());
                putNumber(check, "score", m.check().score());
                putNumber(check, "threshold", m.check().threshold());
                putNumber(check, "margin", m.margin());
            } else {
                o.putNull("nearest_check");
            }
        }
        return n;
    }

    /** The batch's verdict as the trace shows it: revoked wins over the verdict that approved it. */
    private static String verdict(BlastRadius.TracedBatch b) {
        if (b.revoked()) {
            return "REVOKED";
        }
        return b.current().map(c -> c.verdict().name()).orElse("UNKNOWN");
    }

    /** JSON has no infinity: a margin of a p-value of exactly 0 is written as the string {@code -Infinity}. */
    private static void putNumber(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, value);
        } else {
            n.put(field, Double.toString(value));
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static void printJson(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            System.out.println(JsonSerde.writer().withDefaultPrettyPrinter().writeValueAsString(node));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int fail(int status, String message) {
        System.err.println("lazaret: " + message);
        return status;
    }
}
