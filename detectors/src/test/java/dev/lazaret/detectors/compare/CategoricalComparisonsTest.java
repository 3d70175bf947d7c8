package dev.lazaret.detectors.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoricalComparisonsTest {

    @Test
    void shouldPoolSparseCategoriesWhenExpectedCountIsBelowFive() {
        Map<String, Long> ref = Map.of("a", 500L, "b", 480L, "rare1", 2L, "rare2", 1L);
        Map<String, Long> cur = Map.of("a", 510L, "b", 470L, "rare1", 3L, "new", 2L);
        long[][] table = CategoricalComparisons.pooledTable(ref, cur);
        // a, b kept; rare1, rare2, new pooled into the last column
        assertThat(table[0]).containsExactly(500, 480, 3);
        assertThat(table[1]).containsExactly(510, 470, 5);
    }

    @Test
    void shouldGiveNaNPValueWhenOnlyOneColumnRemains() {
        Comparison c = CategoricalComparisons.chiSquare(Map.of("a", 3L), Map.of("b", 2L));
        assertThat(c.pValue()).isNaN();
    }

    @Test
    void shouldMeasureUnseenShareAndLInfinityWhenNewCategoryAppears() {
        Map<String, Long> ref = Map.of("a", 50L, "b", 50L);
        Map<String, Long> cur = Map.of("a", 50L, "b", 25L, "c", 25L);
        assertThat(CategoricalComparisons.unseenShare(ref, cur)).isEqualTo(0.25);
        assertThat(CategoricalComparisons.lInfinity(ref, cur)).isCloseTo(0.25, within(1e-12));
        assertThat(CategoricalComparisons.psi(ref, cur)).isGreaterThan(0.25);
        assertThat(CategoricalComparisons.jensenShannon(ref, ref)).isZero();
    }

    @Test
    void shouldRejectEmptySideWhenBuildingTable() {
        assertThatThrownBy(() -> CategoricalComparisons.chiSquare(Map.of(), Map.of("a", 1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference=0");
    }
}
