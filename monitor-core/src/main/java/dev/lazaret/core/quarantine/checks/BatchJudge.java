package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.quarantine.integrity.DecisionSignatures;
import dev.lazaret.core.quarantine.integrity.Keyring;
import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import java.util.List;
import java.util.Optional;

/**
 * Runs every check on a batch and decides its verdict under the dataset's policy, one check family after another:
 * provenance, integrity, the reference, then quality, shift and poisoning against it. Pure: no Kafka, no clock.
 */
public final class BatchJudge {
    private final Keyring keyring;
    private final ProvenanceChecks provenance;

    public BatchJudge(Keyring keyring) {
        this.keyring = keyring;
        this.provenance = new ProvenanceChecks(keyring);
    }

    /**
     * Why an operator's decision may not decide a held batch of {@code dataset} ({@link DecisionSignatures}).
     *
     * @return the reason; empty when the decision may stand
     */
    public Optional<String> refuseDecision(OperatorDecision decision, String dataset) {
        return DecisionSignatures.refusal(keyring, decision, dataset);
    }

    /** A complete batch, after its evaluation pass. */
    public BatchVerdict judge(
            BatchFacts facts, BatchEvaluation evaluation, ReferenceBundle reference, DatasetPolicy policy, long nowMs) {
        CheckList checks = new CheckList(policy);
        boolean provenanceOk = provenance.run(checks, facts.manifest(), policy);
        String computed = evaluation.contentHash();
        IntegrityChecks.complete(checks, facts, evaluation, computed);
        checks.add(CheckName.INCOMPLETE, 0, 1, false, "manifest and all records arrived");
        boolean integrityOk = !checks.anyFlagged();
        if (reference == null) {
            noReference(checks, facts.dataset(), policy.bootstrapReference() && provenanceOk && integrityOk);
            if (!evaluation.badVectors().isEmpty()) {
                // no reference to check a schema against, but a bad vector would break the reference this batch becomes
                QualityChecks.vectorSchema(checks, evaluation, policy);
            }
        } else {
            checks.add(CheckName.REFERENCE, 0, 1, false, "compared with reference " + reference.referenceId());
            againstReference(checks, evaluation, reference, policy);
        }
        return checks.verdict(facts, computed, reference == null ? null : reference.referenceId(), nowMs);
    }

    /**
     * The checks of a batch's contents against its reference alone (quality, shift, poisoning), as {@link #judge} runs
     * them after provenance and integrity: for evaluations that judge many batches of rows without a topology.
     */
    public static List<CheckResult> againstReference(
            BatchEvaluation evaluation, ReferenceBundle reference, DatasetPolicy policy) {
        CheckList checks = new CheckList(policy);
        againstReference(checks, evaluation, reference, policy);
        return checks.results();
    }

    private static void againstReference(
            CheckList checks, BatchEvaluation evaluation, ReferenceBundle reference, DatasetPolicy policy) {
        QualityChecks.run(checks, evaluation, reference, policy);
        ShiftChecks.run(checks, evaluation, reference, policy);
        ShiftChecks.multivariate(checks, evaluation.multivariate(), reference, policy);
        ShiftChecks.embedding(checks, evaluation, reference, policy);
        PoisoningBatchChecks.run(checks, evaluation, reference, policy);
    }

    /** A batch whose manifest or records did not all arrive within the timeout. */
    public BatchVerdict incomplete(BatchFacts facts, DatasetPolicy policy, long timeoutMs, long nowMs) {
        CheckList checks = new CheckList(policy);
        BatchManifest m = facts.manifest();
        if (m != null) {
            provenance.run(checks, m, policy);
            checks.add(
                    CheckName.RECORD_COUNT,
                    Math.max(0, m.recordCount() - facts.distinctSeqs()),
                    1,
                    true,
                    "manifest claims " + m.recordCount() + " records, " + facts.distinctSeqs()
                            + " distinct seqs arrived");
        }
        IntegrityChecks.duplicates(checks, facts);
        IntegrityChecks.manifestConflicts(checks, facts);
        checks.add(
                CheckName.INCOMPLETE,
                1,
                1,
                true,
                (m == null ? "no manifest arrived" : "records missing") + " within " + timeoutMs + " ms; "
                        + facts.recordsReceived() + " records received go to the rejected topic");
        // an incomplete batch is rejected whatever the policy says: it cannot be checked
        return checks.verdict(facts, null, null, nowMs, Verdict.REJECTED);
    }

    /** A second submission of a batch id that was decided before; the first batch's outcome stands. */
    public BatchVerdict replay(BatchManifest manifest, Verdict firstVerdict, DatasetPolicy policy, long nowMs) {
        CheckList checks = new CheckList(policy);
        provenance.run(checks, manifest, policy);
        checks.add(
                CheckName.BATCH_REPLAY,
                1,
                1,
                true,
                "batch id " + manifest.batchId() + " was already decided (" + firstVerdict
                        + "); this submission and its records are rejected, the first batch is untouched");
        BatchFacts facts = new BatchFacts(manifest.batchId(), manifest.dataset(), manifest, 0, 0, 0, 0, 0, nowMs, 0);
        return checks.verdict(facts, null, null, nowMs, Verdict.REJECTED);
    }

    private static void noReference(CheckList checks, String dataset, boolean bootstrap) {
        checks.add(
                CheckName.REFERENCE,
                bootstrap ? 0 : 1,
                1,
                !bootstrap,
                bootstrap
                        ? "no reference for dataset " + dataset
                                + " yet: this batch becomes it if approved (policy bootstrap)"
                        : "no trusted reference for dataset " + dataset
                                + "; import one (lazaret reference import) or allow bootstrap");
    }
}
