package dev.lazaret.detectors.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionComparisonsTest {

    @Test
    void shouldMatchTextbookZWhenCountsAreLarge() {
        // pooled p = 0.15, se = sqrt(0.15*0.85*(2/1000)) = 0.015968719; z = 0.05 / se = 3.1311215
        Comparison c = ProportionComparisons.zTest(125, 1000, 175, 1000);
        assertThat(c.statistic()).isCloseTo(3.1311215, within(1e-6));
        // scipy 1.17.1: 2 * stats.norm.sf(3.131121455425747) = 0.0017414012528258454
        assertThat(c.pValue()).isCloseTo(0.0017414012528258454, within(1e-12));
        assertThat(c.method()).isEqualTo("two-proportion-z");
    }

    @Test
    void shouldUseFisherWhenExpectedCellsAreSmall() {
        assertThat(ProportionComparisons.compare(1, 20, 6, 21).method()).isEqualTo("fisher-exact");
        assertThat(ProportionComparisons.compare(100, 1000, 130, 1000).method()).isEqualTo("two-proportion-z");
    }
}
