package dev.lazaret.core.drift.codec;

import dev.lazaret.detectors.multivariate.MultivariateWindow;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Map;

/**
 * What a model's open window holds, as stored.
 *
 * @param windowStartMs start of the window, epoch ms
 * @param events events added
 * @param numericValues numeric input values checked against the reference bounds
 * @param outliers of which outside their bounds
 * @param labelled joined labels
 * @param errors of which the prediction was wrong
 * @param performanceChange whether a change detector signalled an error-rate increase
 * @param scoreChange whether Page–Hinkley signalled a change of the mean score
 * @param versions events per model version
 * @param inputs the input feature profile
 * @param outputs the prediction and score profile
 * @param multivariate the multivariate window ({@code MultivariateCodec}), or null when the window has none
 * @param embeddings per vector feature of the reference, the window's projections ({@code
 *     dev.lazaret.detectors.embedding.ProjectedSketches}); empty when the window has none
 */
public record WindowState(
        long windowStartMs,
        long events,
        long numericValues,
        long outliers,
        long labelled,
        long errors,
        boolean performanceChange,
        boolean scoreChange,
        Map<String, Long> versions,
        DatasetProfile inputs,
        DatasetProfile outputs,
        MultivariateWindow multivariate,
        Map<String, DatasetProfile> embeddings) {

    /** A window without vector features. */
    public WindowState(
            long windowStartMs,
            long events,
            long numericValues,
            long outliers,
            long labelled,
            long errors,
            boolean performanceChange,
            boolean scoreChange,
            Map<String, Long> versions,
            DatasetProfile inputs,
            DatasetProfile outputs,
            MultivariateWindow multivariate) {
        this(
                windowStartMs,
                events,
                numericValues,
                outliers,
                labelled,
                errors,
                performanceChange,
                scoreChange,
                versions,
                inputs,
                outputs,
                multivariate,
                Map.of());
    }
}
