package dev.lazaret.core.quarantine.batch;

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
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chunk of a decided batch's release: its records go to the approved or rejected topic and leave the store in the
 * same transaction, so the store itself is the release cursor. An approved batch also feeds the dataset's replay
 * filter and a candidate reference; the last chunk publishes the candidate and, when the dataset has no reference and
 * the policy allows it, pins it as the reference (bootstrap).
 */
final class ReleaseStep {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseStep.class);
    private static final String CANDIDATE_SUFFIX = "\u0000candidate";

    private final QuarantinePolicy policy;
    private final ReplayFilters filters;

    ReleaseStep(QuarantinePolicy policy, ReplayFilters filters) {
        this.policy = policy;
        this.filters = filters;
    }

    BatchLifecycle.Step step(BatchState state, int budget, BatchLookup lookup) {
        String batchId = state.batchId();
        Verdict verdict = state.verdict().verdict();
        boolean approved = verdict == Verdict.APPROVED;
        RecordBloomFilter filter = approved ? filters.load(lookup, state.dataset()) : null;
        ReferenceBundle reference = approved ? lookup.reference(state.dataset()) : null;
        PoisoningReference candidate = approved ? candidate(state, reference, lookup) : null;
        BatchLookup.Chunk chunk = lookup.records(RecordKeys.first(batchId), RecordKeys.last(batchId), budget);
        List<BatchCommand> commands = new ArrayList<>();
        for (BatchLookup.Stored stored : chunk.records()) {
            commands.add(new BatchCommand.ReleaseRecord(batchId, stored.canonical(), verdict, null));
            if (approved) {
                LabeledRow row = ReferenceBuilder.labeled(
                        RecordRows.read(stored.canonical()).row());
                filter.add(row);
                candidate.update(row);
            }
            commands.add(new BatchCommand.DeleteRecord(stored.key()));
        }
        int done = chunk.records().size();
        commands.add(new BatchCommand.CountReleased(state.dataset(), approved, done));
        if (approved) {
            commands.add(new BatchCommand.PutFilter(state.dataset(), filter.encode()));
        }
        if (!chunk.exhausted()) {
            if (approved) {
                commands.add(new BatchCommand.PutWork(batchId + CANDIDATE_SUFFIX, candidate.encode()));
            }
            commands.add(new BatchCommand.PutState(state.withReleased(done)));
            return new BatchLifecycle.Step(commands, done, true);
        }
        if (approved) {
            publishCandidate(state, reference, candidate, lookup, commands);
        }
        commands.add(new BatchCommand.MarkDecided(batchId, verdict));
        commands.add(new BatchCommand.DeleteState(batchId));
        commands.add(new BatchCommand.DeleteWork(batchId));
        commands.add(new BatchCommand.DeleteWork(batchId + CANDIDATE_SUFFIX));
        return new BatchLifecycle.Step(commands, Math.max(done, 1), true);
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
