package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.quarantine.batch.BatchCommand.PublishVerdict;
import dev.lazaret.core.quarantine.batch.BatchCommand.PutState;
import dev.lazaret.core.quarantine.batch.BatchCommand.PutWork;
import dev.lazaret.core.quarantine.checks.BatchEvaluation;
import dev.lazaret.core.quarantine.checks.BatchJudge;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.ReferenceView;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.BatchEvaluationCodec;
import dev.lazaret.core.quarantine.policy.QuarantinePolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One chunk of a complete batch's evaluation pass over the store, resumed from the evaluation saved after the last
 * chunk; the chunk that reaches the end judges the batch. Only batches without a live evaluation that holds ({@link
 * LiveEvaluations}) take this pass.
 */
final class EvaluationStep {
    private final BatchJudge judge;
    private final QuarantinePolicy policy;
    private final ReplayFilters filters;
    private final ProjectionSettings projections;
    private final ReleaseStep release;

    EvaluationStep(
            BatchJudge judge,
            QuarantinePolicy policy,
            ReplayFilters filters,
            ProjectionSettings projections,
            ReleaseStep release) {
        this.judge = judge;
        this.policy = policy;
        this.filters = filters;
        this.projections = projections;
        this.release = release;
    }

    BatchLifecycle.Step step(BatchState state, int budget, BatchLookup lookup, long nowMs) {
        String batchId = state.batchId();
        ReferenceBundle reference = lookup.reference(state.dataset());
        BatchEvaluation evaluation = resume(lookup.work(batchId), reference, lookup, state.dataset());
        List<BatchCommand> commands = new ArrayList<>();
        int segments = HashSegments.count(lookup, batchId);
        if (evaluation.cursor() == null && segments > 0) {
            // the pass starts over (the reference changed mid-pass): the earlier start's hashes go with it
            commands.addAll(HashSegments.delete(batchId, segments));
            segments = 0;
        }
        ReferenceView view = reference == null ? null : new ReferenceView(reference);
        String from = evaluation.cursor() == null ? RecordKeys.first(batchId) : RecordKeys.after(evaluation.cursor());
        BatchLookup.Chunk chunk = lookup.records(from, RecordKeys.last(batchId), budget);
        long recordCount = state.manifest().recordCount();
        for (BatchLookup.Stored stored : chunk.records()) {
            if (RecordKeys.isDuplicate(stored.key(), batchId)) {
                evaluation.skip(stored.key());
                continue;
            }
            RecordRows.Stored row = RecordRows.read(stored.canonical());
            evaluation.accept(
                    stored.key(),
                    stored.canonical(),
                    RecordKeys.seq(stored.key(), batchId),
                    row.dataset(),
                    state.dataset(),
                    recordCount,
                    row.row(),
                    view);
        }
        int done = chunk.records().size();
        if (!chunk.exhausted()) {
            commands.add(new PutWork(batchId, BatchEvaluationCodec.encode(evaluation)));
            commands.add(new PutWork(
                    HashSegments.key(batchId, segments),
                    evaluation.contentHashes().encode()));
            return new BatchLifecycle.Step(commands, done, true);
        }
        evaluation.finish(recordCount);
        commands.addAll(conclude(state, evaluation, reference, lookup, segments, nowMs));
        return new BatchLifecycle.Step(commands, Math.max(done, 1), true);
    }

    /**
     * Judges a batch whose evaluation is complete, by the pass or live ({@link LiveEvaluations}): the evaluation goes
     * to the work store (the release reads its profile and bins), the decided state to the batches store, an approved
     * batch's additions to its dataset's replay filter and candidate ({@link ReleaseStep#onApproval}), the verdict
     * out; all in one transaction. The pass's hashes of earlier chunks ({@link HashSegments}) are read, and dropped.
     *
     * @param segments chunks of the pass whose hashes are stored (0 for a live evaluation)
     */
    List<BatchCommand> conclude(
            BatchState state,
            BatchEvaluation evaluation,
            ReferenceBundle reference,
            BatchLookup lookup,
            int segments,
            long nowMs) {
        BatchVerdict verdict =
                judge.judge(state.facts(), evaluation, reference, policy.forDataset(state.dataset()), nowMs);
        BatchState.Status next =
                verdict.verdict() == Verdict.HELD ? BatchState.Status.HELD : BatchState.Status.RELEASING;
        List<BatchCommand> commands = new ArrayList<>();
        commands.add(new PutWork(state.batchId(), BatchEvaluationCodec.encode(evaluation)));
        commands.add(new PutState(state.decided(verdict, next)));
        if (verdict.verdict() == Verdict.APPROVED) {
            commands.addAll(release.onApproval(state, evaluation, lookup, segments));
        }
        commands.addAll(HashSegments.delete(state.batchId(), segments));
        commands.add(new PublishVerdict(verdict));
        return commands;
    }

    private BatchEvaluation resume(byte[] saved, ReferenceBundle reference, BatchLookup lookup, String dataset) {
        if (saved != null) {
            String savedRef = BatchEvaluationCodec.referenceId(saved);
            String currentRef = reference == null ? null : reference.referenceId();
            if (Objects.equals(savedRef, currentRef)) {
                try {
                    return BatchEvaluationCodec.decode(saved, reference, filters.load(lookup, dataset));
                } catch (IllegalArgumentException e) {
                    // a partial evaluation saved by an older version (its accumulators are encoded differently):
                    // the accumulators are a function of the stored records, so a new pass over them is exact
                    return BatchEvaluation.start(reference, filters.load(lookup, dataset), projections);
                }
            }
            // the reference changed mid-pass (promotion): start over, so the whole batch meets one reference
        }
        return BatchEvaluation.start(reference, filters.load(lookup, dataset), projections);
    }
}
