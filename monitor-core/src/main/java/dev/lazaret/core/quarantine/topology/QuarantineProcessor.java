package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.core.quarantine.checks.BatchEvaluation;
import dev.lazaret.core.quarantine.checks.BatchJudge;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.ReferenceView;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.metrics.QuarantineMetrics;
import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.policy.QuarantinePolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects batches, evaluates and releases them. Incoming records and manifests only update the stores; the heavy work
 * (the evaluation pass and the release) runs from a wall-clock punctuator in chunks of {@code
 * quarantine.release.chunk.records}, each chunk committed in its own transaction, so a crash resumes at the last
 * committed chunk: released records are deleted from the store in the same transaction that writes them out.
 */
final class QuarantineProcessor extends ContextualProcessor<String, QuarantineInput, String, Emission> {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineProcessor.class);
    static final String HEADER_BATCH_ID = "lazaret.batch.id";
    static final String HEADER_VERDICT = "lazaret.verdict";
    static final String HEADER_REFERENCE_ID = "lazaret.reference.id";
    private static final String CANDIDATE_SUFFIX = "\u0000candidate";

    private final QuarantineSettingsView settings;
    private final TopicNames topics;
    private final QuarantinePolicy policy;
    private final BatchJudge judge;
    private final QuarantineMetrics metrics;

    private KeyValueStore<String, byte[]> records;
    private KeyValueStore<String, BatchState> batches;
    private KeyValueStore<String, byte[]> work;
    private KeyValueStore<String, String> decided;
    private KeyValueStore<String, byte[]> filters;
    private KeyValueStore<String, byte[]> references;

    QuarantineProcessor(
            QuarantineSettingsView settings,
            TopicNames topics,
            QuarantinePolicy policy,
            BatchJudge judge,
            QuarantineMetrics metrics) {
        this.settings = settings;
        this.topics = topics;
        this.policy = policy;
        this.judge = judge;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        super.init(context);
        records = context.getStateStore(QuarantineStores.RECORDS);
        batches = context.getStateStore(QuarantineStores.BATCHES);
        work = context.getStateStore(QuarantineStores.WORK);
        decided = context.getStateStore(QuarantineStores.DECIDED);
        filters = context.getStateStore(QuarantineStores.FILTERS);
        references = context.getStateStore(QuarantineStores.REFERENCES);
        context.schedule(
                Duration.ofMillis(settings.punctuateIntervalMs()), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, QuarantineInput> input) {
        long now = System.currentTimeMillis();
        QuarantineInput value = input.value();
        if (value instanceof QuarantineInput.RecordIn r) {
            onRecord(r.record(), now);
        } else if (value instanceof QuarantineInput.ManifestIn m) {
            onManifest(m.manifest(), now);
        } else if (value instanceof QuarantineInput.DecisionIn d) {
            onDecision(d.decision(), now);
        }
    }

    private void onRecord(TrainingRecord record, long now) {
        String batchId = record.batchId();
        byte[] canonical = CanonicalForms.record(record);
        String firstVerdict = decided.get(batchId);
        BatchState state = batches.get(batchId);
        if (firstVerdict != null || (state != null && state.status() != BatchState.Status.COLLECTING)) {
            // the batch is complete or decided: this copy can only be late or replayed, and must not touch it
            emitRecord(batchId, canonical, Verdict.REJECTED, "late-or-replayed-record");
            metrics.released(record.dataset(), false, 1);
            return;
        }
        if (state == null) {
            state = BatchState.start(batchId, record.dataset(), now);
        }
        String key = RecordKeys.record(batchId, record.seq());
        boolean duplicate = records.get(key) != null;
        if (duplicate) {
            key = RecordKeys.duplicate(batchId, record.seq(), state.duplicateSeqs() + 1);
        }
        records.put(key, canonical);
        state = state.withRecord(duplicate, now);
        batches.put(batchId, state.complete() ? state.withStatus(BatchState.Status.EVALUATING) : state);
    }

    private void onManifest(BatchManifest manifest, long now) {
        String batchId = manifest.batchId();
        String firstVerdict = decided.get(batchId);
        DatasetPolicy datasetPolicy = policy.forDataset(manifest.dataset());
        if (firstVerdict != null) {
            publishVerdict(judge.replay(manifest, firstVerdict, datasetPolicy, now));
            return;
        }
        BatchState state = batches.get(batchId);
        if (state == null) {
            state = BatchState.start(batchId, manifest.dataset(), now);
        }
        if (state.manifest() != null) {
            if (state.verdict() != null) {
                // judged already (held or releasing): the first outcome stands and this manifest is a replay, as it
                // would be once the batch is decided
                publishVerdict(judge.replay(manifest, state.verdict().verdict(), datasetPolicy, now));
            } else if (!state.manifest().equals(manifest)) {
                batches.put(batchId, state.withConflictingManifest());
            } else {
                LOG.info("batch {}: identical manifest received again; ignored", batchId);
            }
            return;
        }
        state = state.withManifest(manifest, now);
        batches.put(batchId, state.complete() ? state.withStatus(BatchState.Status.EVALUATING) : state);
    }

    private void onDecision(OperatorDecision decision, long now) {
        BatchState state = batches.get(decision.batchId());
        if (state == null || state.status() != BatchState.Status.HELD) {
            String status = state != null
                    ? state.status().name()
                    : decided.get(decision.batchId()) != null
                            ? "decided: " + decided.get(decision.batchId())
                            : "unknown";
            deadLetterDecision(decision, "batch " + decision.batchId() + " is not held (" + status + ")");
            return;
        }
        String verdict = decision.decision() == OperatorDecision.Decision.RELEASE ? Verdict.APPROVED : Verdict.REJECTED;
        Verdict decidedVerdict =
                state.verdict().decidedByOperator(verdict, decision.operator(), decision.reason(), now);
        batches.put(decision.batchId(), state.decided(decidedVerdict, BatchState.Status.RELEASING));
        publishVerdict(decidedVerdict);
    }

    private void punctuate(long now) {
        int budget = settings.chunkRecords();
        List<BatchState> active = new ArrayList<>();
        try (KeyValueIterator<String, BatchState> all = batches.all()) {
            all.forEachRemaining(kv -> active.add(kv.value));
        }
        boolean worked = false;
        for (BatchState state : active) {
            if (budget <= 0) {
                break;
            }
            switch (state.status()) {
                case COLLECTING -> {
                    if (now - state.firstSeenMs() >= settings.batchTimeoutMs()) {
                        Verdict v = judge.incomplete(
                                state.facts(), policy.forDataset(state.dataset()), settings.batchTimeoutMs(), now);
                        batches.put(state.batchId(), state.decided(v, BatchState.Status.RELEASING));
                        publishVerdict(v);
                        worked = true;
                    }
                }
                case EVALUATING -> {
                    budget -= evaluateChunk(state, budget, now);
                    worked = true;
                }
                case RELEASING -> {
                    budget -= releaseChunk(state, budget);
                    worked = true;
                }
                case HELD -> {}
            }
        }
        reportPending();
        if (worked) {
            // one chunk per transaction: commit now rather than let several chunks pile into one
            context().commit();
        }
    }

    private int evaluateChunk(BatchState state, int budget, long now) {
        ReferenceBundle reference = reference(state.dataset());
        RecordBloomFilter filter = filter(state.dataset());
        byte[] saved = work.get(state.batchId());
        BatchEvaluation evaluation = null;
        if (saved != null) {
            String savedRef = BatchEvaluation.decodeWithoutPoisoning(saved).referenceId();
            String currentRef = reference == null ? null : reference.referenceId();
            if (java.util.Objects.equals(savedRef, currentRef)) {
                evaluation = BatchEvaluation.decode(saved, reference, filter);
            }
            // the reference changed mid-pass (promotion): start over, so the whole batch meets one reference
        }
        if (evaluation == null) {
            evaluation = BatchEvaluation.start(reference, filter);
        }
        ReferenceView view = reference == null ? null : new ReferenceView(reference);
        String from =
                evaluation.cursor() == null ? RecordKeys.first(state.batchId()) : RecordKeys.after(evaluation.cursor());
        int done = 0;
        boolean exhausted;
        try (KeyValueIterator<String, byte[]> it = records.range(from, RecordKeys.last(state.batchId()))) {
            while (done < budget && it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                done++;
                if (RecordKeys.isDuplicate(kv.key, state.batchId())) {
                    evaluation.skip(kv.key);
                    continue;
                }
                RecordRows.Stored stored = RecordRows.read(kv.value);
                evaluation.accept(
                        kv.key,
                        kv.value,
                        RecordKeys.seq(kv.key, state.batchId()),
                        stored.dataset(),
                        state.dataset(),
                        state.manifest().recordCount(),
                        stored.row(),
                        view);
            }
            exhausted = !it.hasNext();
        }
        if (!exhausted) {
            work.put(state.batchId(), evaluation.encode());
            return done;
        }
        evaluation.finish(state.manifest().recordCount());
        Verdict verdict = judge.judge(state.facts(), evaluation, reference, policy.forDataset(state.dataset()), now);
        work.put(state.batchId(), evaluation.encode());
        BatchState.Status next =
                Verdict.HELD.equals(verdict.verdict()) ? BatchState.Status.HELD : BatchState.Status.RELEASING;
        batches.put(state.batchId(), state.decided(verdict, next));
        publishVerdict(verdict);
        return Math.max(done, 1);
    }

    private int releaseChunk(BatchState state, int budget) {
        boolean approved = Verdict.APPROVED.equals(state.verdict().verdict());
        RecordBloomFilter filter = approved ? filter(state.dataset()) : null;
        ReferenceBundle reference = approved ? reference(state.dataset()) : null;
        PoisoningReference candidate = approved ? candidate(state, reference) : null;
        int done = 0;
        boolean exhausted;
        try (KeyValueIterator<String, byte[]> it =
                records.range(RecordKeys.first(state.batchId()), RecordKeys.last(state.batchId()))) {
            while (done < budget && it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                emitRecord(state.batchId(), kv.value, state.verdict().verdict(), null);
                if (approved) {
                    var row = ReferenceBuilder.labeled(RecordRows.read(kv.value).row());
                    filter.add(row);
                    candidate.update(row);
                }
                records.delete(kv.key);
                done++;
            }
            exhausted = !it.hasNext();
        }
        metrics.released(state.dataset(), approved, done);
        if (approved) {
            filters.put(state.dataset(), filter.encode());
        }
        if (!exhausted) {
            if (approved) {
                work.put(state.batchId() + CANDIDATE_SUFFIX, candidate.encode());
            }
            batches.put(state.batchId(), state.withReleased(done));
            return done;
        }
        if (approved) {
            publishCandidate(state, reference, candidate);
        }
        decided.put(state.batchId(), state.verdict().verdict());
        batches.delete(state.batchId());
        work.delete(state.batchId());
        work.delete(state.batchId() + CANDIDATE_SUFFIX);
        return Math.max(done, 1);
    }

    private PoisoningReference candidate(BatchState state, ReferenceBundle reference) {
        byte[] saved = work.get(state.batchId() + CANDIDATE_SUFFIX);
        if (saved != null) {
            return PoisoningReference.decode(saved);
        }
        PoisoningConfig config = PoisoningConfig.defaults();
        if (reference != null) {
            // same bins as the pinned reference, so a promoted batch stays comparable bin for bin
            return PoisoningReference.create(reference.poisoning().bins(), config);
        }
        byte[] evaluation = work.get(state.batchId());
        return PoisoningReference.create(
                BatchEvaluation.decodeWithoutPoisoning(evaluation).bins(config.numericBins()), config);
    }

    /**
     * Publishes the approved batch's profile as a candidate reference, and pins it as the dataset's reference when the
     * dataset has none and the policy allows bootstrap (the reference check said so when the batch was judged).
     */
    private void publishCandidate(BatchState state, ReferenceBundle current, PoisoningReference candidate) {
        byte[] evaluation = work.get(state.batchId());
        ReferenceBundle bundle = new ReferenceBundle(
                "batch:" + state.batchId(),
                state.dataset(),
                BatchEvaluation.decodeWithoutPoisoning(evaluation).profile(),
                candidate);
        byte[] bytes = bundle.encode();
        String refTopic = QuarantineTopics.references(topics.prefix());
        emit(QuarantineTopics.candidateKey(state.batchId()), new Emission(refTopic, bytes, null), KafkaHeaders.empty());
        boolean bootstrap = current == null
                && policy.forDataset(state.dataset()).bootstrapReference()
                && "policy".equals(state.verdict().decidedBy())
                && state.verdict().checks().stream()
                        .anyMatch(c -> c.check().equals(CheckName.REFERENCE.label()) && c.status() == CheckStatus.PASS)
                && references.get(QuarantineTopics.referenceKey(state.dataset())) == null;
        if (bootstrap) {
            emit(
                    QuarantineTopics.referenceKey(state.dataset()),
                    new Emission(refTopic, bytes, null),
                    KafkaHeaders.empty());
            Headers headers = KafkaHeaders.empty();
            headers.add(HEADER_REFERENCE_ID, bundle.referenceId().getBytes(StandardCharsets.UTF_8));
            emit(
                    state.dataset(),
                    new Emission(topics.profiles(), ProfileCodec.encode(bundle.profile()), null),
                    headers);
            emit(
                    state.dataset(),
                    new Emission(
                            QuarantineTopics.auditRequests(topics.prefix()),
                            QuarantineTopics.referenceChange(
                                    state.dataset(), bundle.referenceId(), "bootstrap", "policy"),
                            null),
                    KafkaHeaders.empty());
            LOG.info("dataset {}: reference bootstrapped from approved batch {}", state.dataset(), state.batchId());
        }
    }

    private ReferenceBundle reference(String dataset) {
        byte[] bytes = references.get(QuarantineTopics.referenceKey(dataset));
        return bytes == null ? null : ReferenceBundle.decode(bytes);
    }

    private RecordBloomFilter filter(String dataset) {
        byte[] bytes = filters.get(dataset);
        return bytes != null
                ? RecordBloomFilter.decode(bytes)
                : RecordBloomFilter.withCapacity(settings.replayFilterRecords(), 0.001);
    }

    private void publishVerdict(Verdict verdict) {
        metrics.verdict(verdict);
        byte[] json = JsonSerde.<Verdict>serializer().serialize(topics.trainingVerdicts(), verdict);
        Headers headers = KafkaHeaders.empty();
        headers.add(HEADER_BATCH_ID, verdict.batchId().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_VERDICT, verdict.verdict().getBytes(StandardCharsets.UTF_8));
        emit(verdict.batchId(), new Emission(topics.trainingVerdicts(), json, verdict), headers);
        LOG.info(
                "batch {} ({}): {} by {}: {}",
                verdict.batchId(),
                verdict.dataset(),
                verdict.verdict(),
                verdict.decidedBy(),
                verdict.reason());
    }

    private void emitRecord(String batchId, byte[] canonical, String verdict, String reason) {
        Headers headers = KafkaHeaders.empty();
        headers.add(HEADER_BATCH_ID, batchId.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_VERDICT, verdict.getBytes(StandardCharsets.UTF_8));
        if (reason != null) {
            headers.add("lazaret.reason", reason.getBytes(StandardCharsets.UTF_8));
        }
        String topic = Verdict.APPROVED.equals(verdict) ? topics.trainingApproved() : topics.trainingRejected();
        emit(batchId, new Emission(topic, canonical, null), headers);
    }

    private void deadLetterDecision(OperatorDecision decision, String detail) {
        Headers headers = KafkaHeaders.empty();
        RecordMetadata source = context().recordMetadata().orElse(null);
        DeadLetterHeaders.add(
                headers,
                RejectReason.INVALID_VALUE,
                detail,
                source == null ? topics.trainingDecisions() : source.topic(),
                source == null ? -1 : source.partition(),
                source == null ? -1L : source.offset());
        byte[] json = JsonSerde.serializer().serialize(topics.deadLetter(), decision);
        emit(decision.batchId(), new Emission(topics.deadLetter(), json, null), headers);
        LOG.warn("operator decision sent to the dead-letter topic: {}", detail);
    }

    private void emit(String key, Emission emission, Headers headers) {
        context().forward(new Record<>(key, emission, System.currentTimeMillis(), headers));
    }

    private void reportPending() {
        Map<String, long[]> pending = new HashMap<>();
        try (KeyValueIterator<String, BatchState> all = batches.all()) {
            all.forEachRemaining(kv -> {
                long[] counts = pending.computeIfAbsent(kv.value.dataset(), d -> new long[2]);
                counts[0]++;
                counts[1] += kv.value.pendingRecords();
            });
        }
        metrics.pending(context().taskId().toString(), pending);
    }
}
