package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NumericProfileTest {

    @Test
    void shouldCountNonFiniteValuesApartWhenStreamHasNaNAndInfinity() {
        NumericProfile p = NumericProfile.create();
        p.update(1);
        p.update(Double.NaN);
        p.update(Double.POSITIVE_INFINITY);
        p.update(3);
        p.updateNull();

        assertThat(p.count()).isEqualTo(2);
        assertThat(p.nonFiniteCount()).isEqualTo(2);
        assertThat(p.nullCount()).isEqualTo(1);
        assertThat(p.totalCount()).isEqualTo(5);
        assertThat(p.mean()).isEqualTo(2.0);
        assertThat(p.variance()).isEqualTo(2.0);
        assertThat(p.max()).isEqualTo(3.0);
    }

    @Test
    void shouldReportExactRanksWhenSketchHoldsEveryValue() {
        NumericProfile p = NumericProfile.create();
        for (int i = 1; i <= 100; i++) {
            p.update(i);
        }
        assertThat(p.normalizedRankError()).isZero();
        assertThat(p.rank(25)).isEqualTo(0.25);
        assertThat(p.quantile(0.5)).isEqualTo(50.0);
    }

    @Test
    void shouldRejectBadArgumentsWhenKOrRankIsOutOfRange() {
        assertThatThrownBy(() -> NumericProfile.create(2)).isInstanceOf(IllegalArgumentException.class);
        NumericProfile p = NumericProfile.create();
        p.update(1);
        assertThatThrownBy(() -> p.quantile(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }

    @Property(tries = 60)
    void shouldEqualOneStreamWhenTwoProfilesAreMerged(
            @ForAll @Size(min = 0, max = 3000) List<@DoubleRange(min = -1e6, max = 1e6) Double> left,
            @ForAll @Size(min = 0, max = 3000) List<@DoubleRange(min = -1e6, max = 1e6) Double> right,
            @ForAll @IntRange(min = 0, max = 20) int nulls) {
        NumericProfile a = NumericProfile.create();
        NumericProfile b = NumericProfile.create();
        NumericProfile all = NumericProfile.create();
        left.forEach(v -> {
            a.update(v);
            all.update(v);
        });
        right.forEach(v -> {
            b.update(v);
            all.update(v);
        });
        for (int i = 0; i < nulls; i++) {
            b.updateNull();
            all.updateNull();
        }
        a.merge(b);

        assertThat(a.count()).isEqualTo(all.count());
        assertThat(a.nullCount()).isEqualTo(all.nullCount());
        if (all.count() == 0) {
            return;
        }
        double scale = Math.max(1, Math.abs(all.mean()));
        assertThat(a.mean()).isCloseTo(all.mean(), within(1e-9 * scale));
        if (all.count() > 1) {
            assertThat(a.variance()).isCloseTo(all.variance(), within(1e-9 * Math.max(1, all.variance())));
        }
        assertThat(a.min()).isEqualTo(all.min());
        assertThat(a.max()).isEqualTo(all.max());
        // both sketches estimate the same exact ranks, each within its stated error
        double[] sorted = java.util.stream.Stream.concat(left.stream(), right.stream())
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        double tolerance = a.normalizedRankError() + 1e-12;
        for (double q : new double[] {0.1, 0.5, 0.9}) {
            double x = sorted[(int) (q * (sorted.length - 1))];
            double exact = (double) upperBound(sorted, x) / sorted.length;
            assertThat(a.rank(x)).as("merged rank of %s", x).isCloseTo(exact, within(tolerance));
        }
    }

    private static int upperBound(double[] sorted, double x) {
        int idx = Arrays.binarySearch(sorted, x);
        if (idx < 0) {
            return -idx - 1;
        }
        while (idx < sorted.length && sorted[idx] == x) {
            idx++;
        }
        return idx;
    }
}
