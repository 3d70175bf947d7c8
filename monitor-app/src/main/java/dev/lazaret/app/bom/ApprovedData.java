package dev.lazaret.app.bom;

import dev.lazaret.app.verdicts.BatchHistory;
import dev.lazaret.app.verdicts.RecordedVerdict;
import java.util.Comparator;
import java.util.List;

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
     * Picks the approved batches of {@code dataset} from verdicts in the order each partition holds them: each batch by
     * the verdict that approved it (by policy, or an operator's release of a held batch). A replay refused under an
     * approved batch's id takes nothing away: the copy's records went to the rejected topic, the first batch's stay
     * approved ({@link BatchHistory}).
     */
    public static ApprovedData of(String dataset, List<RecordedVerdict> verdicts) {
        List<BatchHistory> batches = BatchHistory.fold(verdicts).values().stream()
                .filter(h -> dataset.equals(h.dataset()))
                .toList();
        List<RecordedVerdict> approved = batches.stream()
                .flatMap(h -> h.approval().stream())
                .sorted(Comparator.comparing(r -> r.verdict().batchId()))
                .toList();
        return new ApprovedData(dataset, batches.size(), approved);
    }
}
