package dev.lazaret.detectors.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.detectors.policy.Correction;
import dev.lazaret.detectors.policy.DriftPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Under no change the multivariate decision fires in at most α of the windows, within three binomial standard
 * errors, over many clean windows drawn from the reference's own distribution (seeded).
 */
class MultivariateFalseAlarmTest {
    private static final int WINDOWS = 1_000;

    /** Rows with d correlated features: a common factor with loading sqrt(rho) plus noise, sd 1 each. */
    private static List<double[]> rows(Random random, int n, int d, double rho) {
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            double common = random.nextGaussian();
            double[] row = new double[d];
            for (int i = 0; i < d; i++) {
                row[i] = Math.sqrt(rho) * common + Math.sqrt(1 - rho) * random.nextGaussian();
            }
            rows.add(row);
        }
        return rows;
    }

    @ParameterizedTest(name = "d = {0}, n = {1}, alpha = {2}")
    @CsvSource({"2, 500, 0.05", "5, 500, 0.05", "2, 1000, 0.01"})
    void cleanWindowsFalselyAlarmAtMostAlphaPlusThreeStandardErrors(int d, int n, double alpha) {
        Random random = new Random(20261202L + d * 31L + n);
        List<String> features = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            features.add("f" + i);
        }
        MultivariateReference reference = MultivariateReference.fit(features, rows(random, 5_000, d, 0.6), 0.9)
                .orElseThrow();
        DriftPolicy defaults = DriftPolicy.defaults();
        DriftPolicy policy = new DriftPolicy(
                alpha,
                Correction.BENJAMINI_HOCHBERG,
                defaults.datasetDriftShare(),
                defaults.numericEffectFloor(),
                defaults.numericWassersteinFloor(),
                defaults.categoricalEffectFloor(),
                defaults.minCount());
        int alarms = 0;
        for (int w = 0; w < WINDOWS; w++) {
            MultivariateAccumulator window = MultivariateAccumulator.create(reference);
            rows(random, n, d, 0.6).forEach(window::accept);
            if (MultivariateJudge.judge(reference, window.window(), policy, 2.0).drift()) {
                alarms++;
            }
        }
        double rate = (double) alarms / WINDOWS;
        double bound = alpha + 3 * Math.sqrt(alpha * (1 - alpha) / WINDOWS);
        System.out.printf(
                "multivariate false alarms d=%d n=%d alpha=%s: %d of %d windows (%.4f, bound %.4f)%n",
                d, n, alpha, alarms, WINDOWS, rate, bound);
        assertThat(rate).isLessThanOrEqualTo(bound);
    }
}
