package dev.lazaret.detectors.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrectionTest {

    private static final double[] P = {0.01, 0.04, 0.03, 0.005, 0.5, 0.2};

    @Test
    void shouldMatchScipyWhenBenjaminiHochberg() {
        // scipy 1.17.1: stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.5, 0.2], method='bh')
        double[] expected = {0.03, 0.06, 0.06, 0.03, 0.5, 0.24};
        double[] adjusted = Correction.BENJAMINI_HOCHBERG.adjust(P);
        for (int i = 0; i < P.length; i++) {
            assertThat(adjusted[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void shouldMultiplyByTestCountWhenBonferroniAndSkipNaN() {
        double[] adjusted = Correction.BONFERRONI.adjust(new double[] {0.01, Double.NaN, 0.3});
        assertThat(adjusted[0]).isCloseTo(0.02, within(1e-15));
        assertThat(adjusted[1]).isNaN();
        assertThat(adjusted[2]).isCloseTo(0.6, within(1e-15));
        assertThat(Correction.NONE.adjust(P)).containsExactly(P);
    }
}
