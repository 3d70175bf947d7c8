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
 * Judges one vector feature's window against its {@link EmbeddingReference} with two tests, each at α/2 (Bonferroni,
 * so the window's false-alarm rate stays at or below α):
 *
 * <ul>
 *   <li>distribution: each projection is tested as a numeric feature ({@link DriftJudge}: sketch KS, the policy's
 *       effect floors) with the policy's correction across the projections; drifted when one projection is;
 *   <li>mean: each projection's mean against the reference's (Welch z, {@link MeanShift#pValues}) with the same
 *       correction; drifted when one is significant and the RMS shift in reference standard deviations ({@link
 *       MeanShift#rmsStandardised}) reaches {@link #MEAN_SHIFT_FLOOR}. The mean test has the power the sketch KS test
 *       loses to its rank-error allowance when a cluster's share moves.
 * </ul>
 *
 * <p>A window with fewer vectors than the policy's {@code minCount} is not tested. Pure.
 */
public final class EmbeddingJudge {
    /**
     * Smallest RMS mean shift, in reference standard deviations, that counts as drift: a tenth, the same order as the
     * numeric features' W1/IQR floor, so a huge window does not alarm on a shift too small to matter.
     */
    public static final double MEAN_SHIFT_FLOOR = 0.1;

    private EmbeddingJudge() {}

    /** Judges with the documented mean-shift floor. */
    public static EmbeddingVerdict judge(
            String feature, EmbeddingReference reference, DatasetProfile window, DriftPolicy policy) {
        return judge(feature, reference, window, policy, MEAN_SHIFT_FLOOR);
    }

    /** Judges with another mean-shift floor (0 leaves the mean test to its p-value alone). */
    public static EmbeddingVerdict judge(
            String feature,
            EmbeddingReference reference,
            DatasetProfile window,
            DriftPolicy policy,
            double meanShiftFloor) {
        List<String> names = ProjectedSketches.names(reference.projectionCount());
        long vectors = numeric(window, names.get(0)).count();
        Moments r = Moments.of(reference.projected(), names);
        Moments w = Moments.of(window, names);
        double shift = MeanShift.rmsStandardised(r.means(), r.sds(), w.means());
        if (vectors < policy.minCount() || reference.count() < policy.minCount()) {
            return new EmbeddingVerdict(
                    feature,
                    reference.dimension(),
                    false,
                    vectors,
                    0,
                    Double.NaN,
                    shift,
                    Double.NaN,
                    false,
                    false,
                    List.of(),
                    String.format(
                            Locale.ROOT,
                            "insufficient data: %d vectors in the window, %d in the reference, need %d",
                            vectors,
                            reference.count(),
                            policy.minCount()));
        }
        DriftPolicy half = new DriftPolicy(
                policy.alpha() / 2,
                policy.correction(),
                policy.datasetDriftShare(),
                policy.numericEffectFloor(),
                policy.numericWassersteinFloor(),
                policy.categoricalEffectFloor(),
                policy.minCount());
        DatasetDriftVerdict verdict = DriftJudge.judge(reference.projected(), window, half);
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
        double meanP = min(policy.correction()
                .adjust(MeanShift.pValues(
                        r.means(), r.variances(), reference.count(), w.means(), w.variances(), vectors)));
        boolean meanDrift = meanP < half.alpha() && shift >= meanShiftFloor;
        boolean drift = drifted > 0 || meanDrift;
        String reason = String.format(
                Locale.ROOT,
                "%s: %d of %d random projections of the %d-dimensional vectors drifted (smallest corrected KS p %.3g);"
                        + " window mean %.3f reference standard deviations from the reference mean (corrected p %.3g,"
                        + " floor %.2f); each test at alpha/2 = %.3g",
                drift ? "drifted" : "not drifted",
                drifted,
                names.size(),
                reference.dimension(),
                minAdjusted,
                shift,
                meanP,
                meanShiftFloor,
                half.alpha());
        return new EmbeddingVerdict(
                feature,
                reference.dimension(),
                true,
                vectors,
                drifted,
                minAdjusted,
                shift,
                meanP,
                meanDrift,
                drift,
                verdict.features(),
                reason);
    }

    private static double min(double[] values) {
        double min = Double.NaN;
        for (double v : values) {
            if (!(v >= min)) {
                min = Double.isNaN(v) ? min : v;
            }
        }
        return min;
    }

    /** Per projection: mean, sample variance and standard deviation. */
    private record Moments(double[] means, double[] variances, double[] sds) {
        static Moments of(DatasetProfile profile, List<String> names) {
            double[] means = new double[names.size()];
            double[] variances = new double[names.size()];
            double[] sds = new double[names.size()];
            for (int j = 0; j < names.size(); j++) {
                NumericProfile p = numeric(profile, names.get(j));
                means[j] = p.mean();
                variances[j] = p.variance();
                sds[j] = Math.sqrt(variances[j]);
            }
            return new Moments(means, variances, sds);
        }
    }

    private static NumericProfile numeric(DatasetProfile profile, String name) {
        if (!(profile.features().get(name) instanceof NumericProfile n)) {
            throw new IllegalArgumentException("not a projection profile: no numeric feature " + name);
        }
        return n;
    }
}
