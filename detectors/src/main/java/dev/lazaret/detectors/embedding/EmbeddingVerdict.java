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
 * @param driftedProjections projections whose distribution drifted (sketch KS at alpha / 2 after the correction across
 *     projections, and the numeric effect floors)
 * @param minAdjustedPValue the smallest corrected KS p-value over the projections (NaN when untested)
 * @param meanShift the window's mean minus the reference's, in reference standard deviations, RMS over the
 *     projections ({@link MeanShift})
 * @param meanShiftPValue the smallest corrected p-value of the per-projection mean tests (NaN when untested)
 * @param meanDrift the mean test rejected at alpha / 2 and the mean shift reached {@link EmbeddingJudge#MEAN_SHIFT_FLOOR}
 * @param drift a projection drifted or the mean moved: the condition alerted as MULTIVARIATE_DRIFT of the feature
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
        double meanShiftPValue,
        boolean meanDrift,
        boolean drift,
        List<FeatureDriftVerdict> projections,
        String reason) {

    public EmbeddingVerdict {
        projections = List.copyOf(projections);
    }
}
