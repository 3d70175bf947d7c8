package dev.lazaret.app.verdicts;

import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.models.ModelVerdict;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blast radius between training batches and model versions, both ways: a version's training batches ranked by how
 * close each came to rejection, and the versions trained on a batch.
 */
public final class BlastRadius {
    private BlastRadius() {}

    /**
     * One training batch of a version, as its verdicts tell it.
     *
     * @param dataset the dataset the release names it under
     * @param batchId the batch id
     * @param evidence the verdict whose checks rank the batch: the one that approved it, else the one it stands on;
     *     empty when no verdict of the batch is on the verdicts topic
     * @param current the verdict the batch stands on, empty likewise
     * @param nearest its check nearest to flagging, empty when none of its checks has a margin
     * @param revoked whether the version's standing lists the batch as revoked
     */
    public record TracedBatch(
            String dataset,
            String batchId,
            Optional<RecordedVerdict> evidence,
            Optional<BatchVerdict> current,
            Optional<RejectionMargin> nearest,
            boolean revoked) {}

    /** Nearest to rejection first; then batches no check ranks; then batches with no verdict; ties by dataset, id. */
    static final Comparator<TracedBatch> RANKING = Comparator.<TracedBatch>comparingInt(
                    b -> b.nearest().isPresent() ? 0 : b.evidence().isPresent() ? 1 : 2)
            .thenComparingDouble(b -> b.nearest().map(RejectionMargin::margin).orElse(0.0))
            .thenComparing(TracedBatch::dataset)
            .thenComparing(TracedBatch::batchId);

    /**
     * The training batches of {@code standing}, nearest to rejection first.
     *
     * @param histories every batch's history on the verdicts topic, by batch id ({@link BatchHistory#fold})
     */
    public static List<TracedBatch> rank(ModelVerdict standing, Map<String, BatchHistory> histories) {
        List<TracedBatch> out = new ArrayList<>();
        for (ModelRelease.TrainingSet set : standing.trainedOn()) {
            for (String batchId : set.batches()) {
                Optional<BatchHistory> history = Optional.ofNullable(histories.get(batchId));
                Optional<RecordedVerdict> evidence =
                        history.map(h -> h.approval().orElse(h.current()));
                out.add(new TracedBatch(
                        set.dataset(),
                        batchId,
                        evidence,
                        history.map(BatchHistory::verdict),
                        evidence.flatMap(e -> RejectionMargin.nearest(e.verdict())),
                        standing.revokedBatches().contains(batchId)));
            }
        }
        out.sort(RANKING);
        return List.copyOf(out);
    }

    /** Every version whose release names {@code batchId}, approved or refused, by model then version. */
    public static List<ModelVerdict> trainedOn(String batchId, Collection<ModelVerdict> standings) {
        return standings.stream()
                .filter(v -> v.trainedOn(batchId))
                .sorted(Comparator.comparing(ModelVerdict::model).thenComparing(ModelVerdict::version))
                .toList();
    }
}
