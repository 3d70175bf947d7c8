package dev.lazaret.detectors.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Short traces worked out by hand from the papers' formulas; the derivation is in the comments. */
class HandComputedTracesTest {
    private static final DetectorState S = DetectorState.STABLE;
    private static final DetectorState W = DetectorState.WARNING;
    private static final DetectorState C = DetectorState.CHANGE;

    private static List<DetectorState> run(ChangeDetector detector, double... values) {
        List<DetectorState> states = new ArrayList<>();
        for (double value : values) {
            states.add(detector.update(value));
        }
        return states;
    }

    @Test
    void shouldAlarmOnFourthValueWhenPageHinkleyDeviationExceedsLambda() {
        // alpha 1, delta 0: after 0,0,0 the mean is 0; x = 10 makes the mean 2.5 and m_T = 7.5 > lambda 5.
        PageHinkleyDetector ph = PageHinkleyDetector.of(new PageHinkleyParameters(1, 0, 5, 1, true, true));
        assertThat(run(ph, 0, 0, 0, 10)).containsExactly(S, S, S, C);
        assertThat(ph.estimation()).isEqualTo(2.5);
        // The regime restarts: a lone 10 has zero deviation from its own mean.
        assertThat(ph.update(10)).isEqualTo(S);
        assertThat(ph.estimation()).isEqualTo(10);
    }

    @Test
    void shouldAccumulateOverTwoValuesWhenPageHinkleyLambdaIsHigher() {
        // lambda 8: 7.5 at the fourth value is not enough; the fifth (mean 4, deviation 6) brings m_T to 13.5.
        PageHinkleyDetector ph = PageHinkleyDetector.of(new PageHinkleyParameters(1, 0, 8, 1, true, false));
        assertThat(run(ph, 0, 0, 0, 10, 10)).containsExactly(S, S, S, S, C);
    }

    @Test
    void shouldAlarmOnDecreaseWhenPageHinkleyWatchesDecreases() {
        // Mirror image: M_T - m_T = 0 - (-7.5) = 7.5 > 5.
        PageHinkleyDetector ph = PageHinkleyDetector.of(new PageHinkleyParameters(1, 0, 5, 1, false, true));
        assertThat(run(ph, 0, 0, 0, -10)).containsExactly(S, S, S, C);
    }

    @Test
    void shouldSubtractAllowanceWhenCusumAccumulates() {
        // delta 3: g+ = max(0, 7.5 - 3) = 4.5 at the fourth value, then 4.5 + (10 - 4) - 3 = 7.5 > 5.
        CusumDetector cusum = CusumDetector.of(new CusumParameters(1, 3, 5, true, true));
        assertThat(run(cusum, 0, 0, 0, 10, 10)).containsExactly(S, S, S, S, C);
        // delta 1: 7.5 - 1 = 6.5 > 5 already at the fourth value.
        CusumDetector loose = CusumDetector.of(new CusumParameters(1, 1, 5, true, true));
        assertThat(run(loose, 0, 0, 0, 10)).containsExactly(S, S, S, C);
    }

    @Test
    void shouldWarnThenAlarmWhenDdmErrorRateClimbs() {
        // minInstances 4. At n = 6 (one error): p = 1/6, s = sqrt(p(1-p)/6) = 0.152145, the minimum.
        // Warning above p_min + 2 s_min = 0.470957, change above p_min + 3 s_min = 0.623102.
        // n=7: 2/7 + 0.170747 = 0.456 (stable); n=8: 0.375 + 0.171163 = 0.546 (warning);
        // n=9: 0.4444 + 0.165635 = 0.610 (warning); n=10: 0.5 + 0.158114 = 0.658 (change).
        DdmDetector ddm = DdmDetector.of(new DdmParameters(4, 2, 3));
        assertThat(run(ddm, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1)).containsExactly(S, S, S, S, S, S, S, W, W, C);
        assertThat(ddm.estimation()).isEqualTo(0.5);
    }

    @Test
    void shouldWarnThenAlarmWhenEddmErrorsGetCloser() {
        // minErrors 2. Distances 1, 3, 2, 1. After the second error: mean 2, sd 1, level 4 = max.
        // Third: mean 2, sd sqrt(2/3), level 3.633, ratio 0.908 (warning). Fourth: mean 1.75, sd sqrt(0.6875),
        // level 3.408, ratio 0.852 (change).
        EddmDetector eddm = EddmDetector.of(new EddmParameters(2, 0.95, 0.90));
        assertThat(run(eddm, 1, 0, 0, 1, 0, 1)).containsExactly(S, S, S, S, S, W);
        assertThat(eddm.estimation()).isEqualTo(2.0);
        assertThat(eddm.update(1)).isEqualTo(C);
        assertThat(eddm.estimation()).isCloseTo(1.75, within(1e-15));
    }

    @Test
    void shouldMatchBruteForceCutSearchWhenRunningHddmA() {
        // The incremental cut point must equal the argmin over all prefixes of mean + Hoeffding bound.
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        HddmAParameters parameters = HddmAParameters.defaults();
        for (int trial = 0; trial < 30; trial++) {
            HddmADetector detector = HddmADetector.of(parameters);
            List<Double> regime = new ArrayList<>();
            double rate = 0.05 + 0.3 * random.nextDouble();
            for (int i = 0; i < 400; i++) {
                double value = random.nextDouble() < (i < 200 ? rate : rate + 0.3) ? 1 : 0;
                regime.add(value);
                DetectorState expected = bruteForceHddmA(regime, parameters);
                assertThat(detector.update(value))
                        .as("trial %d index %d", trial, i)
                        .isEqualTo(expected);
                if (expected == C) {
                    regime.clear();
                }
            }
        }
    }

    private static DetectorState bruteForceHddmA(List<Double> regime, HddmAParameters parameters) {
        int n = regime.size();
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + regime.get(i);
        }
        int cut = 1;
        double best = Double.POSITIVE_INFINITY;
        for (int c = 1; c <= n; c++) {
            double bound = prefix[c] / c + Math.sqrt(Math.log(1 / parameters.driftConfidence()) / (2.0 * c));
            if (bound <= best) {
                best = bound;
                cut = c;
            }
        }
        if (cut == n) {
            return S;
        }
        double difference = prefix[n] / n - prefix[cut] / cut;
        double factor = (double) (n - cut) / (2.0 * cut * n);
        if (difference >= Math.sqrt(factor * Math.log(1 / parameters.driftConfidence()))) {
            return C;
        }
        return difference >= Math.sqrt(factor * Math.log(1 / parameters.warningConfidence())) ? W : S;
    }
}
