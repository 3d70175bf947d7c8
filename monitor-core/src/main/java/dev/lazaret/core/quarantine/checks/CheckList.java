package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Collects a batch's check results, applying the policy's action to each flagged check, and makes the verdict. */
final class CheckList {
    private final DatasetPolicy policy;
    private final List<CheckResult> results = new ArrayList<>();

    CheckList(DatasetPolicy policy) {
        this.policy = policy;
    }

    DatasetPolicy policy() {
        return policy;
    }

    void add(CheckName name, double score, double threshold, boolean flagged, String evidence) {
        CheckStatus status = flagged ? policy.action(name).status() : CheckStatus.PASS;
        results.add(CheckResult.of(name, status, score, threshold, evidence));
    }

    List<CheckResult> results() {
        return List.copyOf(results);
    }

    boolean anyFlagged() {
        return results.stream().anyMatch(CheckResult::flagged);
    }

    /** The verdict the results give: any failure rejects, else any hold holds, else approved. */
    BatchVerdict verdict(BatchFacts facts, String computed, String referenceId, long nowMs) {
        boolean fail = results.stream().anyMatch(r -> r.status() == CheckStatus.FAIL);
        boolean hold = results.stream().anyMatch(r -> r.status() == CheckStatus.HOLD);
        return verdict(facts, computed, referenceId, nowMs, Verdict.of(fail, hold));
    }

    /** A verdict decided before the results (incomplete or replayed batches are rejected whatever they say). */
    BatchVerdict verdict(BatchFacts facts, String computed, String referenceId, long nowMs, Verdict verdict) {
        BatchManifest m = facts.manifest();
        String reasons = results.stream()
                .filter(CheckResult::flagged)
                .map(r -> r.check().label() + " " + r.status().name().toLowerCase(Locale.ROOT) + ": " + r.evidence())
                .collect(Collectors.joining(" | "));
        return new BatchVerdict(
                facts.batchId(),
                facts.dataset(),
                m == null ? null : m.source(),
                m == null ? null : m.keyId(),
                verdict,
                reasons.isEmpty() ? "every check passed" : reasons,
                m == null ? -1 : m.recordCount(),
                facts.recordsReceived(),
                facts.distinctSeqs(),
                facts.duplicateSeqs(),
                m == null ? null : m.contentSha256(),
                computed,
                results,
                DecidedBy.POLICY,
                null,
                referenceId,
                facts.firstRecordMs(),
                facts.manifestMs(),
                facts.lastRecordMs(),
                nowMs);
    }
}
