package dev.lazaret.detectors.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.profile.NumericProfile;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinnedDistanceTest {

    @Test
    void shouldMatchHandComputedValuesWhenTwoBins() {
        double[] p = {0.5, 0.5};
        double[] q = {0.25, 0.75};
        // numpy: ((q-p)*np.log(q/p)).sum() = 0.274653072167027
        assertThat(PopulationStabilityIndexStatistic.of(p, q, 1e-4)).isCloseTo(0.274653072167027, within(1e-12));
        // numpy: np.sqrt(((np.sqrt(p)-np.sqrt(q))**2).sum()/2) = 0.1845919112825145
        assertThat(HellingerStatistic.distance(p, q)).isCloseTo(0.1845919112825145, within(1e-12));
    }

    @Test
    void shouldSmoothEmptyBinsWhenCurrentLeavesBinEmpty() {
        double psi = PopulationStabilityIndexStatistic.of(new double[] {1, 1}, new double[] {1, 0}, 1e-4);
        assertThat(psi).isFinite().isGreaterThan(1);
    }

    @Test
    void shouldSubtractRankErrorWhenSketchesEstimate() {
        SplittableRandom rng = new SplittableRandom(5);
        NumericProfile a = NumericProfile.create();
        NumericProfile b = NumericProfile.create();
        for (int i = 0; i < 200_000; i++) {
            a.update(rng.nextGaussian());
            b.update(rng.nextGaussian());
        }
        assertThat(a.normalizedRankError()).isPositive();
        double raw = KolmogorovSmirnovStatistic.rawDistance(a, b);
        Comparison c = KolmogorovSmirnovStatistic.ofProfiles(a, b);
        assertThat(c.statistic()).isEqualTo(Math.max(0, raw - a.normalizedRankError() - b.normalizedRankError()));
        assertThat(c.pValue()).isGreaterThan(0.05);
    }

    @Test
    void shouldBinByReferenceQuantilesWhenProportionsAreTaken() {
        double[] ref = new double[100];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = i + 1;
        }
        QuantileBins bins = QuantileBins.fromReference(ref, 4);
        assertThat(bins.edges()).containsExactly(25, 50, 75);
        assertThat(bins.proportions(ref)).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(bins.proportions(new double[] {-1000, 1000})).containsExactly(0.5, 0, 0, 0.5);
    }

    @Test
    void shouldRejectTooFewValuesWhenAndersonDarlingOrCramerVonMises() {
        assertThatThrownBy(() -> AndersonDarlingStatistic.ofSamples(new double[] {1, 1}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> CramerVonMisesStatistic.ofSamples(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }
}
