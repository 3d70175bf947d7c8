package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
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
}
