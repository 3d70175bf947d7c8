package dev.lazaret.app.bom;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approved batches of one dataset, judged by each batch's final verdict.
 *
 * @param dataset the dataset
 * @param batchesSeen batches of the dataset with any verdict (zero: the dataset is unknown here)
 * @param approved the final verdicts that approved a batch, sorted by batch id so the BOM does not depend on the order
 *     in which partitions were read
 */
public record ApprovedData(String dataset, int batchesSeen, List<RecordedVerdict> approved) {
    public ApprovedData {
        approved = List.copyOf(approved);
    }

    /**
     * Picks the approved batches of {@code dataset} from verdicts in the order each partition holds them.
     *
     * <p>A batch's verdicts share its key, hence one partition, so the last one read is its final verdict whatever
     * the order of partitions: a HELD batch later released counts as approved, one later rejected does not. A
     * REJECTED verdict for a batch id that was approved before (a replay or split view) never takes the approval
     * away: the rejected copy's records went to the rejected topic, while the first batch's records stay approved.
     */
    public static ApprovedData of(String dataset, List<RecordedVerdict> verdicts) {
        Map<String, RecordedVerdict> last = new LinkedHashMap<>();
        Map<String, RecordedVerdict> approved = new LinkedHashMap<>();
        for (RecordedVerdict r : verdicts) {
            BatchVerdict v = r.verdict();
            if (!dataset.equals(v.dataset())) {
                continue;
            }
            last.put(v.batchId(), r);
            if (Verdict.APPROVED.equals(v.verdict())) {
                approved.putIfAbsent(v.batchId(), r);
            }
        }
        List<RecordedVerdict> sorted = approved.values().stream()
                .sorted(Comparator.comparing(r -> r.verdict().batchId()))
                .toList();
        return new ApprovedData(dataset, last.size(), sorted);
    }
}
