package dev.lazaret.detectors.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.profile.NumericProfile;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class DistanceInvariantsTest {

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Property(tries = 200)
    void shouldBeNonNegativeAndZeroOnIdenticalInputsWhenPsi(
            @ForAll @Size(10) List<@DoubleRange(min = 0, max = 100) Double> p,
            @ForAll @Size(10) List<@DoubleRange(min = 0, max = 100) Double> q) {
        double[] a = toArray(p);
        double[] b = toArray(q);
        Assume.that(java.util.Arrays.stream(a).sum() > 0
                && java.util.Arrays.stream(b).sum() > 0);
        assertThat(PopulationStabilityIndexStatistic.of(a, b, 1e-4)).isGreaterThanOrEqualTo(0);
        assertThat(PopulationStabilityIndexStatistic.of(a, a, 1e-4)).isZero();
    }

    @Property(tries = 200)
    void shouldBeBoundedAndSymmetricWhenJensenShannon(
            @ForAll @Size(min = 3, max = 3) List<@DoubleRange(min = 0, max = 50) Double> p,
            @ForAll @Size(min = 3, max = 3) List<@DoubleRange(min = 0, max = 50) Double> q) {
        double[] a = toArray(p);
        double[] b = toArray(q);
        Assume.that(java.util.Arrays.stream(a).sum() > 0
                && java.util.Arrays.stream(b).sum() > 0);
        double ab = JensenShannonStatistic.distance(a, b);
        assertThat(ab).isBetween(0.0, 1.0);
        assertThat(JensenShannonStatistic.distance(b, a)).isCloseTo(ab, within(1e-12));
        assertThat(JensenShannonStatistic.distance(a, a)).isCloseTo(0.0, within(1e-7));
        assertThat(HellingerStatistic.distance(a, b)).isBetween(0.0, 1.0);
    }

    @Property(tries = 100)
    void shouldBeInvariantUnderMonotoneTransformWhenKs(
            @ForAll @Size(min = 2, max = 60) List<@DoubleRange(min = -5, max = 5) Double> x,
            @ForAll @Size(min = 2, max = 60) List<@DoubleRange(min = -5, max = 5) Double> y) {
        double[] a = toArray(x);
        double[] b = toArray(y);
        double[] ta = java.util.Arrays.stream(a).map(v -> Math.exp(v) * 3 + 1).toArray();
        double[] tb = java.util.Arrays.stream(b).map(v -> Math.exp(v) * 3 + 1).toArray();
        Comparison raw = KolmogorovSmirnovStatistic.ofSamples(a, b);
        Comparison transformed = KolmogorovSmirnovStatistic.ofSamples(ta, tb);
        assertThat(transformed.statistic()).isCloseTo(raw.statistic(), within(1e-12));
        assertThat(transformed.pValue()).isCloseTo(raw.pValue(), within(1e-12));

        NumericProfile pa = profile(a);
        NumericProfile pb = profile(b);
        assertThat(KolmogorovSmirnovStatistic.ofProfiles(profile(ta), profile(tb))
                        .statistic())
                .isCloseTo(KolmogorovSmirnovStatistic.ofProfiles(pa, pb).statistic(), within(1e-12));
        // while sketches hold every value the sketch KS is the exact two-sample D
        assertThat(KolmogorovSmirnovStatistic.ofProfiles(pa, pb).statistic()).isCloseTo(raw.statistic(), within(1e-12));
    }

    @Property(tries = 50)
    void shouldAgreeWithSampleWassersteinWhenSketchesAreExact(
            @ForAll @Size(min = 1, max = 150) List<@DoubleRange(min = -5, max = 5) Double> x,
            @ForAll @Size(min = 1, max = 150) List<@DoubleRange(min = -5, max = 5) Double> y) {
        double[] a = toArray(x);
        double[] b = toArray(y);
        assertThat(WassersteinStatistic.distance(profile(a), profile(b)))
                .isCloseTo(WassersteinStatistic.distance(a, b), within(1e-9));
    }

    private static NumericProfile profile(double[] xs) {
        NumericProfile p = NumericProfile.create();
        for (double v : xs) {
            p.update(v);
        }
        return p;
    }
}
