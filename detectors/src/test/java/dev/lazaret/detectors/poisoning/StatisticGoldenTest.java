package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.rate.BinomialExcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden values from scipy: each fixture line of {@code golden/poisoning_golden.txt} carries the exact scipy call that
 * produced it (script: {@code golden/generate_poisoning_golden.py}, scipy 1.17.1).
 */
class StatisticGoldenTest {
    private static final double STAT_TOLERANCE = 1e-9;
    private static final double P_RELATIVE_TOLERANCE = 1e-6;

    static Stream<String[]> golden() throws IOException {
        try (InputStream in = StatisticGoldenTest.class.getResourceAsStream("/golden/poisoning_golden.txt")) {
            List<String> lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            return lines.stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(";", 5))
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("golden")
    void shouldMatchScipyWhenGivenGoldenInput(String kind, String input, String stat, String p, String call) {
        double expectedP = Double.parseDouble(p);
        double actualP;
        if (kind.equals("binom")) {
            String[] a = input.split(",");
            actualP = BinomialExcess.test(Long.parseLong(a[0]), Long.parseLong(a[1]), Double.parseDouble(a[2]))
                    .pValue();
        } else {
            long[][] table = Arrays.stream(input.split("\\|"))
                    .map(row -> Arrays.stream(row.split(","))
                            .mapToLong(Long::parseLong)
                            .toArray())
                    .toArray(long[][]::new);
            ContingencyResult r =
                    kind.equals("chi2") ? ContingencyStatistic.chiSquare(table) : ContingencyStatistic.gTest(table);
            assertThat(r.statistic()).as(call).isCloseTo(Double.parseDouble(stat), within(STAT_TOLERANCE));
            actualP = r.pValue();
        }
        assertThat(actualP).as(call).isCloseTo(expectedP, within(P_RELATIVE_TOLERANCE * expectedP + 1e-300));
    }

    @Test
    void shouldDropEmptyColumnsWhenLabelUnseenInBothSamples() {
        // scipy.stats.chi2_contingency([[120, 80], [100, 100]], correction=False) -> p 0.044423184850005966
        ContingencyResult r = ContingencyStatistic.chiSquare(new long[][] {{120, 0, 80}, {100, 0, 100}});
        assertThat(r.pValue()).isCloseTo(0.044423184850005966, within(1e-12));
    }

    @Test
    void shouldRejectOnlySmallestWhenBenjaminiHochbergStepUp() {
        // m = 4, q = 0.05: thresholds 0.0125, 0.025, 0.0375, 0.05; 0.03 > 0.025 and 0.04 > 0.0375 and 0.2 > 0.05
        boolean[] r = FalseDiscoveryStatistic.benjaminiHochberg(new double[] {0.2, 0.001, 0.03, 0.04}, 0.05);
        assertThat(r).containsExactly(false, true, false, false);
    }

    @Test
    void shouldRejectAllUpToLargestPassingRankWhenStepUpApplies() {
        // thresholds 0.0125, 0.025, 0.0375, 0.05: rank 3 (0.036 <= 0.0375) passes, so ranks 1..3 are rejected
        boolean[] r = FalseDiscoveryStatistic.benjaminiHochberg(new double[] {0.02, 0.036, 0.03, 0.9}, 0.05);
        assertThat(r).containsExactly(true, true, true, false);
    }

    @Test
    void shouldComputeHalfL1WhenTotalVariation() {
        assertThat(ContingencyStatistic.totalVariation(new long[] {50, 50}, new long[] {30, 70}))
                .isCloseTo(0.2, within(1e-12));
    }

    @Test
    void shouldRejectArgumentsWhenHitsExceedTrials() {
        assertThatThrownBy(() -> BinomialExcess.test(11, 10, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hits must be in [0, 10], got 11");
    }
}
