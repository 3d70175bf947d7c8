package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.quarantine.checks.BatchEvaluation;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.DecidedBy;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.BatchEvaluationCodec;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.policy.QuarantinePolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.poisoning.ContentHashes;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release of a decided batch: its records go to the approved or rejected topic and leave the store in the same
 * transaction, chunk by chunk, so the store itself is the release cursor; the last chunk publishes an approved batch's
 * candidate reference and, when the dataset has no reference and the policy allows it, pins it as the reference
 * (bootstrap).
 *
 * <p>A chunk is a byte copy. What an approved batch adds to its dataset (its records' content hashes to the replay
 * filter, its rows to a candidate reference) is done once, at judgement, by {@link #onApproval}, in the transaction
 * that stores the verdict, from what the evaluation accumulated: the records' content hashes (16 bytes a record,
 * which the live evaluation keeps for its deferred replay check and the pass over the store writes beside its saved
 * state, chunk by chunk: {@link HashSegments}) go into the filter, and the candidate is derived from the poisoning
 * accumulator ({@code PoisoningReference.of}), which holds the same tables a row-by-row candidate would. A marker in
 * the work store says which of the two were done; release chunks are bounded by bytes ({@code
 * quarantine.release.chunk.bytes}), since a copy costs what it moves.
 *
 * <p>Why a later batch's replay check sees the same thing, through crashes and aborted transactions (exactly-once
 * v2): the filter write, the marker, the evaluation, the decided state and the verdict are one transaction, so the
 * filter holds an approved batch's records exactly when its verdict was published, and never those of a batch whose
 * verdict transaction aborted (it is judged again from the restored stores). A batch judged after that transaction
 * sees every record of the approved batch, whether or not it has been released yet; before, it saw the chunks
 * released so far, so its replay count depended on the punctuator's timing. The pass's hashes are written in the
 * transactions of its chunks, with the evaluation state they belong to, so a crash resumes both at the same chunk, and
 * a pass that starts over drops them. An operator's release of a held batch has no hashes (the live evaluation is
 * memory only, and the pass's go at judgement), nor has a pass resumed from a state saved before hashes were kept,
 * and a batch judged without a reference has no candidate to derive (its reference takes the batch's own quantile
 * bins, known only after its last record): for what the marker lacks, the release reads each record back, as before,
 * and feeds the filter (written per chunk, in the chunk's transaction) or the candidate (kept in the work store
 * between chunks), so a crash resumes at the last committed chunk with both consistent with the records still stored.
 * The judgement adds the primary copy of each seq; the read-back adds every stored copy, duplicates too, but a batch
 * with a repeated seq fails {@code seq-unique} and only an operator's release, which reads back, can approve it.
 */
