package dev.lazaret.core.models;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.Verdict;

/**
 * What a batch stands as, for a model release that names it: the verdict it stands on, and whether an operator
 * revoked it since.
 *
 * @param batchId the batch
 * @param dataset its dataset
 * @param verdict the verdict it stands on (a replay refused under its id does not change it)
 * @param revokedBy the operator who revoked it, or {@code null}
 * @param revokedReason why, or {@code null}
 */
public record BatchStanding(String batchId, String dataset, Verdict verdict, String revokedBy, String revokedReason) {

    public boolean revoked() {
        return revokedBy != null;
    }

    /** Approved and not revoked: the only standing a release may name. */
    public boolean usable() {
        return verdict == Verdict.APPROVED && !revoked();
    }

    /** In words, for a refusal: {@code REJECTED}, {@code HELD}, {@code REVOKED by alice: ...}. */
    public String describe() {
        return revoked() ? "REVOKED by " + revokedBy + ": " + revokedReason : verdict.name();
    }

    /**
     * The standing after {@code v}, one of the batch's verdicts in the order its partition holds them. The quarantine
     * decides a batch once: after an approval or a rejection, a later verdict under the id is about a replayed copy
     * and changes nothing, and neither does a verdict carrying the {@code batch-replay} check. A held batch moves on
     * with the operator's decision.
     *
     * @param current the standing so far, or {@code null} for the batch's first verdict
     */
    public static BatchStanding next(BatchStanding current, BatchVerdict v) {
        if (current != null && (isReplay(v) || current.verdict() != Verdict.HELD)) {
            return current;
        }
        return new BatchStanding(v.batchId(), v.dataset(), v.verdict(), null, null);
    }

    /** Whether the quarantine refused this submission because its batch id was already decided. */
    public static boolean isReplay(BatchVerdict verdict) {
        return verdict.checks().stream().anyMatch(c -> c.check() == CheckName.BATCH_REPLAY && c.flagged());
    }

    public BatchStanding revokedBy(String operator, String reason) {
        return new BatchStanding(batchId, dataset, verdict, operator, reason);
    }
}
