package dev.lazaret.core.models;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.contract.BatchRevocation;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.core.quarantine.audit.AuditEvent;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.integrity.CanonicalJson;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The model registry: the one task that sees every batch verdict, release and revocation, in one order.
 *
 * <p>Exactly-once: the registry reads {@code training.verdicts} (read_committed, so only verdicts whose quarantine
 * transaction committed), releases and revocations through one one-partition repartition topic, keeps the batches'
 * standings and the releases' verdicts in changelogged stores, and writes model verdicts, audit requests, dead letters
 * and alert conditions in the same transaction as its store updates and input offsets. A crash replays the
 * uncommitted inputs against the committed stores, so each release gets one verdict and each revocation one set of
 * alerts. The order inside the one partition is the order of decisions: a release is judged against every verdict that
 * reached the partition before it. A release sent right after the approval it names can reach the partition first (the
 * verdict takes its own way from {@code training.verdicts}); it is then refused as naming an unknown batch and can be
 * sent again, which {@code lazaret model release} avoids by naming only batches whose verdict it has read.
 */
final class ModelRegistryProcessor extends ContextualProcessor<String, RegistryInput, String, RegistryOutput> {
    static final String BATCHES_STORE = "models-batch-standings";
    static final String RELEASES_STORE = "models-releases";

    private final ReleaseJudge judge;
    private final TopicNames topics;
    private final InputMetrics inputMetrics;
    private KeyValueStore<String, BatchStanding> batches;
    private KeyValueStore<String, ModelVerdict> releases;

    ModelRegistryProcessor(ReleaseJudge judge, TopicNames topics, InputMetrics inputMetrics) {
        this.judge = judge;
        this.topics = topics;
        this.inputMetrics = inputMetrics;
    }