final class ReleaseStep {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseStep.class);
    /** Release chunk size unless configured: a byte copy is cheap per record, a transaction is not. */
    static final long DEFAULT_CHUNK_BYTES = 16L << 20;

    private static final String CANDIDATE_SUFFIX = "\u0000candidate";
    /** Work key of the marker {@link #onApproval} leaves: one byte of {@link #FILTERED} and {@link #CANDIDATE}. */
    private static final String SETTLED_SUFFIX = "\u0000settled";

    private static final int FILTERED = 1;
    private static final int CANDIDATE = 2;

    private final QuarantinePolicy policy;
    private final ReplayFilters filters;
    private final long chunkBytes;

    ReleaseStep(QuarantinePolicy policy, ReplayFilters filters, long chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("release chunk bytes must be positive, was " + chunkBytes);
        }
        this.policy = policy;
        this.filters = filters;
        this.chunkBytes = chunkBytes;
    }

    /**
     * What an approved batch adds to its dataset, done at judgement in the verdict's transaction: its content hashes to
     * the replay filter (the live evaluation's, or the pass's chunk by chunk), and its candidate reference, when it
     * had a reference.
     *
     * @param segments chunks of the pass whose hashes are stored ({@link HashSegments}; 0 for a live evaluation)
     */
    List<BatchCommand> onApproval(BatchState state, BatchEvaluation evaluation, BatchLookup lookup, int segments) {
        List<BatchCommand> commands = new ArrayList<>();
        int settled = 0;
        RecordBloomFilter filter = filters.load(lookup, state.dataset());
        long hashed = 0;
        for (int i = 0; i < segments; i++) {
            ContentHashes chunk = HashSegments.read(lookup, state.batchId(), i);
            chunk.addTo(filter);
            hashed += chunk.size();
        }
        ContentHashes last = evaluation.contentHashes();
        last.addTo(filter);
        hashed += last.size();
        // fewer only for a pass resumed from a state saved before the hashes were kept: the release reads them back
        if (hashed == evaluation.rows()) {
            commands.add(new BatchCommand.PutFilter(state.dataset(), filter.encode()));
            settled |= FILTERED;
        }
        PoisoningReference candidate = evaluation.candidate();
        if (candidate != null) {
            commands.add(new BatchCommand.PutWork(state.batchId() + CANDIDATE_SUFFIX, candidate.encode()));
            settled |= CANDIDATE;
        }
        if (settled != 0) {
            commands.add(new BatchCommand.PutWork(state.batchId() + SETTLED_SUFFIX, new byte[] {(byte) settled}));
        }
        return commands;
    }

    /**
     * One chunk of the release.
     *
     * @param budget records this batch may read now: bounds a chunk that reads its records back (see the class
     *     comment); a byte copy is bounded by bytes alone
     */
    BatchLifecycle.Step step(BatchState state, int budget, BatchLookup lookup) {
        String batchId = state.batchId();
        Verdict verdict = state.verdict().verdict();
        boolean approved = verdict == Verdict.APPROVED;
        int settled = approved ? settled(lookup, batchId) : FILTERED | CANDIDATE;
        boolean feedFilter = (settled & FILTERED) == 0;
        boolean feedCandidate = (settled & CANDIDATE) == 0;
        RecordBloomFilter filter = feedFilter ? filters.load(lookup, state.dataset()) : null;
        // decoded only where needed: a byte copy's chunks need neither the reference nor the candidate
        ReferenceBundle reference = feedCandidate ? lookup.reference(state.dataset()) : null;
        PoisoningReference candidate = feedCandidate ? candidate(state, reference, lookup) : null;
        BatchLookup.Chunk chunk = lookup.records(
                RecordKeys.first(batchId),
                RecordKeys.last(batchId),
                feedFilter || feedCandidate ? budget : Integer.MAX_VALUE,
                chunkBytes);
        List<BatchCommand> commands = new ArrayList<>(2 * chunk.records().size() + 8);
        for (BatchLookup.Stored stored : chunk.records()) {
            commands.add(new BatchCommand.ReleaseRecord(batchId, stored.canonical(), verdict, null));
            if (feedFilter || feedCandidate) {
                LabeledRow row = ReferenceBuilder.labeled(
                        RecordRows.read(stored.canonical()).row());
                if (feedFilter) {
                    filter.add(row);
                }
                if (feedCandidate) {
                    candidate.update(row);
                }
            }
            commands.add(new BatchCommand.DeleteRecord(stored.key()));
        }
        int done = chunk.records().size();
        commands.add(new BatchCommand.CountReleased(state.dataset(), approved, done));
        if (feedFilter) {
            commands.add(new BatchCommand.PutFilter(state.dataset(), filter.encode()));
        }
        if (!chunk.exhausted()) {
            if (feedCandidate) {
                commands.add(new BatchCommand.PutWork(batchId + CANDIDATE_SUFFIX, candidate.encode()));
            }
            commands.add(new BatchCommand.PutState(state.withReleased(done)));
            return new BatchLifecycle.Step(commands, done, true);
        }
        if (approved) {
            PoisoningReference complete =
                    feedCandidate ? candidate : PoisoningReference.decode(lookup.work(batchId + CANDIDATE_SUFFIX));
            ReferenceBundle current = feedCandidate ? reference : lookup.reference(state.dataset());
            publishCandidate(state, current, complete, lookup, commands);
        }
        commands.add(new BatchCommand.MarkDecided(batchId, verdict));
        commands.add(new BatchCommand.DeleteState(batchId));
        commands.add(new BatchCommand.DeleteWork(batchId));
        commands.add(new BatchCommand.DeleteWork(batchId + CANDIDATE_SUFFIX));
        commands.add(new BatchCommand.DeleteWork(batchId + SETTLED_SUFFIX));
        return new BatchLifecycle.Step(commands, Math.max(done, 1), true);
    }

    private static int settled(BatchLookup lookup, String batchId) {
        byte[] marker = lookup.work(batchId + SETTLED_SUFFIX);
        return marker == null ? 0 : marker[0];
    }

    private static PoisoningReference candidate(BatchState state, ReferenceBundle reference, BatchLookup lookup) {
        byte[] saved = lookup.work(state.batchId() + CANDIDATE_SUFFIX);
        if (saved != null) {
            return PoisoningReference.decode(saved);
        }
        PoisoningConfig config = PoisoningConfig.defaults();
        if (reference != null) {
            // same bins as the pinned reference, so a promoted batch stays comparable bin for bin
            return PoisoningReference.create(reference.poisoning().bins(), config);
        }
        byte[] evaluation = lookup.work(state.batchId());
        return PoisoningReference.create(
                BatchEvaluationCodec.decodeWithoutPoisoning(evaluation).bins(config.numericBins()), config);
    }

    /**
     * Publishes the approved batch's profile as a candidate reference, and pins it as the dataset's reference when the
     * dataset has none and the policy allows bootstrap (the reference check said so when the batch was judged).
     */
    private void publishCandidate(
            BatchState state,
            ReferenceBundle current,
            PoisoningReference candidate,
            BatchLookup lookup,
            List<BatchCommand> commands) {
        ReferenceBundle bundle = new ReferenceBundle(
                "batch:" + state.batchId(),
                state.dataset(),
                BatchEvaluationCodec.decodeWithoutPoisoning(lookup.work(state.batchId()))
                        .profile(),
                candidate);
        byte[] bytes = ReferenceBundleCodec.encode(bundle);
        commands.add(new BatchCommand.PublishCandidate(state.batchId(), bytes));
        if (current == null
                && policy.forDataset(state.dataset()).bootstrapReference()
                && referenceCheckPassed(state.verdict())
                && lookup.reference(state.dataset()) == null) {
            commands.add(new BatchCommand.PinReference(state.dataset(), bytes));
            commands.add(new BatchCommand.PublishProfile(state.dataset(), bundle.referenceId(), bundle.profile()));
            commands.add(new BatchCommand.AuditReferenceChange(
                    state.dataset(), bundle.referenceId(), "bootstrap", DecidedBy.POLICY_NAME));
            LOG.info("dataset {}: reference bootstrapped from approved batch {}", state.dataset(), state.batchId());
        }
    }

    private static boolean referenceCheckPassed(BatchVerdict verdict) {
        return verdict.decidedBy().isPolicy()
                && verdict.checks().stream()
                        .anyMatch(c -> c.check() == CheckName.REFERENCE && c.status() == CheckStatus.PASS);
    }
}
