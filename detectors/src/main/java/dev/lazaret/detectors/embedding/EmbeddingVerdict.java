package dev.lazaret.detectors.embedding;

import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import java.util.List;

/**
 * The embedding judgement of one vector feature in one window.
 *
 * @param feature the vector feature
 * @param dimension its dimension (from the reference)
 * @param tested whether the window had enough vectors to be judged
 * @param vectors vectors in the window
 * @param driftedProjections projections that drifted after the correction across projections and the effect floor
 * @param minAdjustedPValue the smallest corrected p-value over the projections (NaN when untested)
 * @param meanShift the window's mean minus the reference's, in reference standard deviations, RMS over the
 *     projections ({@link MeanShift})
 * @param drift at least one projection drifted: the EMBEDDING_DRIFT condition
 * @param projections the per-projection verdicts ({@code p00}, …), for diagnosis
 * @param reason one sentence for a person
 */
public record EmbeddingVerdict(
        String feature,
        int dimension,
        boolean tested,
        long vectors,
        int driftedProjections,
        double minAdjustedPValue,
        double meanShift,
        boolean drift,
        List<FeatureDriftVerdict> projections,
        String reason) {

    public EmbeddingVerdict {
        projections = List.copyOf(projections);
    }
}
