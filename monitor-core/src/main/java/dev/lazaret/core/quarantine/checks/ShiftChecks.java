package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.embedding.EmbeddingJudge;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.embedding.EmbeddingVerdict;
import dev.lazaret.detectors.multivariate.MultivariateAccumulator;
import dev.lazaret.detectors.multivariate.MultivariateJudge;
import dev.lazaret.detectors.multivariate.MultivariateVerdict;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shift against the reference: the drift side's per-feature tests (Benjamini–Hochberg adjusted), the multivariate
 * judgement of the numeric features, and the embedding judgement of each vector feature.
 */
final class ShiftChecks {
    private ShiftChecks() {}

    static void run(CheckList checks, BatchEvaluation e, ReferenceBundle reference, DatasetPolicy policy) {
        DatasetDriftVerdict drift = FeatureShift.judge(reference.profile(), e.profile());
        List<FeatureDriftVerdict> drifted =
                drift.features().stream().filter(FeatureDriftVerdict::drifted).toList();
        double threshold = policy.threshold(CheckName.FEATURE_SHIFT);
        checks.add(
                CheckName.FEATURE_SHIFT,
                drifted.size(),
                threshold,
                drifted.size() >= threshold,
                drifted.isEmpty()
                        ? "no feature drifted (BH-adjusted p < " + FeatureShift.ALPHA + " and effect above the floor), "
                                + drift.features().stream()
                                        .filter(FeatureDriftVerdict::tested)
                                        .count() + " tested"
                        : drifted.stream()
                                .map(f -> String.format(
                                        Locale.ROOT,
                                        "%s: %s=%.3f, %s=%.3f, adjusted p=%.2g",
                                        f.feature(),
                                        f.method(),
                                        f.statistic(),
                                        f.effectSizeName(),
                                        f.effectSize(),
                                        f.adjustedPValue()))
                                .collect(Collectors.joining("; ")));
    }

    /** Outlier-rate ratio a multivariate outlier surge needs, as the drift side's default. */
    private static final double OUTLIER_MIN_RATIO = 2.0;

    /**
     * {@code multivariate-shift}: the batch's numeric features judged jointly against the reference's multivariate
     * part ({@link MultivariateJudge}), the threshold being the alpha of its two tests (Bonferroni-split). Holds a
     * batch whose joint distribution moved even when every marginal looks normal.
     *
     * @param accumulator the batch's multivariate accumulator, or null when the reference has no multivariate part
     */
    static void multivariate(
            CheckList checks, MultivariateAccumulator accumulator, ReferenceBundle reference, DatasetPolicy policy) {
        double alpha = policy.threshold(CheckName.MULTIVARIATE_SHIFT);
        if (accumulator == null) {
            checks.add(
                    CheckName.MULTIVARIATE_SHIFT,
                    Double.NaN,
                    alpha,
                    false,
                    "not available: reference " + reference.referenceId() + " has no multivariate part (fewer than "
                            + "two numeric features, bootstrapped from a batch, or built before it existed)");
            return;
        }
        DriftPolicy at = defaultsAt(alpha);
        MultivariateVerdict v =
                MultivariateJudge.judge(accumulator.reference(), accumulator.window(), at, OUTLIER_MIN_RATIO);
        checks.add(
                CheckName.MULTIVARIATE_SHIFT,
                v.tested() ? v.pValue() : Double.NaN,
                alpha,
                v.drift(),
                v.reason() + " (features "
                        + String.join(", ", accumulator.reference().features()) + ")");
    }

    /**
     * {@code embedding-shift}: each vector feature of the reference judged as the drift side judges a window ({@link
     * EmbeddingJudge}: the same seeded projections, sketch KS per projection and the per-projection mean test, corrected
     * across projections, each at alpha/2), the threshold being alpha, split evenly over the vector features
     * (Bonferroni). Score: the smallest p-value of any vector feature's tests after the correction across projections.
     */
    static void embedding(CheckList checks, BatchEvaluation e, ReferenceBundle reference, DatasetPolicy policy) {
        double alpha = policy.threshold(CheckName.EMBEDDING_SHIFT);
        Map<String, EmbeddingReference> parts = reference.profile().embeddings();
        if (parts.isEmpty()) {
            checks.add(
                    CheckName.EMBEDDING_SHIFT,
                    Double.NaN,
                    alpha,
                    false,
                    "not available: reference " + reference.referenceId() + " has no vector features");
            return;
        }
        DriftPolicy at = defaultsAt(alpha / parts.size());
        List<String> evidence = new ArrayList<>();
        double score = Double.NaN;
        boolean drift = false;
        for (Map.Entry<String, EmbeddingReference> part : parts.entrySet()) {
            EmbeddingReference batch = e.profile().embeddings().get(part.getKey());
            DatasetProfile projected = batch == null ? part.getValue().newWindow() : batch.projected();
            EmbeddingVerdict v = EmbeddingJudge.judge(part.getKey(), part.getValue(), projected, at);
            drift |= v.drift();
            for (double p : new double[] {v.minAdjustedPValue(), v.meanShiftPValue()}) {
                score = !(p >= score) && !Double.isNaN(p) ? p : score;
            }
            evidence.add(part.getKey() + ": " + v.reason());
        }
        checks.add(
                CheckName.EMBEDDING_SHIFT,
                score,
                alpha,
                drift,
                String.join("; ", evidence)
                        + (parts.size() > 1
                                ? String.format(Locale.ROOT, " (alpha %.3g per feature)", at.alpha())
                                : ""));
    }

    /** The drift defaults at another alpha, kept inside (0, 0.5]. */
    private static DriftPolicy defaultsAt(double alpha) {
        return DriftPolicy.defaults().withAlpha(Math.min(0.5, Math.max(1e-12, alpha)));
    }
}
