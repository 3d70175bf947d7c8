package dev.lazaret.detectors.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.compare.KolmogorovSmirnovStatistic;
import dev.lazaret.detectors.compare.WassersteinStatistic;
import dev.lazaret.detectors.profile.CategoricalProfile;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded simulations of the default policy: false alarms under no change at growing window sizes, power at a stated
 * effect, and the large-n case where a negligible shift is significant but not flagged. Windows are built directly as
 * sketch profiles (one numeric N(μ, 1) feature and one 10-category feature) to stay fast.
 */
class DriftPolicySimulationTest {

    private static final String[] CATEGORIES = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    private static final double[] CATEGORY_WEIGHTS = {0.3, 0.2, 0.12, 0.1, 0.08, 0.07, 0.06, 0.04, 0.02, 0.01};

    private static DatasetProfile window(SplittableRandom rng, int n, double meanShift) {
        NumericProfile x = NumericProfile.create();
        CategoricalProfile c = CategoricalProfile.create();
        double[] cumulative = new double[CATEGORY_WEIGHTS.length];
        double s = 0;
        for (int i = 0; i < cumulative.length; i++) {
            s += CATEGORY_WEIGHTS[i];
            cumulative[i] = s;
        }
        for (int i = 0; i < n; i++) {
            x.update(rng.nextGaussian() + meanShift);
            double u = rng.nextDouble() * s;
            int k = 0;
            while (cumulative[k] < u) {
                k++;
            }
            c.update(CATEGORIES[k]);
        }
        return DatasetProfile.restore(
                NumericProfile.DEFAULT_K,
                CategoricalProfile.DEFAULT_MAX_EXACT_DISTINCT,
                Map.of("x", x, "c", c),
                CategoricalProfile.create(),
                Map.of(),
                Map.of(),
                Map.of());
    }

    /** alpha + 3 binomial standard errors: a sound procedure fails this about once in 700 runs per row. */
    private static double bound(double alpha, int reps) {
        return alpha + 3 * Math.sqrt(alpha * (1 - alpha) / reps);
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"100, 2000", "1000, 1000", "10000, 300", "100000, 60", "1000000, 12"})
    void shouldKeepFalseAlarmsBelowAlphaWhenNothingChanges(int n, int reps) {
        DriftPolicy policy = DriftPolicy.defaults();
        SplittableRandom rng = new SplittableRandom(1000L + n);
        int[] flagged = new int[2];
        int[] significant = new int[2];
        for (int r = 0; r < reps; r++) {
            DatasetDriftVerdict v = DriftJudge.judge(window(rng, n, 0), window(rng, n, 0), policy);
            String[] names = {"x", "c"};
            for (int f = 0; f < 2; f++) {
                FeatureDriftVerdict fv = v.feature(names[f]);
                flagged[f] += fv.drifted() ? 1 : 0;
                significant[f] += fv.adjustedPValue() < policy.alpha() ? 1 : 0;
            }
        }
        double limit = bound(policy.alpha(), reps);
        System.out.printf(
                "H0 n=%d reps=%d: numeric flagged %.4f (significant %.4f), categorical flagged %.4f (significant %.4f),"
                        + " bound %.4f%n",
                n,
                reps,
                (double) flagged[0] / reps,
                (double) significant[0] / reps,
                (double) flagged[1] / reps,
                (double) significant[1] / reps,
                limit);
        assertThat((double) flagged[0] / reps).as("numeric false-alarm rate").isLessThanOrEqualTo(limit);
        assertThat((double) flagged[1] / reps)
                .as("categorical false-alarm rate")
                .isLessThanOrEqualTo(limit);
    }

    @ParameterizedTest(name = "n={0}, shift={1} sd")
    @CsvSource({"1000, 0.5, 300", "100000, 0.3, 20"})
    void shouldDetectShiftWhenEffectIsAboveFloor(int n, double shift, int reps) {
        SplittableRandom rng = new SplittableRandom(7L + n);
        int detected = 0;
        for (int r = 0; r < reps; r++) {
            DatasetDriftVerdict v = DriftJudge.judge(window(rng, n, 0), window(rng, n, shift), DriftPolicy.defaults());
            detected += v.feature("x").drifted() ? 1 : 0;
        }
        double power = (double) detected / reps;
        System.out.printf("power n=%d shift=%.2f sd reps=%d: %.4f%n", n, shift, reps, power);
        assertThat(power).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void shouldNotCryWolfWhenTinyShiftIsSignificantAtLargeN() {
        int n = 1_000_000;
        SplittableRandom rng = new SplittableRandom(42);
        double[] ref = new double[n];
        double[] cur = new double[n];
        for (int i = 0; i < n; i++) {
            ref[i] = rng.nextGaussian();
            cur[i] = rng.nextGaussian() + 0.02;
        }
        Comparison ks = KolmogorovSmirnovStatistic.ofSamples(ref, cur);
        double w = WassersteinStatistic.ofSamples(ref, cur).effectSize();
        List<FeatureEvidence> evidence = List.of(FeatureEvidence.tested("x", FeatureKind.NUMERIC, ks, w));

        FeatureDriftVerdict withFloor = DriftJudge.judgeEvidence(evidence, DriftPolicy.defaults())
                .features()
                .get(0);
        FeatureDriftVerdict pOnly = DriftJudge.judgeEvidence(
                        evidence, DriftPolicy.defaults().withoutEffectFloors())
                .features()
                .get(0);
        System.out.printf(
                "tiny shift n=%d: KS D=%.5f p=%.3g, W1/IQR=%.5f; default policy drifted=%s; p-value-only drifted=%s%n",
                n, ks.statistic(), ks.pValue(), w, withFloor.drifted(), pOnly.drifted());

        assertThat(ks.pValue()).isLessThan(1e-6);
        assertThat(withFloor.drifted()).isFalse();
        assertThat(withFloor.reason()).contains("too small to matter");
        assertThat(pOnly.drifted()).isTrue();
    }
}
