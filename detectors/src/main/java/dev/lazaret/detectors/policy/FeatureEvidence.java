package dev.lazaret.detectors.policy;

import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.profile.FeatureKind;

/**
 * What the judge weighs for one feature: the primary test, plus for numeric features the normalised Wasserstein
 * distance. A null test means the feature could not be tested; {@code note} then says why.
 *
 * @param feature feature name
 * @param kind feature kind (for missing features, the kind on the side where it exists)
 * @param test primary comparison, or null when not tested
 * @param wassersteinNormalised W1 / IQR(reference) for numeric features, NaN otherwise
 * @param note why the feature was not tested, or empty
 */
public record FeatureEvidence(
        String feature, FeatureKind kind, Comparison test, double wassersteinNormalised, String note) {

    /** Evidence for a tested feature. */
    public static FeatureEvidence tested(
            String feature, FeatureKind kind, Comparison test, double wassersteinNormalised) {
        return new FeatureEvidence(feature, kind, test, wassersteinNormalised, "");
    }

    /** Evidence for a feature that could not be tested. */
    public static FeatureEvidence untested(String feature, FeatureKind kind, String note) {
        return new FeatureEvidence(feature, kind, null, Double.NaN, note);
    }
}
