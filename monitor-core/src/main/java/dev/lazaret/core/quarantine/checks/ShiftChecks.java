package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.multivariate.MultivariateAccumulator;
import dev.lazaret.detectors.multivariate.MultivariateJudge;
import dev.lazaret.detectors.multivariate.MultivariateVerdict;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Feature shift against the reference: the drift side's per-feature tests, Benjamini–Hochberg adjusted. */
final class ShiftChecks {
    private ShiftChecks() {}

    static void run(CheckList checks, BatchEvaluation e, ReferenceBundle reference, DatasetPolicy policy) {
        DatasetDriftVerdict drift = DriftJudge.judge(reference.profile(), e.profile(), DriftPolicy.defaults());
        List<FeatureDriftVerdict> drifted =
                drift.features().stream().filter(FeatureDriftVerdict::drifted).toList();
        double threshold = policy.threshold(CheckName.FEATURE_SHIFT);
        checks.add(
                CheckName.FEATURE_SHIFT,
                drifted.size(),
                threshold,
                drifted.size() >= threshold,
                drifted.isEmpty()
                        ? "no feature drifted (BH-adjusted p < 0.05 and effect above the floor), "
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
        DriftPolicy defaults = DriftPolicy.defaults();
        DriftPolicy at = new DriftPolicy(
                Math.min(0.5, Math.max(1e-12, alpha)),
                defaults.correction(),
                defaults.datasetDriftShare(),
                defaults.numericEffectFloor(),
                defaults.numericWassersteinFloor(),
                defaults.categoricalEffectFloor(),
                defaults.minCount());
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
}
