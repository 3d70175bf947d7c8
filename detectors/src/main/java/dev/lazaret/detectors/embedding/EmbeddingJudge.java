package dev.lazaret.detectors.embedding;

import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.List;
import java.util.Locale;

/**
 * Judges one vector feature's window against its {@link EmbeddingReference}: each projection is tested as a numeric
 * feature ({@link DriftJudge}: sketch KS, the policy's effect floors) with the policy's correction across the
 * projections, and the feature drifted when at least one projection did. The mean shift in reference standard
 * deviations ({@link MeanShift}) is reported beside it. A window with fewer vectors than the policy's {@code minCount}
 * is not tested. Pure.
 */
public final class EmbeddingJudge {
    private EmbeddingJudge() {}

    public static EmbeddingVerdict judge(
            String feature, EmbeddingReference reference, DatasetProfile window, DriftPolicy policy) {
        List<String> names = ProjectedSketches.names(reference.projectionCount());
        long vectors = numeric(window, names.get(0)).count();
        double shift = meanShift(reference, window, names);
        if (vectors < policy.minCount() || reference.count() < policy.minCount()) {
            return new EmbeddingVerdict(
                    feature,
                    reference.dimension(),
                    false,
                    vectors,
                    0,
                    Double.NaN,
                    shift,
                    false,
                    List.of(),
                    String.format(
                            Locale.ROOT,
                            "insufficient data: %d vectors in the window, %d in the reference, need %d",
                            vectors,
                            reference.count(),
                            policy.minCount()));
        }
        DatasetDriftVerdict verdict = DriftJudge.judge(reference.projected(), window, policy);
        int drifted = 0;
        double minAdjusted = Double.NaN;
        for (FeatureDriftVerdict v : verdict.features()) {
            if (v.drifted()) {
                drifted++;
            }
            if (v.tested() && !(v.adjustedPValue() >= minAdjusted)) {
                minAdjusted = v.adjustedPValue();
            }
        }
        boolean drift = drifted > 0;
        String reason = String.format(
                Locale.ROOT,
                "%s: %d of %d random projections of the %d-dimensional vectors drifted (smallest corrected p %.3g,"
                        + " alpha %.3g); window mean %.3f reference standard deviations from the reference mean",
                drift ? "drifted" : "not drifted",
                drifted,
                names.size(),
                reference.dimension(),
                minAdjusted,
                policy.alpha(),
                shift);
        return new EmbeddingVerdict(
                feature,
                reference.dimension(),
                true,
                vectors,
                drifted,
                minAdjusted,
                shift,
                drift,
                verdict.features(),
                reason);
    }

    private static double meanShift(EmbeddingReference reference, DatasetProfile window, List<String> names) {
        double[] mu = new double[names.size()];
        double[] sd = new double[names.size()];
        double[] m = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            NumericProfile r = numeric(reference.projected(), names.get(j));
            mu[j] = r.mean();
            sd[j] = Math.sqrt(r.variance());
            m[j] = numeric(window, names.get(j)).mean();
        }
        return MeanShift.rmsStandardised(mu, sd, m);
    }

    private static NumericProfile numeric(DatasetProfile profile, String name) {
        if (!(profile.features().get(name) instanceof NumericProfile n)) {
            throw new IllegalArgumentException("not a projection profile: no numeric feature " + name);
        }
        return n;
    }
}
