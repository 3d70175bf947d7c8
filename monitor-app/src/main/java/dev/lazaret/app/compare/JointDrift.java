package dev.lazaret.app.compare;

import dev.lazaret.detectors.multivariate.MultivariateAccumulator;
import dev.lazaret.detectors.multivariate.MultivariateJudge;
import dev.lazaret.detectors.multivariate.MultivariateReference;
import dev.lazaret.detectors.multivariate.MultivariateVerdict;
import dev.lazaret.detectors.multivariate.PcaModel;
import dev.lazaret.detectors.policy.DriftPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The streaming side's multivariate drift judgement for two files: the reference file's rows fit the PCA model and
 * Ledoit–Wolf covariance ({@link MultivariateReference}), the current file's rows are scored against it and judged by
 * {@link MultivariateJudge} under the command's alpha. Reported beside the per-feature verdict.
 *
 * @param features the numeric features, in the order of the model's dimensions
 * @param verdict the judgement
 */
record JointDrift(List<String> features, MultivariateVerdict verdict) {

    /** Outlier-rate ratio a multivariate outlier surge needs, the drift side's default. */
    static final double OUTLIER_MIN_RATIO = 2.0;

    /** Judges the rows, or empty when the reference has fewer than two numeric features or too few complete rows. */
    static Optional<JointDrift> of(
            List<String> features, List<double[]> reference, List<double[]> current, DriftPolicy policy) {
        return MultivariateReference.fit(features, reference, PcaModel.DEFAULT_VARIANCE_SHARE)
                .map(model -> {
                    MultivariateAccumulator window = MultivariateAccumulator.create(model);
                    current.forEach(window::accept);
                    return new JointDrift(
                            model.features(),
                            MultivariateJudge.judge(model, window.window(), policy, OUTLIER_MIN_RATIO));
                });
    }

    /** One line for the table report. */
    String line() {
        return String.format(
                Locale.ROOT,
                "multivariate drift (pca-reconstruction + mahalanobis, on %s): %s%s",
                String.join(", ", features),
                verdict.drift() ? "DRIFT, " : "",
                verdict.reason());
    }
}
