package dev.lazaret.core.quarantine.batch;

import dev.lazaret.core.quarantine.checks.BatchEvaluation;
import dev.lazaret.core.quarantine.checks.ReferenceView;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluations of batches being collected, fed as each record is stored, so that when the last record or the
 * manifest completes a batch only the judgement remains instead of a pass over the store ({@link EvaluationStep}).
 *
 * <p>Why the verdict is the one the pass would give, through crashes, aborted transactions and replays (exactly-once
 * v2): an evaluation is a function of the batch's stored primary records in seq order, its reference, the projections
 * and the replay filter. A live evaluation is used only when
 *
 * <ul>
 *   <li>it took seqs {@code 0, 1, 2, ...} in that order without a gap, each the record stored as that seq's primary
 *       copy in the same transaction, and no processor (re)start came between;
 *   <li>at judgement it holds as many records as the transactional batch state counts distinct seqs, and the batch's
 *       dataset and reference are still those it started with;
 *   <li>its replay check runs then, against the filter of that moment: the pass reads the filter at judgement too.
 * </ul>
 *
 * Anything else drops it and the batch takes the pass over the store, which reads the same stored records:
 *
 * <ul>
 *   <li>an out-of-order seq, including the redelivery that follows an aborted transaction: it repeats a seq the
 *       evaluation took while the store, rolled back, no longer holds it, so it is no duplicate there;
 *   <li>a processor (re)initialisation, which clears every live evaluation ({@link #clear}): after a crash or a revived
 *       task the stores may be at an earlier transaction than the memory, so the pass rebuilds the accumulators from
 *       the stored records, which they are a function of;
 *   <li>more than {@link #MAX_OPEN} batches collecting at once in the task, or a batch over {@link #MAX_RECORDS}.
 * </ul>
 *
 * A live evaluation is memory only and never written back: it reaches the work store once, judged, in the transaction
 * that stores the completing record or manifest and publishes the verdict.
 *
 * <p>Its per-record work (reading the stored record back and updating every accumulator, about half of the stream
 * thread's time per record when it ran there) runs on the processor's evaluation threads ({@link EvaluationLanes}),
 * in seq order per batch. None of the above changes with that: what decides is still only which records, in which
 * order, the evaluation took, and all of that is decided here on the stream thread as each record is stored; the
 * judgement waits on the stream thread until the evaluation has taken every one of them ({@link
 * EvaluationLanes.Lane#drain}). A record's work that fails sends the batch to the pass, which meets the same record on
 * the stream thread.
 *
 * <p>Memory: per open batch its accumulators (the size of the pass's saved evaluation) and, until judgement, 16 bytes a
 * record, its content hash, for the deferred replay check and, if the batch is approved, for the replay filter ({@link
 * ReleaseStep#onApproval}) (in an array that doubles, so up to 32 while it grows); at most {@link #MAX_OPEN} × {@link
 * #MAX_RECORDS} × 16 bytes = 64 MiB of those per task, since {@link #MAX_RECORDS} is a power of two.
 */
final class LiveEvaluations {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvaluations.class);
    /** Batches evaluated live at once per task. */
    static final int MAX_OPEN = 4;
    /** Records of one batch evaluated live; a larger batch takes the pass. */
    static final long MAX_RECORDS = 1L << 20;

    private final int maxOpen;
    private final ProjectionSettings projections;
    private final EvaluationLanes lanes;
    private final Map<String, Live> open = new HashMap<>();

    /**
     * @param maxOpen batches evaluated live at once ({@link #MAX_OPEN}; 0 sends every batch to the pass)
     * @param lanes where the evaluations are fed (closed with this)
     */
    LiveEvaluations(int maxOpen, ProjectionSettings projections, EvaluationLanes lanes) {
        this.maxOpen = maxOpen;
        this.projections = projections;
        this.lanes = lanes;
    }

    /**
     * The stream thread owns every field; {@link #evaluation} and {@link #view} are used by the lane's work until
     * {@link EvaluationLanes.Lane#drain} returns, and by the stream thread only after that.
     */
    private static final class Live {
        final String dataset;
        final ReferenceBundle reference;
        final ReferenceView view;
        final BatchEvaluation evaluation;
        final EvaluationLanes.Lane lane;
        long nextSeq;

        Live(String dataset, ReferenceBundle reference, ProjectionSettings projections, EvaluationLanes.Lane lane) {
            this.dataset = dataset;
            this.reference = reference;
            this.view = reference == null ? null : new ReferenceView(reference);
            this.evaluation = BatchEvaluation.startLive(reference, projections);
            this.lane = lane;
        }

        void accept(String key, long seq, byte[] canonical) {
            RecordRows.Stored row = RecordRows.read(canonical);
            evaluation.accept(key, canonical, seq, row.dataset(), dataset, Long.MAX_VALUE, row.row(), view);
        }
    }

    /** A live evaluation, settled, with the reference it ran against. */
    record Settled(BatchEvaluation evaluation, ReferenceBundle reference) {}

    /**
     * Feeds one record just stored as the primary copy of its seq.
     *
     * @param before the batch's state before this record
     */
    void onPrimary(BatchState before, String key, long seq, byte[] canonical, BatchLookup lookup) {
        String batchId = before.batchId();
        if (before.received() == 0 && open.size() < maxOpen) {
            open.put(
                    batchId, new Live(before.dataset(), lookup.reference(before.dataset()), projections, lanes.lane()));
        }
        Live live = open.get(batchId);
        if (live == null) {
            return;
        }
        String why = seq != live.nextSeq
                ? "seq " + seq + " arrived when " + live.nextSeq + " was next"
                : seq >= MAX_RECORDS ? "over " + MAX_RECORDS + " records" : null;
        if (why != null) {
            open.remove(batchId).lane.abandon();
            LOG.info("batch {}: {}; a pass over the store will evaluate it", batchId, why);
            return;
        }
        // the stored bytes are never changed after the put, so the lane may read them later
        live.lane.add(() -> live.accept(key, seq, canonical));
        live.nextSeq++;
    }

    /**
     * Takes a complete batch's live evaluation, settled for judgement, or {@code null} when it has none that still
     * holds (the batch then takes the pass over the store).
     */
    Settled take(BatchState complete, BatchLookup lookup, ReplayFilters filters) {
        Live live = open.remove(complete.batchId());
        if (live == null) {
            return null;
        }
        Throwable failed = live.lane.drain();
        if (failed != null) {
            LOG.warn(
                    "batch {}: its live evaluation failed; a pass over the store will evaluate it",
                    complete.batchId(),
                    failed);
            return null;
        }
        ReferenceBundle current = lookup.reference(complete.dataset());
        String liveRef = live.reference == null ? null : live.reference.referenceId();
        String currentRef = current == null ? null : current.referenceId();
        String mismatch = !live.dataset.equals(complete.dataset())
                ? "dataset " + live.dataset + " became " + complete.dataset()
                : live.evaluation.rows() != complete.distinctSeqs()
                        ? live.evaluation.rows() + " records taken, " + complete.distinctSeqs() + " stored"
                        : !Objects.equals(liveRef, currentRef)
                                ? "reference " + liveRef + " became " + currentRef
                                : null;
        if (mismatch != null) {
            LOG.info(
                    "batch {}: {} while it was collected; a pass over the store will evaluate it",
                    complete.batchId(),
                    mismatch);
            return null;
        }
        live.evaluation.settleArrived(
                complete.manifest().recordCount(), live.reference == null ? null : filters.load(lookup, live.dataset));
        return new Settled(live.evaluation, live.reference);
    }

    void drop(String batchId) {
        Live live = open.remove(batchId);
        if (live != null) {
            live.lane.abandon();
        }
    }

    /** Forgets every live evaluation: their batches take the pass over the store. */
    void clear() {
        open.values().forEach(live -> live.lane.abandon());
        open.clear();
    }

    /** Forgets every live evaluation and stops the threads that fed them. */
    void close() {
        clear();
        lanes.close();
    }
}
