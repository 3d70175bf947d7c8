package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Golden values from scipy 1.17.1; the exact call is beside each value. */
class CentroidShiftStatisticTest {

    @Test
    void shouldMatchScipyWhenReferringWelchTToStudentT() {
        // (0.3 - 0.0) / math.sqrt(1.2 / 40 + 1.0 / 600) -> 1.6858544608470492
        double t = CentroidShiftStatistic.welch(40, 0.3, 1.2, 600, 0.0, 1.0);
        assertThat(t).isCloseTo(1.6858544608470492, within(1e-12));
        // 2 * scipy.stats.t.sf(1.6858544608470492, 39) -> 0.09980969340325817
        assertThat(CentroidShiftStatistic.twoSidedP(t, 39)).isCloseTo(0.09980969340325817, within(1e-10));
        // 2 * scipy.stats.t.sf(2.5, 120) -> 0.013769534925030417
        assertThat(CentroidShiftStatistic.twoSidedP(-2.5, 120)).isCloseTo(0.013769534925030417, within(1e-10));
    }

    @Test
    void shouldMatchScipyWhenComputingBonferroniCriticalValue() {
        // scipy.stats.t.isf(1e-3 / (2 * 60), 99) -> 4.527370980567063
        assertThat(CentroidShiftStatistic.critical(1e-3, 60, 99)).isCloseTo(4.527370980567063, within(1e-8));
        // scipy.stats.t.isf(1e-3 / (2 * 1), 29) -> 3.659405019466333
        assertThat(CentroidShiftStatistic.critical(1e-3, 1, 29)).isCloseTo(3.659405019466333, within(1e-8));
    }

    @Test
    void shouldReturnNanWhenNeitherSideHasSpread() {
        assertThat(CentroidShiftStatistic.welch(50, 1, 0, 50, 2, 0)).isNaN();
    }
}
