package dev.lazaret.detectors.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The projections are linear, unit-length, determined by (seed, count, dimension), and refuse another dimension. */
class RandomProjectionsPropertiesTest {
    private static double[] vector(Random r, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = 10 * r.nextGaussian();
        }
        return v;
    }

    @Property(tries = 200)
    void projectingIsTheDotProductWithAUnitDirectionAndLinear(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 200) int dimension,
            @ForAll @IntRange(min = 1, max = 40) int count,
            @ForAll @DoubleRange(min = -5, max = 5) double a) {
        RandomProjections p = RandomProjections.of(seed, count, dimension);
        Random r = new Random(seed);
        double[] x = vector(r, dimension);
        double[] y = vector(r, dimension);
        double[] combined = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            combined[i] = a * x[i] + y[i];
        }
        double[] px = p.project(x);
        double[] py = p.project(y);
        double[] pc = p.project(combined);
        for (int j = 0; j < count; j++) {
            double[] u = p.direction(j);
            double norm = 0;
            double dot = 0;
            for (int i = 0; i < dimension; i++) {
                norm += u[i] * u[i];
                dot += u[i] * x[i];
            }
            assertThat(norm).isCloseTo(1, within(1e-9));
            assertThat(px[j]).isCloseTo(dot, within(1e-9 * (1 + Math.abs(dot))));
            assertThat(pc[j]).isCloseTo(a * px[j] + py[j], within(1e-8 * (1 + Math.abs(pc[j]))));
        }
    }

    @Property(tries = 100)
    void theSameSeedGivesTheSameDirectionsOnEveryBuild(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int dimension,
            @ForAll @IntRange(min = 1, max = 32) int count) {
        RandomProjections one = RandomProjections.of(seed, count, dimension);
        RandomProjections two = RandomProjections.of(seed, count, dimension);
        for (int j = 0; j < count; j++) {
            assertThat(two.direction(j)).containsExactly(one.direction(j));
        }
        assertThatThrownBy(() -> one.project(new double[dimension + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dimension + "-dimensional");
    }

    @Property(tries = 50)
    void anotherSeedGivesOtherDirections(@ForAll long seed) {
        RandomProjections one = RandomProjections.of(seed, 16, 128);
        RandomProjections other = RandomProjections.of(seed + 1, 16, 128);
        assertThat(other.direction(0)).isNotEqualTo(one.direction(0));
    }
}
