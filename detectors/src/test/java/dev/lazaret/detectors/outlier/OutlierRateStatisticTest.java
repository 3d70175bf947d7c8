package dev.lazaret.detectors.outlier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OutlierRateStatisticTest {
    // Fixture: golden/binomial_rate.txt, each line preceded by its scipy.stats.binomtest call.
    private static final GoldenFile GOLDEN = GoldenFile.load("binomial_rate.txt");

    @Test
    void shouldMatchScipyBinomtestWhenTestingGoldenCases() {
        assertThat(GOLDEN.all("binomtest")).hasSize(8);
        for (String[] line : GOLDEN.all("binomtest")) {
            int k = Integer.parseInt(line[1]);
            int n = Integer.parseInt(line[2]);
            double p0 = Double.parseDouble(line[3]);
            // scipy.stats.binomtest(k, n, p0, alternative='greater').pvalue
            double expected = Double.parseDouble(line[4]);
            OutlierRateResult result = OutlierRateStatistic.test(k, n, p0);
            assertThat(result.pValue()).as("k=%d n=%d p0=%s", k, n, p0).isCloseTo(expected, within(1e-12 * expected));
            assertThat(result.statistic()).isEqualTo((double) k / n);
            assertThat(result.effect()).isCloseTo((double) k / n / p0, within(1e-15 * Math.max(1, result.effect())));
        }
    }

    @Test
    void shouldRejectOnlyWhenSignificantAndLargeEnough() {
        // 150 of 1000 against 0.1: p ~ 4.5e-7, effect 1.5
        OutlierRateResult surge = OutlierRateStatistic.test(150, 1000, 0.1);
        assertThat(surge.reject(0.01)).isTrue();
        assertThat(surge.reject(0.01, 1.2)).isTrue();
        assertThat(surge.reject(0.01, 2.0)).isFalse();
        // 40 of 5000 against 0.01 is below the reference rate
        assertThat(OutlierRateStatistic.test(40, 5000, 0.01).reject(0.05)).isFalse();
    }

    @Test
    void shouldRejectArgumentsWhenOutOfRange() {
        assertThatThrownBy(() -> OutlierRateStatistic.test(5, 4, 0.1)).hasMessageContaining("outliers");
        assertThatThrownBy(() -> OutlierRateStatistic.test(0, 0, 0.1)).hasMessageContaining("trials");
        assertThatThrownBy(() -> OutlierRateStatistic.test(1, 10, 0)).hasMessageContaining("referenceRate");
        assertThatThrownBy(() -> OutlierRateStatistic.test(1, 10, 0.1).reject(0.7))
                .hasMessageContaining("alpha");
    }
}
