package dev.lazaret.app.verdicts;

import dev.lazaret.core.models.BatchStanding;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One batch as its verdicts tell it: the verdict it stands on, the one that approved it (if any) and the submissions
 * that were refused as replays of its id.
 *
 * <p>A replay verdict is about another submission, not about the batch: the quarantine rejects the copy and leaves
 * the first batch untouched (its records, its state, a pending operator decision). So a replay never becomes the
 * batch's current verdict, or a replayed approved batch would read {@code REJECTED … received 0} and a replayed held
 * batch could no longer be released.
 *
 * @param batchId the batch id
 * @param dataset the dataset of the verdict the batch stands on
 * @param current the verdict the batch stands on: the last one that was not a replay
 * @param approval the verdict that approved the batch, by policy or by an operator; empty when none did
 * @param replays the refused replays of this id, in the order they were decided
 */
public record BatchHistory(
        String batchId,
        String dataset,
        RecordedVerdict current,
        Optional<RecordedVerdict> approval,
        List<RecordedVerdict> replays) {
    public BatchHistory {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(approval, "approval");
        replays = List.copyOf(replays);
    }

    public BatchVerdict verdict() {
        return current.verdict();
    }

    /**
     * Folds verdicts, in the order each partition holds them, into one history per batch. A batch's verdicts share its
     * key, hence one partition, so the order of partitions does not matter.
     *
     * <p>A verdict is a replay when it carries the {@code batch-replay} check, or when it follows a final verdict
     * (approved or rejected) of the same id: the quarantine decides a batch once, so anything after that is about
     * another submission. A replay of an id with no earlier verdict on the topic (trimmed by retention) stands for the
     * batch, being all that is known of it.
     *
     * @return the histories in the order their batches were last decided
     */
    public static Map<String, BatchHistory> fold(List<RecordedVerdict> verdicts) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        for (RecordedVerdict recorded : verdicts) {
            String batchId = recorded.verdict().batchId();
            Builder builder = builders.get(batchId);
            if (builder != null && (isReplay(recorded.verdict()) || builder.isFinal())) {
                builder.replays.add(recorded);
                continue;
            }
            if (builder == null) {
                builder = new Builder();
            }
            builder.accept(recorded);
            // re-inserted so the map's order is the order of the batches' latest decisions
            builders.remove(batchId);
            builders.put(batchId, builder);
        }
        Map<String, BatchHistory> histories = new LinkedHashMap<>();
        builders.forEach((id, b) -> histories.put(id, b.build()));
        return histories;
    }

    /** Whether the quarantine refused this submission because its batch id was already decided. */
    public static boolean isReplay(BatchVerdict verdict) {
        return BatchStanding.isReplay(verdict);
    }

    private static final class Builder {
        private RecordedVerdict current;
        private RecordedVerdict approval;
        private final List<RecordedVerdict> replays = new ArrayList<>();

        void accept(RecordedVerdict recorded) {
            current = recorded;
            if (approval == null && Verdict.APPROVED.equals(recorded.verdict().verdict())) {
                approval = recorded;
            }
        }

        boolean isFinal() {
            Verdict v = current.verdict().verdict();
            return Verdict.APPROVED.equals(v) || Verdict.REJECTED.equals(v);
        }

        BatchHistory build() {
            BatchVerdict v = current.verdict();
            return new BatchHistory(v.batchId(), v.dataset(), current, Optional.ofNullable(approval), replays);
        }
    }
}
