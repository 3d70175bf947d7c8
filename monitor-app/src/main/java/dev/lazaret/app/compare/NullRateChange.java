package dev.lazaret.app.compare;

import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.compare.ProportionComparisons;
import dev.lazaret.detectors.policy.Correction;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a feature's share of missing values moved: a broken join or a new upstream default shows up here before
 * the value distributions move. Two-proportion z-test, or Fisher's exact test when an expected count is below 5;
 * p-values corrected across features like the drift tests.
 *
 * @param feature the feature
 * @param referenceRate share of reference rows without a value
 * @param currentRate share of current rows without a value
 * @param method {@code two-proportion-z} or {@code fisher-exact}
 * @param pValue two-sided p-value
 * @param adjustedPValue after the multiple-testing correction
 * @param cohensH effect size, 2·asin√current − 2·asin√reference
 * @param changed whether {@code adjustedPValue < alpha}
 */
record NullRateChange(
        String feature,
        double referenceRate,
        double currentRate,
        String method,
        double pValue,
        double adjustedPValue,
        double cohensH,
        boolean changed) {

    /** One entry per feature present with rows on both sides, in the reference's feature order. */
    static List<NullRateChange> of(
            DatasetProfile reference, DatasetProfile current, Correction correction, double alpha) {
        List<String> names = new ArrayList<>();
        List<Comparison> tests = new ArrayList<>();
        reference.features().forEach((name, ref) -> {
            FeatureProfile cur = current.features().get(name);
            if (cur != null && ref.totalCount() > 0 && cur.totalCount() > 0) {
                names.add(name);
                tests.add(ProportionComparisons.compare(
                        ref.nullCount(), ref.totalCount(), cur.nullCount(), cur.totalCount()));
            }
        });
        double[] adjusted =
                correction.adjust(tests.stream().mapToDouble(Comparison::pValue).toArray());
        List<NullRateChange> changes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            FeatureProfile ref = reference.features().get(names.get(i));
            FeatureProfile cur = current.features().get(names.get(i));
            Comparison c = tests.get(i);
            changes.add(new NullRateChange(
                    names.get(i),
                    (double) ref.nullCount() / ref.totalCount(),
                    (double) cur.nullCount() / cur.totalCount(),
                    c.method(),
                    c.pValue(),
                    adjusted[i],
                    c.effectSize(),
                    adjusted[i] < alpha));
        }
        return changes;
    }

    /** One line for the table report. */
    String line() {
        return String.format(
                Locale.ROOT,
                "nulls %s: %.2f%% -> %.2f%% (%s, adjusted p %.3g, cohens-h %.3f): %s",
                feature,
                100 * referenceRate,
                100 * currentRate,
                method,
                adjustedPValue,
                cohensH,
                changed ? "CHANGED" : "same");
    }
}
