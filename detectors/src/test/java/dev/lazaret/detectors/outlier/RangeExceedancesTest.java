package dev.lazaret.detectors.outlier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RangeExceedancesTest {

    /**
     * Golden values from the closed form in exact integers, scipy.special.comb(..., exact=True):
     *
     * <pre>
     * from fractions import Fraction
     * from scipy.special import comb
     * pmf = lambda n, m, k: Fraction((k + 1) * comb(n + m - k - 2, m - k, exact=True), comb(n + m, n, exact=True))
     * sf = lambda n, m, k: sum(pmf(n, m, j) for j in range(k + 1, m + 1))
     * </pre>
     */
    @Test
    void shouldMatchTheClosedFormInExactIntegers() {
        // float(pmf(384, 200, 2)), float(sf(384, 200, 2))
        assertRelative(RangeExceedances.of(384, 200).probability(2), 1.525294858096131e-01);
        assertRelative(RangeExceedances.of(384, 200).survivalProbability(2), 1.186222906326964e-01);
        // float(pmf(384, 200, 9)), float(sf(384, 200, 9)), float(sf(384, 200, 10))
        assertRelative(RangeExceedances.of(384, 200).probability(9), 2.559189757364864e-04);
        assertRelative(RangeExceedances.of(384, 200).survivalProbability(9), 1.467027269297096e-04);
        assertRelative(RangeExceedances.of(384, 200).survivalProbability(10), 5.286576915966461e-05);
        // float(sf(1155, 200, 5)), float(sf(151, 200, 19)), float(sf(5000, 5000, 12))
        assertRelative(RangeExceedances.of(1155, 200).survivalProbability(5), 5.949076297856506e-05);
        assertRelative(RangeExceedances.of(151, 200).survivalProbability(19), 8.564223971214120e-05);
        assertRelative(RangeExceedances.of(5000, 5000).survivalProbability(12), 9.094299406629640e-04);
        // float(pmf(10, 10, 3)), float(sf(10, 10, 3)), float(pmf(2, 5, 4)), float(sf(2, 5, 4))
        assertRelative(RangeExceedances.of(10, 10).probability(3), 1.393188854489164e-01);
        assertRelative(RangeExceedances.of(10, 10).survivalProbability(3), 1.517027863777090e-01);
        assertRelative(RangeExceedances.of(2, 5).probability(4), 2.380952380952381e-01);
        assertRelative(RangeExceedances.of(2, 5).survivalProbability(4), 2.857142857142857e-01);
    }

    /** The law itself, against every order of n reference and m batch values counted one by one. */
    @Property(tries = 60)
    void shouldMatchEveryOrderOfTheValuesCounted(
            @ForAll @IntRange(min = 2, max = 9) int n, @ForAll @IntRange(min = 0, max = 7) int m) {
        int total = n + m;
        long[] outside = new long[m + 1];
        long orders = 0;
        // bit i set: the i-th smallest of the n + m values is a reference value
        for (int mask = 0; mask < 1 << total; mask++) {
            if (Integer.bitCount(mask) != n) {
                continue;
            }
            int lowest = Integer.numberOfTrailingZeros(mask);
            int highest = 31 - Integer.numberOfLeadingZeros(mask);
            outside[lowest + (total - 1 - highest)]++;
            orders++;
        }
        RangeExceedances law = RangeExceedances.of(n, m);
        for (int k = 0; k <= m; k++) {
            assertThat(law.probability(k)).as("P(K = %d)", k).isCloseTo(outside[k] / (double) orders, within(1e-12));
            long above = 0;
            for (int j = k + 1; j <= m; j++) {
                above += outside[j];
            }
            assertThat(law.survivalProbability(k)).as("P(K > %d)", k).isCloseTo(above / (double) orders, within(1e-12));
        }
    }

    @Property(tries = 40)
    void shouldSumToOneWithMeanTwoMOverNPlusOne(
            @ForAll @IntRange(min = 2, max = 5_000) int n, @ForAll @IntRange(min = 0, max = 3_000) int m) {
        RangeExceedances law = RangeExceedances.of(n, m);
        double sum = 0;
        double mean = 0;
        for (int k = 0; k <= m; k++) {
            sum += law.probability(k);
            mean += k * law.probability(k);
        }
        assertThat(sum).isCloseTo(1, within(1e-9));
        assertThat(mean).isCloseTo(law.mean(), within(1e-9 * Math.max(1, law.mean())));
        assertThat(law.survivalProbability(-1)).isCloseTo(1, within(1e-9));
        assertThat(law.survivalProbability(m)).isZero();
    }

    @Test
    void shouldKeepTheDigitsOfAFarTail() {
        // float(sf(384, 200, 199)) = float(pmf(384, 200, 200)) = 201 / comb(584, 384): 5.8e-160, where 1 minus the
        // lower tail would give 0
        assertRelative(RangeExceedances.of(384, 200).survivalProbability(199), 5.835256981657965e-160);
    }

    @Test
    void shouldRefuseAReferenceOfFewerThanTwoValues() {
        assertThatThrownBy(() -> RangeExceedances.of(1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 reference values");
    }

    private static void assertRelative(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 1e-10));
    }
}
