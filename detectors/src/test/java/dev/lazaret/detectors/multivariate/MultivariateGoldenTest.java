package dev.lazaret.detectors.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.compare.KolmogorovSmirnovStatistic;
import dev.lazaret.detectors.outlier.GoldenFile;
import dev.lazaret.detectors.policy.DriftPolicy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixture: golden/multivariate.txt, written by golden/generate_multivariate_golden.py, the numpy call beside each value. */
class MultivariateGoldenTest {
    private static final GoldenFile GOLDEN = GoldenFile.load("multivariate.txt");
    private static final double[][] ROWS = GoldenFile.matrix(GOLDEN.one("rows")[1], 3);
    private static final double[][] WINDOW = GoldenFile.matrix(GOLDEN.one("window")[1], 3);
    private static final List<String> FEATURES = List.of("a", "b", "c");

    private static double golden(String key) {
        return Double.parseDouble(GOLDEN.one(key)[1]);
    }

    private static RowMoments moments(double[][] rows) {
        RowMoments m = RowMoments.create(rows[0].length);
        Arrays.stream(rows).forEach(m::accept);
        return m;
    }

    @Test
    void covarianceMatchesNumpyCovBias() {
        // numpy.cov(rows, rowvar=False, bias=True)
        double[][] expected = GoldenFile.matrix(GOLDEN.one("covariance")[1], 3);
        double[][] actual = moments(ROWS).covariance();
        for (int i = 0; i < 3; i++) {
            assertThat(actual[i]).containsExactly(expected[i], within(1e-12));
        }
    }

    @Test
    void pcaMatchesNumpyEighOnTheCorrelationMatrix() {
        PcaModel pca = PcaModel.fit(moments(ROWS), 0.9);
        // rows.std(axis=0)
        assertThat(pca.scale()).containsExactly(GoldenFile.vector(GOLDEN.one("scale")[1]), within(1e-12));
        // kept(numpy.linalg.eigvalsh(numpy.corrcoef(rows, rowvar=False)), 0.9)
        assertThat(pca.components())
                .isEqualTo(Integer.parseInt(GOLDEN.all("kept").get(0)[2]));
        // kept(..., 0.5)
        assertThat(PcaModel.fit(moments(ROWS), 0.5).components())
                .isEqualTo(Integer.parseInt(GOLDEN.all("kept").get(1)[2]));
        // numpy.sort(eigenvalues)[::-1][:k].sum() / eigenvalues.sum()
        assertThat(pca.explainedShare()).isCloseTo(golden("explained"), within(1e-12));
        assertThat(GOLDEN.all("error")).hasSize(4);
        for (String[] line : GOLDEN.all("error")) {
            // numpy.linalg.norm(z - w @ w.T @ z)
            assertThat(pca.reconstructionError(GoldenFile.vector(line[1])))
                    .as("error of %s", line[1])
                    .isCloseTo(Double.parseDouble(line[2]), within(1e-10));
        }
    }

    @Test
    void referenceAndJudgeMatchNumpyLedoitWolfAndScipy() {
        MultivariateReference reference =
                MultivariateReference.fit(FEATURES, List.of(ROWS), 0.9).orElseThrow();
        // ledoit_wolf(rows)[1], here from streamed moments and the fourth-power sum
        assertThat(reference.covariance().shrinkage()).isCloseTo(golden("shrinkage"), within(1e-12));
        // scipy.stats.chi2.isf(0.01, df=3)
        assertThat(reference.outlierCutOff()).isCloseTo(golden("cut_off"), within(1e-9));
        // numpy.mean([mahalanobis(u, ...) ** 2 > chi2.isf(0.01, df=3) for u in rows])
        assertThat(reference.referenceOutlierRate()).isEqualTo(golden("reference_outlier_rate"));
        assertThat(reference.rows()).isEqualTo(50);

        MultivariateAccumulator window = MultivariateAccumulator.create(reference);
        Arrays.stream(WINDOW).forEach(window::accept);
        // scipy.stats.ks_2samp(reference_errors, window_errors).statistic: both sketches hold every value (n < k)
        assertThat(KolmogorovSmirnovStatistic.rawDistance(
                        reference.referenceErrors(), window.window().errors()))
                .isCloseTo(golden("ks_raw"), within(1e-12));

        MultivariateVerdict verdict = MultivariateJudge.judge(reference, window.window(), DriftPolicy.defaults(), 2.0);
        String[] outliers = GOLDEN.one("window_outliers");
        // hits past chi2.isf(0.01, 3) and scipy.stats.binomtest(hits, 40, 0.01, alternative='greater').pvalue
        assertThat(verdict.outliers()).isEqualTo(Long.parseLong(outliers[1]));
        assertThat(verdict.outlierPValue()).isCloseTo(Double.parseDouble(outliers[2]), within(1e-15));
        assertThat(verdict.tested()).isTrue();
        assertThat(verdict.outlierSurge()).isTrue();
        assertThat(verdict.drift()).isTrue();
        assertThat(verdict.rows()).isEqualTo(40);
    }
}
