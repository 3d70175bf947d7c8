package dev.lazaret.detectors.policy;

import dev.lazaret.detectors.profile.FeatureKind;

/**
 * The drift decision for one feature.
 *
 * @param feature feature name
 * @param kind feature kind
 * @param method primary method, or {@code "none"} when not tested
 * @param statistic test statistic (NaN when not tested)
 * @param pValue raw p-value (NaN when not tested)
 * @param adjustedPValue p-value after the policy's correction (NaN when not tested)
 * @param effectSize effect size of the primary method (NaN when not tested)
 * @param effectSizeName what {@code effectSize} measures
 * @param tested whether a test was run
 * @param drifted significant after correction and above the effect floor
 * @param reason one sentence for a human
 */
public record FeatureDriftVerdict(
        String feature,
        FeatureKind kind,
        String method,
        double statistic,
        double pValue,
        double adjustedPValue,
        double effectSize,
        String effectSizeName,
        boolean tested,
        boolean drifted,
        String reason) {}
