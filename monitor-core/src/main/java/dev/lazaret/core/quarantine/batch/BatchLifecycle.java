package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.quarantine.batch.BatchCommand.DeadLetterDecision;
import dev.lazaret.core.quarantine.batch.BatchCommand.PublishVerdict;
import dev.lazaret.core.quarantine.batch.BatchCommand.PutState;
import dev.lazaret.core.quarantine.checks.BatchJudge;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.policy.QuarantinePolicy;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch's life: COLLECTING until its manifest and every record are in (or the timeout passes); judged then from the
 * evaluation fed as its records arrived ({@link LiveEvaluations}), or else EVALUATING in chunks over the store; then
 * HELD for an operator or RELEASING in chunks, and finally remembered as decided. Inputs and ticks come in with
 * the batch's state and the time; commands go out. No Kafka, no clock; the threads that update the evaluations
 * of arriving batches are its own, so {@link #close} it.
 */
public final class BatchLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchLifecycle.class);

    private final BatchJudge judge;
    private final QuarantinePolicy policy;
    private final long batchTimeoutMs;
    private final EvaluationStep evaluation;
    private final ReleaseStep release;
    private final ReplayFilters filters;
    private final LiveEvaluations live;

    /**
     * @param batchTimeoutMs how long a batch may stay incomplete, from its first record or manifest
     * @param replayFilterRecords capacity of a dataset's replay filter when it is first created
     */
    public BatchLifecycle(BatchJudge judge, QuarantinePolicy policy, long batchTimeoutMs, long replayFilterRecords) {
        this(
                judge,
                policy,
                batchTimeoutMs,
                replayFilterRecords,
                ProjectionSettings.DEFAULTS,
                ReleaseStep.DEFAULT_CHUNK_BYTES,
                QuarantineSettings.EVALUATION_THREADS_DEFAULT);
    }

    /**
     * @param projections the projections of vector features the dataset's reference does not have (bootstrap)
     * @param releaseChunkBytes canonical bytes a release chunk copies (it ends with the record that reaches them)
     * @param evaluationThreads threads that update the evaluations of batches as their records arrive; 0 updates them
     *     on the caller's thread
     */
    public BatchLifecycle(
            BatchJudge judge,
            QuarantinePolicy policy,
            long batchTimeoutMs,
            long replayFilterRecords,
            ProjectionSettings projections,
            long releaseChunkBytes,
            int evaluationThreads) {
        this(
                judge,
                policy,
                batchTimeoutMs,
                replayFilterRecords,
                projections,
                releaseChunkBytes,
                LiveEvaluations.MAX_OPEN,
                new EvaluationLanes(evaluationThreads));
    }

    /**
     * @param liveEvaluations batches evaluated as their records arrive at once; 0 sends each to the pass
     * @param lanes where their records' work runs (closed with this)
     */
    BatchLifecycle(
            BatchJudge judge,
            QuarantinePolicy policy,
            long batchTimeoutMs,
            long replayFilterRecords,
            ProjectionSettings projections,
            long releaseChunkBytes,
            int liveEvaluations,
            EvaluationLanes lanes) {
        this.judge = judge;
        this.policy = policy;
        this.batchTimeoutMs = batchTimeoutMs;
        this.live = new LiveEvaluations(liveEvaluations, projections, lanes);
        this.filters = new ReplayFilters(replayFilterRecords);
        this.release = new ReleaseStep(policy, filters, releaseChunkBytes);
        this.evaluation = new EvaluationStep(judge, policy, filters, projections, release);
    }

    /**
     * What a tick did to one batch.
     *
     * @param used records of the tick's chunk budget this step took
     * @param worked whether anything was written, so the transaction is worth committing now
     */
    public record Step(List<BatchCommand> commands, int used, boolean worked) {
        public Step {
            commands = List.copyOf(commands);
        }

        static Step idle() {
            return new Step(List.of(), 0, false);
        }
    }

    /**
     * Forgets the evaluations fed as records arrived: call when the processor (re)starts, since its stores may have
     * been restored to an earlier transaction than this memory. Their batches take the pass over the store.
     */
    public void forgetLiveEvaluations() {
        live.clear();
    }

    /** Stops the threads that update the live evaluations: call when the processor closes. */
    @Override
    public void close() {
        live.close();
    }

    /**
     * One record, manifest or operator decision.
     *
     * @param state the batch's state, or {@code null} when none is in progress
     */
    public List<BatchCommand> on(BatchInput input, BatchState state, BatchLookup lookup, long nowMs) {
        if (input instanceof BatchInput.RecordIn r) {
            return onRecord(r, state, lookup, nowMs);
        }
        if (input instanceof BatchInput.ManifestIn m) {
            return onManifest(m.manifest(), state, lookup, nowMs);
        }
        return onDecision(((BatchInput.DecisionIn) input).decision(), state, lookup, nowMs);
    }

    /**
     * A punctuation for one open batch: time it out, or run one chunk of its evaluation or release.
     *
     * @param budget records this batch may read now (positive); a release that copies bytes is bounded by its chunk
     *     bytes instead, and may use more
     */
    public Step tick(BatchState state, int budget, BatchLookup lookup, long nowMs) {
        return switch (state.status()) {
            case COLLECTING -> nowMs - state.firstSeenMs() >= batchTimeoutMs ? timeout(state, nowMs) : Step.idle();
            case EVALUATING -> evaluation.step(state, budget, lookup, nowMs);
            case RELEASING -> release.step(state, budget, lookup);
            case HELD -> Step.idle();
        };
    }

    private List<BatchCommand> onRecord(BatchInput.RecordIn record, BatchState state, BatchLookup lookup, long nowMs) {
        String batchId = record.batchId();
        byte[] canonical = record.canonical();
        if (lookup.decided(batchId) != null || (state != null && state.status() != BatchState.Status.COLLECTING)) {
            // the batch is complete or decided: this copy can only be late or replayed, and must not touch it
            return List.of(
                    new BatchCommand.ReleaseRecord(batchId, canonical, Verdict.REJECTED, "late-or-replayed-record"),
                    new BatchCommand.CountReleased(record.dataset(), false, 1));
        }
        BatchState current = state == null ? BatchState.start(batchId, record.dataset(), nowMs) : state;
        String key = RecordKeys.record(batchId, record.seq());
        boolean duplicate = lookup.hasRecord(key);
        if (duplicate) {
            key = RecordKeys.duplicate(batchId, record.seq(), current.duplicateSeqs() + 1);
        }
        if (!duplicate) {
            live.onPrimary(current, key, record.seq(), canonical, lookup);
        }
        List<BatchCommand> commands = new ArrayList<>();
        commands.add(new BatchCommand.PutRecord(key, canonical));
        commands.addAll(stateOrJudgement(completeOrNot(current.withRecord(duplicate, nowMs)), lookup, nowMs));
        return commands;
    }

    /**
     * The state to put; when it just became complete and its live evaluation holds, the judgement straight away, in
     * this transaction, instead of the pass over the store.
     */
    private List<BatchCommand> stateOrJudgement(BatchState next, BatchLookup lookup, long nowMs) {
        if (next.status() == BatchState.Status.EVALUATING) {
            LiveEvaluations.Settled settled = live.take(next, lookup, filters);
            if (settled != null) {
                return evaluation.conclude(next, settled.evaluation(), settled.reference(), lookup, 0, nowMs);
            }
        }
        return List.of(new PutState(next));
    }

    private List<BatchCommand> onManifest(BatchManifest manifest, BatchState state, BatchLookup lookup, long nowMs) {
        String batchId = manifest.batchId();
        Verdict firstVerdict = lookup.decided(batchId);
        DatasetPolicy datasetPolicy = policy.forDataset(manifest.dataset());
        if (firstVerdict != null) {
            return List.of(new PublishVerdict(judge.replay(manifest, firstVerdict, datasetPolicy, nowMs)));
        }
        BatchState current = state == null ? BatchState.start(batchId, manifest.dataset(), nowMs) : state;
        if (current.manifest() == null) {
            return stateOrJudgement(completeOrNot(current.withManifest(manifest, nowMs)), lookup, nowMs);
        }
        if (current.verdict() != null) {
            // judged already (held or releasing): the first outcome stands and this manifest is a replay, as it
            // would be once the batch is decided
            return List.of(
                    new PublishVerdict(judge.replay(manifest, current.verdict().verdict(), datasetPolicy, nowMs)));
        }
        if (!current.manifest().equals(manifest)) {
            return List.of(new PutState(current.withConflictingManifest()));
        }
        LOG.info("batch {}: identical manifest received again; ignored", batchId);
        return List.of();
    }

    private List<BatchCommand> onDecision(OperatorDecision decision, BatchState state, BatchLookup lookup, long nowMs) {
        if (state == null || state.status() != BatchState.Status.HELD) {
            Verdict decided = state == null ? lookup.decided(decision.batchId()) : null;
            String status = state != null ? state.status().name() : decided != null ? "decided: " + decided : "unknown";
            return List.of(
                    new DeadLetterDecision(decision, "batch " + decision.batchId() + " is not held (" + status + ")"));
        }
        Optional<String> refusal = judge.refuseDecision(decision, state.dataset());
        if (refusal.isPresent()) {
            return List.of(new DeadLetterDecision(
                    decision, "decision on batch " + decision.batchId() + " refused: " + refusal.get()));
        }
        Verdict verdict =
                decision.decision() == OperatorDecision.Decision.RELEASE ? Verdict.APPROVED : Verdict.REJECTED;
        // the key in the reason: the audit chain records who signed, not only the name they gave
        BatchVerdict decidedVerdict = state.verdict()
                .decidedByOperator(
                        verdict,
                        decision.operator(),
                        decision.reason() + " (signed with operator key " + decision.keyId() + ")",
                        nowMs);
        return List.of(
                new PutState(state.decided(decidedVerdict, BatchState.Status.RELEASING)),
                new PublishVerdict(decidedVerdict));
    }

    private Step timeout(BatchState state, long nowMs) {
        live.drop(state.batchId());
        BatchVerdict v = judge.incomplete(state.facts(), policy.forDataset(state.dataset()), batchTimeoutMs, nowMs);
        return new Step(
                List.of(new PutState(state.decided(v, BatchState.Status.RELEASING)), new PublishVerdict(v)), 0, true);
    }

    private static BatchState completeOrNot(BatchState state) {
        return state.complete() ? state.withStatus(BatchState.Status.EVALUATING) : state;
    }
}
