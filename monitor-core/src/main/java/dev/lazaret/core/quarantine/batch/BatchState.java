package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.quarantine.checks.BatchFacts;
import dev.lazaret.core.quarantine.checks.BatchVerdict;

/**
 * What the quarantine keeps about one batch in progress, in the {@code quarantine-batches} store ({@code
 * quarantine.codec.BatchStateCodec} holds its layout).
 *
 * @param status COLLECTING until manifest and records are in, then EVALUATING, then HELD or RELEASING
 * @param firstSeenMs wall-clock arrival of its first record or manifest; the timeout counts from here
 * @param lastRecordMs wall-clock time its latest record was stored (a duplicate copy too), 0 before any
 * @param verdict the policy's or operator's verdict once decided
 * @param released records already released (the release cursor is the store itself: released records are deleted)
 */
public record BatchState(
        String batchId,
        String dataset,
        Status status,
        BatchManifest manifest,
        long firstSeenMs,
        long firstRecordMs,
        long manifestMs,
        long lastRecordMs,
        long received,
        long distinctSeqs,
        long duplicateSeqs,
        long conflictingManifests,
        BatchVerdict verdict,
        long released) {

    public enum Status {
        COLLECTING,
        EVALUATING,
        HELD,
        RELEASING
    }

    public static BatchState start(String batchId, String dataset, long nowMs) {
        return new BatchState(batchId, dataset, Status.COLLECTING, null, nowMs, 0, 0, 0, 0, 0, 0, 0, null, 0);
    }

    public BatchState withRecord(boolean duplicate, long nowMs) {
        return new BatchState(
                batchId,
                dataset,
                status,
                manifest,
                firstSeenMs,
                firstRecordMs == 0 ? nowMs : firstRecordMs,
                manifestMs,
                nowMs,
                received + 1,
                duplicate ? distinctSeqs : distinctSeqs + 1,
                duplicate ? duplicateSeqs + 1 : duplicateSeqs,
                conflictingManifests,
                verdict,
                released);
    }

    public BatchState withManifest(BatchManifest m, long nowMs) {
        return new BatchState(
                batchId,
                m.dataset(),
                status,
                m,
                firstSeenMs,
                firstRecordMs,
                nowMs,
                lastRecordMs,
                received,
                distinctSeqs,
                duplicateSeqs,
                conflictingManifests,
                verdict,
                released);
    }

    public BatchState withConflictingManifest() {
        return new BatchState(
                batchId,
                dataset,
                status,
                manifest,
                firstSeenMs,
                firstRecordMs,
                manifestMs,
                lastRecordMs,
                received,
                distinctSeqs,
                duplicateSeqs,
                conflictingManifests + 1,
                verdict,
                released);
    }

    public BatchState withStatus(Status next) {
        return new BatchState(
                batchId,
                dataset,
                next,
                manifest,
                firstSeenMs,
                firstRecordMs,
                manifestMs,
                lastRecordMs,
                received,
                distinctSeqs,
                duplicateSeqs,
                conflictingManifests,
                verdict,
                released);
    }

    public BatchState decided(BatchVerdict v, Status next) {
        return new BatchState(
                batchId,
                dataset,
                next,
                manifest,
                firstSeenMs,
                firstRecordMs,
                manifestMs,
                lastRecordMs,
                received,
                distinctSeqs,
                duplicateSeqs,
                conflictingManifests,
                v,
                released);
    }

    public BatchState withReleased(long more) {
        return new BatchState(
                batchId,
                dataset,
                status,
                manifest,
                firstSeenMs,
                firstRecordMs,
                manifestMs,
                lastRecordMs,
                received,
                distinctSeqs,
                duplicateSeqs,
                conflictingManifests,
                verdict,
                released + more);
    }

    public boolean complete() {
        return manifest != null && distinctSeqs >= manifest.recordCount();
    }

    public long pendingRecords() {
        return received - released;
    }

    public BatchFacts facts() {
        return new BatchFacts(
                batchId,
                dataset,
                manifest,
                received,
                distinctSeqs,
                duplicateSeqs,
                conflictingManifests,
                firstRecordMs,
                manifestMs,
                lastRecordMs);
    }
}
