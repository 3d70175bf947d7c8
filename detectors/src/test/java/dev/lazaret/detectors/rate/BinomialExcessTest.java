package dev.lazaret.detectors.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinomialExcessTest {
    // Fixture: golden/binomial_rate.txt, each line preceded by its scipy.stats.binomtest call.
    private static List<String[]> golden() throws IOException {
        try (InputStream in = BinomialExcessTest.class.getResourceAsStream("/golden/binomial_rate.txt")) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(l -> l.startsWith("binomtest "))
                    .map(l -> l.trim().split(" "))
                    .toList();
        }
    }

    @Test
    void shouldMatchScipyBinomtestWhenTestingGoldenCases() throws IOException {
        List<String[]> lines = golden();
        assertThat(lines).hasSize(8);
        for (String[] line : lines) {
            int k = Integer.parseInt(line[1]);
            int n = Integer.parseInt(line[2]);
            double p0 = Double.parseDouble(line[3]);
            // scipy.stats.binomtest(k, n, p0, alternative='greater').pvalue
            double expected = Double.parseDouble(line[4]);
            BinomialExcessResult result = BinomialExcess.test(k, n, p0);
            assertThat(result.pValue()).as("k=%d n=%d p0=%s", k, n, p0).isCloseTo(expected, within(1e-12 * expected));
            assertThat(result.rate()).isEqualTo((double) k / n);
            assertThat(result.effect()).isCloseTo((double) k / n / p0, within(1e-15 * Math.max(1, result.effect())));
        }
    }

    @Test
    void shouldRejectOnlyWhenSignificantAndLargeEnough() {
        // 150 of 1000 against 0.1: p ~ 4.5e-7, effect 1.5
        BinomialExcessResult surge = BinomialExcess.test(150, 1000, 0.1);
        assertThat(surge.reject(0.01)).isTrue();
        assertThat(surge.reject(0.01, 1.2)).isTrue();
        assertThat(surge.reject(0.01, 2.0)).isFalse();
        // 40 of 5000 against 0.01 is below the background rate
        assertThat(BinomialExcess.test(40, 5000, 0.01).reject(0.05)).isFalse();
    }

    @Test
    void shouldTreatAnyHitAsSignificantWhenBackgroundRateIsZero() {
        // a Bloom filter with nothing in it has no false positives: one hit cannot be explained
        assertThat(BinomialExcess.test(1, 10, 0).pValue()).isZero();
        assertThat(BinomialExcess.test(0, 10, 0).pValue()).isEqualTo(1.0);
    }

    @Test
    void shouldRejectArgumentsWhenOutOfRange() {
        assertThatThrownBy(() -> BinomialExcess.test(5, 4, 0.1)).hasMessageContaining("hits");
        assertThatThrownBy(() -> BinomialExcess.test(0, 0, 0.1)).hasMessageContaining("trials");
        assertThatThrownBy(() -> BinomialExcess.test(1, 1L + Integer.MAX_VALUE, 0.1))
                .hasMessageContaining("trials");
        assertThatThrownBy(() -> BinomialExcess.test(1, 10, 1.5)).hasMessageContaining("backgroundRate");
        assertThatThrownBy(() -> BinomialExcess.test(1, 10, 0.1).reject(0.7)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> BinomialExcess.test(1, 10, 0.1).reject(0.05, 0.5))
                .hasMessageContaining("minEffect");
    }
}
