package dev.lazaret.app.compare;

import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.compare.KolmogorovSmirnovStatistic;
import dev.lazaret.detectors.compare.WassersteinStatistic;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.policy.FeatureEvidence;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.FeatureProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges two files with the streaming policy, but with exact sample tests for numeric features wherever the raw
 * values are at hand: offline there is no reason to pay the sketch's rank-error allowance, which costs the
 * sketch-based KS most of its power at moderate sizes.
 */
final class ExactSampleJudge {
    private ExactSampleJudge() {}

    static DatasetDriftVerdict judge(
            DatasetProfile reference,
            DatasetProfile current,
            RawSamples referenceSamples,
            RawSamples currentSamples,
            DriftPolicy policy) {
        DatasetDriftVerdict fromProfiles = DriftJudge.judge(reference, current, policy);
        List<FeatureEvidence> evidence = new ArrayList<>();
        for (FeatureDriftVerdict verdict : fromProfiles.features()) {
            evidence.add(evidence(verdict, reference, current, referenceSamples, currentSamples));
        }
        DatasetDriftVerdict exact = DriftJudge.judgeEvidence(evidence, policy);
        return new DatasetDriftVerdict(
                exact.features(), exact.driftedShare(), exact.datasetDrift(), fromProfiles.label());
    }

    private static FeatureEvidence evidence(
            FeatureDriftVerdict verdict,
            DatasetProfile reference,
            DatasetProfile current,
            RawSamples referenceSamples,
            RawSamples currentSamples) {
        String name = verdict.feature();
        if (!verdict.tested()) {
            return FeatureEvidence.untested(name, verdict.kind(), verdict.reason());
        }
        if (verdict.kind() == FeatureKind.NUMERIC) {
            double[] ref = referenceSamples.of(name);
            double[] cur = currentSamples.of(name);
            if (ref != null && cur != null && ref.length > 0 && cur.length > 0) {
                Comparison ks = KolmogorovSmirnovStatistic.ofSamples(ref, cur);
                Comparison w1 = WassersteinStatistic.ofSamples(ref, cur);
                return FeatureEvidence.tested(name, FeatureKind.NUMERIC, ks, w1.effectSize());
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
