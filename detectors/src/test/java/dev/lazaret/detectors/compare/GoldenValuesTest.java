package dev.lazaret.detectors.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.commons.statistics.inference.PValueMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the statistics with scipy on the seeded inputs of {@code golden/golden.properties}, written by
 * {@code golden/generate_golden.py}; each case's {@code .call} key holds the exact scipy call and version.
 */
class GoldenValuesTest {

    /** Relative tolerance where both sides compute the same closed form. */
    private static final double EXACT = 1e-9;

    private static Properties golden;

    @BeforeAll
    static void load() throws IOException {
        golden = new Properties();
        try (InputStream in = GoldenValuesTest.class.getResourceAsStream("/golden/golden.properties")) {
            golden.load(in);
        }
    }

    private static double[] array(String key) {
        String v = golden.getProperty(key);
        assertThat(v).as("fixture key %s", key).isNotNull();
        return Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static double value(String key) {
        String v = golden.getProperty(key);
        assertThat(v).as("fixture key %s", key).isNotNull();
        return Double.parseDouble(v);
    }

    private static void assertRelative(double actual, double expected, double rel, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(rel * Math.max(Math.abs(expected), 1e-300)));
    }

    @Test
    void shouldMatchScipyExactKsWhenSamplesAreSmall() {
        // scipy: stats.ks_2samp(x, y, method='exact')
        for (String c : new String[] {"ks_exact_small", "ks_exact_medium"}) {
            Comparison r = KolmogorovSmirnovStatistic.ofSamples(array(c + ".x"), array(c + ".y"), PValueMethod.EXACT);
            assertRelative(r.statistic(), value(c + ".statistic"), EXACT, c + " D");
            assertRelative(r.pValue(), value(c + ".pvalue"), EXACT, c + " p");
        }
    }

    @Test
    void shouldMatchScipyAsymptoticKsWhenSamplesAreLarge() {
        // scipy: stats.ks_2samp(x, y, method='asymp')
        for (String c : new String[] {"ks_asymp_large", "ks_asymp_null"}) {
            Comparison r =
                    KolmogorovSmirnovStatistic.ofSamples(array(c + ".x"), array(c + ".y"), PValueMethod.ASYMPTOTIC);
            assertRelative(r.statistic(), value(c + ".statistic"), EXACT, c + " D");
            assertRelative(r.pValue(), value(c + ".pvalue"), EXACT, c + " p");
        }
    }

    @Test
    void shouldMatchScipyChiSquareWhenTableHasNoSparseCells() {
        // scipy: stats.chi2_contingency(table, correction=False)
        for (String c : new String[] {"chi2_2x5", "chi2_2x2", "chi2_2x3_null"}) {
            double[] t = array(c + ".table");
            int k = t.length / 2;
            Map<String, Long> ref = new TreeMap<>();
            Map<String, Long> cur = new TreeMap<>();
            for (int j = 0; j < k; j++) {
                ref.put("c" + j, (long) t[j]);
                cur.put("c" + j, (long) t[k + j]);
            }
            Comparison r = CategoricalComparisons.chiSquare(ref, cur);
            assertRelative(r.statistic(), value(c + ".statistic"), EXACT, c + " chi2");
            assertRelative(r.pValue(), value(c + ".pvalue"), EXACT, c + " p");
        }
    }

    @Test
    void shouldMatchScipyAndersonDarlingWhenPValueIsInterpolatedOrCapped() {
        // scipy: stats.anderson_ksamp([x, y], variant='midrank'); the p-value is scipy's quadratic interpolation of
        // log(significance) over Scholz-Stephens critical values, capped to [0.001, 0.25]. We port the same
        // interpolation, so 1e-9 relative holds for the p-value too (the fit differs from numpy.polyfit only by
        // rounding); caps are compared exactly.
        for (String c : new String[] {"ad_interpolated", "ad_ties", "ad_capped_high", "ad_capped_low"}) {
            Comparison r = AndersonDarlingStatistic.ofSamples(array(c + ".x"), array(c + ".y"));
            assertRelative(r.statistic(), value(c + ".statistic"), EXACT, c + " A2");
            assertRelative(r.pValue(), value(c + ".pvalue"), EXACT, c + " p");
        }
    }

    @Test
    void shouldMatchScipyCramerVonMisesWhenAsymptotic() {
        // scipy: stats.cramervonmises_2samp(x, y, method='asymptotic')
        for (String c : new String[] {"cvm_moderate", "cvm_ties", "cvm_null", "cvm_asymp_small"}) {
            Comparison r = CramerVonMisesStatistic.ofSamplesAsymptotic(array(c + ".x"), array(c + ".y"));
            assertRelative(r.statistic(), value(c + ".statistic"), EXACT, c + " T");
            assertRelative(r.pValue(), value(c + ".pvalue"), EXACT, c + " p");
        }
    }

    @Test
    void shouldMatchScipyExactCramerVonMisesWhenSamplesAreSmall() {
        // scipy: stats.cramervonmises_2samp(x, y, method='exact'), what method='auto' uses for max(n) <= 20
        for (String c : new String[] {"cvm_exact_small", "cvm_exact_ties", "cvm_exact_twenty"}) {
            Comparison r = CramerVonMisesStatistic.ofSamples(array(c + ".x"), array(c + ".y"));
            assertRelative(r.statistic(), value(c + ".statistic"), EXACT, c + " T");
            assertRelative(r.pValue(), value(c + ".pvalue"), EXACT, c + " p");
        }
    }

    @Test
    void shouldMatchScipyWassersteinWhenSamplesHaveTiesOrNot() {
        // scipy: stats.wasserstein_distance(x, y)
        for (String c : new String[] {"wasserstein_normal", "wasserstein_ties"}) {
            double w = WassersteinStatistic.distance(array(c + ".x"), array(c + ".y"));
            assertRelative(w, value(c + ".statistic"), EXACT, c);
        }
    }

    @Test
    void shouldMatchScipyJensenShannonWhenBase2() {
        // scipy: distance.jensenshannon(p, q, base=2)
        for (String c : new String[] {"js_dense", "js_with_zeros", "js_unnormalised"}) {
            double d = JensenShannonStatistic.distance(array(c + ".p"), array(c + ".q"));
            assertRelative(d, value(c + ".statistic"), EXACT, c);
        }
    }

    @Test
    void shouldMatchScipyFisherWhenCountsAreSmall() {
        // scipy: stats.fisher_exact(table, alternative='two-sided')
        for (String c : new String[] {"fisher_small", "fisher_sparse", "fisher_balanced"}) {
            double[] t = array(c + ".table");
            Comparison r =
                    ProportionComparisons.fisherExact((int) t[0], (int) (t[0] + t[1]), (int) t[2], (int) (t[2] + t[3]));
            assertRelative(r.statistic(), value(c + ".statistic"), EXACT, c + " odds ratio");
            assertRelative(r.pValue(), value(c + ".pvalue"), EXACT, c + " p");
        }
    }
}
