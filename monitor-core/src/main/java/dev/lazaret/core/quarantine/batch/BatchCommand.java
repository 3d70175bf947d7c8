package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.detectors.profile.DatasetProfile;

/**
 * One effect the lifecycle asks for. The processor carries the commands of a step out in the order given, in the same
 * transaction, so a step's writes and emissions commit together or not at all.
 */
public sealed interface BatchCommand {
    /** Keep (or replace) the batch's state. */
    record PutState(BatchState state) implements BatchCommand {}

    /** Forget the batch's state: it is decided and released. */
    record DeleteState(String batchId) implements BatchCommand {}

    /** Keep a received record (canonical JSON) under its records-store key. */
    record PutRecord(String key, byte[] canonical) implements BatchCommand {}

    /** Drop a released record from the records store. */
    record DeleteRecord(String key) implements BatchCommand {}

    /** Keep work in progress: an evaluation between chunks, or a candidate reference during release. */
    record PutWork(String key, byte[] bytes) implements BatchCommand {}

    record DeleteWork(String key) implements BatchCommand {}

    /** Replace a dataset's replay filter (the Bloom filter of its approved records). */
    record PutFilter(String dataset, byte[] filter) implements BatchCommand {}

    /** Remember a batch id's final verdict for ever, so a later submission of it is a replay. */
    record MarkDecided(String batchId, Verdict verdict) implements BatchCommand {}

    /** Publish a verdict on the verdicts topic (and count it). */
    record PublishVerdict(BatchVerdict verdict) implements BatchCommand {}

    /**
     * Write one record to the approved or rejected topic.
     *
     * @param reason why a record is rejected outside its batch's verdict, or {@code null}
     */
    record ReleaseRecord(String batchId, byte[] canonical, Verdict verdict, String reason) implements BatchCommand {}

    /** Count records released for a dataset. */
    record CountReleased(String dataset, boolean approved, long records) implements BatchCommand {}

    /** Offer an approved batch's reference bundle as a candidate reference (for {@code reference promote}). */
    record PublishCandidate(String batchId, byte[] bundle) implements BatchCommand {}

    /** Pin a reference bundle as the dataset's trusted reference. */
    record PinReference(String dataset, byte[] bundle) implements BatchCommand {}

    /** Publish a dataset's reference profile for the drift side. */
    record PublishProfile(String dataset, String referenceId, DatasetProfile profile) implements BatchCommand {}

    /** Ask the audit chain to record a reference change: {@code action} (bootstrap) by {@code by}. */
    record AuditReferenceChange(String dataset, String referenceId, String action, String by) implements BatchCommand {}

    /** Send an operator decision that cannot apply to the dead-letter topic. */
    record DeadLetterDecision(OperatorDecision decision, String detail) implements BatchCommand {}
}
