package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RepeatedContentTest {

    /*
     * Golden values (python3, scipy):
     *   c = [21, 3, 1, 2, 0]; r = [2, 10, 40, 0, 25]; pi = 200 / (200 + 218)
     *   min_p = [pi ** (ci + ri) for ci, ri in zip(c, r)]
     *   k = 1; while sum(m <= 1e-3 / k for m in min_p) > k: k += 1      -> k = 4, level 0.00025, 4 counted
     *   scipy.stats.binom.sf(21 - 1, 21 + 2, pi)                         -> 1.4149153121415891e-05
     */
    @Test
    void shouldMatchScipyAndTaroneOnFixedCounts() {
        RepeatedContent.Finding f =
                RepeatedContent.test(new long[] {21, 3, 1, 2, 0}, new long[] {2, 10, 40, 0, 25}, 200, 218, 1e-3);
        assertThat(f.level()).isCloseTo(0.00025, within(1e-15));
        assertThat(f.counted()).isEqualTo(4);
        assertThat(f.batchCount()).isEqualTo(21);
        assertThat(f.referenceCount()).isEqualTo(2);
        assertThat(f.p()).isCloseTo(1.4149153121415891e-05, within(1e-15));
    }

    @Test
    void shouldNotCountContentsThatCannotReachSignificance() {
        // 10,000 contents seen once in the batch and never in the reference cannot be significant: level stays alpha
        long[] c = new long[10_001];
        long[] r = new long[10_001];
        java.util.Arrays.fill(c, 1);
        c[0] = 20;
        RepeatedContent.Finding f = RepeatedContent.test(c, r, 200, 1_000, 1e-3);
        assertThat(f.counted()).isEqualTo(1);
        assertThat(f.level()).isEqualTo(1e-3);
        assertThat(f.p()).isLessThan(1e-10);
    }

    @Property(tries = 300)
    void shouldFindNothingWhenTheBatchHoldsAContentNoMoreOftenThanItsShareOfTheReference(
            @ForAll @LongRange(min = 0, max = 200) long referenceCount,
            @ForAll @LongRange(min = 100, max = 2_000) long batchRows,
            @ForAll @LongRange(min = 100, max = 2_000) long referenceRows) {
        long batchCount = (long) Math.floor(referenceCount * batchRows / (double) referenceRows);
        RepeatedContent.Finding f = RepeatedContent.test(
                new long[] {batchCount}, new long[] {referenceCount}, batchRows, referenceRows, 1e-3);
        assertThat(f.p()).isGreaterThan(f.level());
    }
}