    @Override
    public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, RegistryOutput> context) {
        super.init(context);
        batches = context.getStateStore(BATCHES_STORE);
        releases = context.getStateStore(RELEASES_STORE);
    }

    @Override
    public void process(Record<String, RegistryInput> record) {
        RegistryInput in = record.value();
        if (in == null) {
            return;
        }
        long now = context().currentSystemTimeMs();
        if (in.verdict() != null) {
            BatchVerdict v = in.verdict();
            batches.put(v.batchId(), BatchStanding.next(batches.get(v.batchId()), v));
        } else if (in.release() != null) {
            onRelease(record, in.release(), now);
        } else if (in.revocation() != null) {
            onRevocation(record, in.revocation(), now);
        }
    }

    private void onRelease(Record<String, RegistryInput> record, ModelRelease release, long now) {
        ModelVerdict existing = releases.get(release.id());
        if (existing != null && existing.approved()) {
            // the last verdict of a version is its standing: a second release must not replace an approved one
            deadLetter(
                    record,
                    topics.modelReleases(),
                    JsonSerde.<ModelRelease>serializer().serialize(null, release),
                    "version '" + release.version() + "' of model '" + release.model()
                            + "' is already released and approved; a release cannot be replaced, publish a new version");
            return;
        }
        ModelVerdict verdict = judge.judge(release, id -> Optional.ofNullable(batches.get(id)), now);
        releases.put(verdict.id(), verdict);
        publish(verdict, record.timestamp());
        audit(verdict.id(), AuditEvent.MODEL_RELEASE, datasets(release), verdictBytes(verdict), record.timestamp());
    }

    private void onRevocation(Record<String, RegistryInput> record, BatchRevocation revocation, long now) {
        BatchStanding standing = batches.get(revocation.batchId());
        String refusal = standing == null
                ? "batch '" + revocation.batchId() + "' has no verdict: only an approved batch can be revoked"
                : standing.revoked()
                        ? "batch '" + revocation.batchId() + "' is already " + standing.describe()
                        : standing.verdict() != Verdict.APPROVED
                                ? "batch '" + revocation.batchId() + "' is " + standing.verdict()
                                        + ": only an approved batch can be revoked"
                                : null;
        if (refusal != null) {
            deadLetter(record, topics.trainingRevocations(), revocationBytes(revocation), refusal);
            return;
        }
        batches.put(revocation.batchId(), standing.revokedBy(revocation.operator(), revocation.reason()));
        audit(
                revocation.batchId(),
                AuditEvent.BATCH_REVOKED,
                standing.dataset(),
                revocationBytes(revocation),
                record.timestamp());
        List<ModelVerdict> affected = new ArrayList<>();
        try (KeyValueIterator<String, ModelVerdict> all = releases.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.approved() && kv.value.trainedOn(revocation.batchId())) {
                    affected.add(kv.value.withRevoked(revocation.batchId(), now));
                }
            });
        }
        for (ModelVerdict v : affected) {
            releases.put(v.id(), v);
            publish(v, record.timestamp());
            context()
                    .forward(new Record<>(
                            v.id(), RegistryOutput.of(revokedDataCondition(v, revocation, now)), record.timestamp()));
        }
    }

    static AlertCondition revokedDataCondition(ModelVerdict v, BatchRevocation revocation, long now) {
        return new AlertCondition(
                AlertKind.MODEL_TRAINED_ON_REVOKED_DATA,
                "model_version",
                v.id(),
                null,
                true,
                "revocation",
                v.revokedBatches().size(),
                0,
                revocation.batchId(),
                now,
                now,
                "model " + v.model() + " version " + v.version() + " was trained on batch " + revocation.batchId()
                        + ", revoked by " + revocation.operator() + ": " + revocation.reason()
                        + " (revoked batches it was trained on: " + String.join(", ", v.revokedBatches()) + ")",
                null);
    }

    private void publish(ModelVerdict verdict, long timestamp) {
        Headers headers = KafkaHeaders.empty();
        headers.add("lazaret.model.version", verdict.version().getBytes(StandardCharsets.UTF_8));
        headers.add("lazaret.release.status", verdict.status().name().getBytes(StandardCharsets.UTF_8));
        context()
                .forward(new Record<>(
                        verdict.model(),
                        RegistryOutput.to(topics.modelVerdicts(), verdictBytes(verdict)),
                        timestamp,
                        headers));
    }

    /** To the audit chain's requests topic, which has one writer: key = subject, kind and dataset as headers. */
    private void audit(String subject, String kind, String dataset, byte[] payload, long timestamp) {
        Headers headers = KafkaHeaders.empty();
        headers.add(AuditEvent.KIND_HEADER, kind.getBytes(StandardCharsets.UTF_8));
        headers.add(AuditEvent.DATASET_HEADER, dataset.getBytes(StandardCharsets.UTF_8));
        context()
                .forward(new Record<>(
                        subject,
                        RegistryOutput.to(QuarantineTopics.auditRequests(topics.prefix()), payload),
                        timestamp,
                        headers));
    }

    private void deadLetter(Record<String, RegistryInput> record, String sourceTopic, byte[] value, String detail) {
        Headers headers = KafkaHeaders.empty();
        // the registry reads its inputs through a repartition topic: the source named is the contract topic
        DeadLetterHeaders.add(headers, RejectReason.INVALID_VALUE, detail, sourceTopic, -1, -1L);
        inputMetrics.recordDeadLetter(sourceTopic.substring(topics.prefix().length()), RejectReason.INVALID_VALUE);
        context()
                .forward(new Record<>(
                        record.key(), RegistryOutput.to(topics.deadLetter(), value), record.timestamp(), headers));
    }

    private static String datasets(ModelRelease release) {
        return release.trainedOn().stream()
                .map(ModelRelease.TrainingSet::dataset)
                .distinct()
                .collect(Collectors.joining(","));
    }

    static byte[] verdictBytes(ModelVerdict verdict) {
        return JsonSerde.<ModelVerdict>serializer().serialize(null, verdict);
    }

    static byte[] revocationBytes(BatchRevocation revocation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batch_id", revocation.batchId());
        json.put("operator", revocation.operator());
        json.put("reason", revocation.reason());
        return CanonicalJson.bytes(json);
    }
}
