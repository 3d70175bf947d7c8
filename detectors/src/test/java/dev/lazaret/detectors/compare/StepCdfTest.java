package dev.lazaret.detectors.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.profile.NumericProfile;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The merge walk must give exactly what ranking every union point against both sketches gives. */
class StepCdfTest {

    @Property(tries = 60)
    void shouldEqualRankQueriesAtEveryUnionPoint(
            @ForAll @IntRange(min = 1, max = 20_000) int n,
            @ForAll @IntRange(min = 1, max = 20_000) int m,
            @ForAll @LongRange(min = 0, max = 1_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NumericProfile a = NumericProfile.create();
        NumericProfile b = NumericProfile.create();
        for (int i = 0; i < n; i++) {
            a.update(Math.floor(random.nextGaussian() * 50) / 10); // coarse grid: many ties
        }
        for (int i = 0; i < m; i++) {
            b.update(Math.floor((random.nextGaussian() + 0.2) * 50) / 10);
        }
        double[] union = concatDistinctSorted(a.retainedValues(), b.retainedValues());
        double[] fa = a.ranks(union);
        double[] fb = b.ranks(union);
        double expectedKs = 0;
        double expectedW1 = 0;
        for (int k = 0; k < union.length; k++) {
            expectedKs = Math.max(expectedKs, Math.abs(fa[k] - fb[k]));
            if (k < union.length - 1) {
                expectedW1 += Math.abs(fa[k] - fb[k]) * (union[k + 1] - union[k]);
            }
        }

        assertThat(KolmogorovSmirnovStatistic.rawDistance(a, b)).isCloseTo(expectedKs, within(1e-12));
        assertThat(WassersteinStatistic.distance(a, b)).isCloseTo(expectedW1, within(1e-9 * (1 + expectedW1)));
    }

    private static double[] concatDistinctSorted(double[] x, double[] y) {
        double[] all = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        return Arrays.stream(all).sorted().distinct().toArray();
    }
}
