package dev.lazaret.app.compare;

import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.compare.WassersteinStatistic;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.policy.FeatureEvidence;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.FeatureProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges two files with the streaming policy, but with exact sample tests for numeric features wherever the raw
 * values are at hand: offline there is no reason to pay the sketch's rank-error allowance, which costs the
 * sketch-based KS most of its power at moderate sizes. The numeric method is the user's choice ({@link
 * NumericMethod}); categorical features and the label keep the policy's chi-square test.
 */
final class ExactSampleJudge {
    private ExactSampleJudge() {}

    static DatasetDriftVerdict judge(
            DatasetProfile reference,
            DatasetProfile current,
            RawSamples referenceSamples,
            RawSamples currentSamples,
            DriftPolicy policy,
            NumericMethod method,
            double threshold) {
        DatasetDriftVerdict fromProfiles = DriftJudge.judge(reference, current, policy);
        List<FeatureEvidence> evidence = new ArrayList<>();
        for (FeatureDriftVerdict verdict : fromProfiles.features()) {
            evidence.add(evidence(verdict, reference, current, referenceSamples, currentSamples, method));
        }
        List<FeatureDriftVerdict> features =
                new ArrayList<>(DriftJudge.judgeEvidence(evidence, policy).features());
        if (!method.isTest()) {
            // distances have no p-value, so the judge left numeric features untested: the threshold decides them
            for (int i = 0; i < features.size(); i++) {
                FeatureEvidence e = evidence.get(i);
                if (e.kind() == FeatureKind.NUMERIC && e.test() != null) {
                    features.set(i, byThreshold(e, threshold));
                }
            }
        }
        long tested = features.stream().filter(FeatureDriftVerdict::tested).count();
        long drifted = features.stream().filter(FeatureDriftVerdict::drifted).count();
        double share = tested == 0 ? 0 : (double) drifted / tested;
        boolean datasetDrift = tested > 0 && share >= policy.datasetDriftShare();
        return new DatasetDriftVerdict(features, share, datasetDrift, fromProfiles.label());
    }

    private static FeatureDriftVerdict byThreshold(FeatureEvidence e, double threshold) {
        Comparison c = e.test();
        boolean drifted = c.effectSize() >= threshold;
        String reason = String.format(
                Locale.ROOT,
                "%s: %s %.4f %s threshold %.3g",
                drifted ? "drifted" : "not drifted",
                c.effectSizeName(),
                c.effectSize(),
                drifted ? "reaches" : "is below",
                threshold);
        return new FeatureDriftVerdict(
                e.feature(),
                e.kind(),
                c.method(),
                c.statistic(),
                Double.NaN,
                Double.NaN,
                c.effectSize(),
                c.effectSizeName(),
                true,
                drifted,
                reason);
    }

    private static FeatureEvidence evidence(
            FeatureDriftVerdict verdict,
            DatasetProfile reference,
            DatasetProfile current,
            RawSamples referenceSamples,
            RawSamples currentSamples,
            NumericMethod method) {
        String name = verdict.feature();
        if (!verdict.tested()) {
            return FeatureEvidence.untested(name, verdict.kind(), verdict.reason());
        }
        if (verdict.kind() == FeatureKind.NUMERIC) {
            double[] ref = referenceSamples.of(name);
            double[] cur = currentSamples.of(name);
            if (ref != null && cur != null && ref.length > 0 && cur.length > 0) {
                Comparison w1 = WassersteinStatistic.ofSamples(ref, cur);
                return FeatureEvidence.tested(name, FeatureKind.NUMERIC, method.ofSamples(ref, cur), w1.effectSize());
            }
            if (method != NumericMethod.ks
                    && reference.features().get(name) instanceof NumericProfile r
                    && current.features().get(name) instanceof NumericProfile c) {
                return FeatureEvidence.tested(name, FeatureKind.NUMERIC, method.ofProfiles(r, c), Double.NaN);
            }
        }
        // Categorical features, and numeric ones too large to keep: the profile comparison stands.
        Comparison test = new Comparison(
                verdict.method(),
                verdict.statistic(),
                verdict.pValue(),
                verdict.effectSize(),
                verdict.effectSizeName(),
                count(reference.features().get(name)),
                count(current.features().get(name)));
        return FeatureEvidence.tested(name, verdict.kind(), test, Double.NaN);
    }

    private static long count(FeatureProfile profile) {
        return profile == null ? 0 : profile.totalCount() - profile.nullCount();
    }
}
