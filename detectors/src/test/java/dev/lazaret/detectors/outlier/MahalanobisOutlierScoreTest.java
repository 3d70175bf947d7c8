package dev.lazaret.detectors.outlier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MahalanobisOutlierScoreTest {
    // Fixture: golden/ledoit_wolf.txt, each value beside its numpy/scipy call. sklearn is unavailable, so the
    // expected Ledoit-Wolf matrix comes from the numpy implementation of the paper's formula in the script.
    private static final GoldenFile GOLDEN = GoldenFile.load("ledoit_wolf.txt");
    private static final int P = Integer.parseInt(GOLDEN.one("dimensions")[1]);
    private static final double[][] ROWS = GoldenFile.matrix(GOLDEN.one("rows")[1], P);

    @Test
    void shouldMatchNumpyLedoitWolfWhenFittedOnGoldenRows() {
        LedoitWolfCovariance lw = LedoitWolfCovariance.fit(ROWS);

        // rows.mean(axis=0)
        assertThat(lw.mean()).containsExactly(GoldenFile.vector(GOLDEN.one("mean")[1]), within(1e-13));
        // ledoit_wolf(rows)[1]
        assertThat(lw.shrinkage()).isCloseTo(Double.parseDouble(GOLDEN.one("shrinkage")[1]), within(1e-12));
        // ledoit_wolf(rows)[0]
        double[][] expected = GoldenFile.matrix(GOLDEN.one("covariance")[1], P);
        double[][] actual = lw.covariance();
        for (int i = 0; i < P; i++) {
            assertThat(actual[i]).as("row %d", i).containsExactly(expected[i], within(1e-12));
        }
        assertThat(lw.shrinkage()).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void shouldMatchScipyMahalanobisWhenScoringGoldenRows() {
        MahalanobisOutlierScore score = MahalanobisOutlierScore.fit(ROWS);
        assertThat(GOLDEN.all("mahalanobis")).hasSize(4);
        for (String[] line : GOLDEN.all("mahalanobis")) {
            double[] u = GoldenFile.vector(line[1]);
            // scipy.spatial.distance.mahalanobis(u, rows.mean(axis=0), numpy.linalg.inv(ledoit_wolf(rows)[0])) ** 2
            double expected = Double.parseDouble(line[2]);
            assertThat(score.score(u)).as(line[1]).isCloseTo(expected, within(1e-10 * Math.max(1, expected)));
        }
    }

    @Test
    void shouldMatchScipyChiSquareQuantileWhenAskedForThreshold() {
        MahalanobisOutlierScore score = MahalanobisOutlierScore.fit(ROWS);
        for (String[] line : GOLDEN.all("threshold")) {
            // scipy.stats.chi2.isf(fpr, df=4)
            double expected = Double.parseDouble(line[2]);
            assertThat(score.threshold(Double.parseDouble(line[1]))).isCloseTo(expected, within(1e-12 * expected));
        }
        assertThat(score.isOutlier(new double[] {4.0, 3.0, -6.0, 9.0}, 0.001)).isTrue();
        assertThat(score.isOutlier(score.covariance().mean(), 0.05)).isFalse();
    }

    @Test
    void shouldStayPositiveDefiniteWhenFewerRowsThanColumns() {
        double[][] rows = {{1, 2, 3, 4, 5}, {2, 1, 0, 4, 4}, {0, 3, 1, 5, 6}};
        MahalanobisOutlierScore score = MahalanobisOutlierScore.fit(rows);
        assertThat(score.score(new double[] {1, 2, 1, 4.3, 5})).isFinite().isPositive();
    }

    @Test
    void shouldRejectInputWhenRaggedDegenerateOrWrongLength() {
        assertThatThrownBy(() -> LedoitWolfCovariance.fit(new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("columns");
        assertThatThrownBy(() -> LedoitWolfCovariance.fit(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MahalanobisOutlierScore.fit(new double[][] {{1, 2}, {1, 2}}))
                .hasMessageContaining("positive definite");
        MahalanobisOutlierScore score = MahalanobisOutlierScore.fit(ROWS);
        assertThatThrownBy(() -> score.score(new double[] {1, 2})).hasMessageContaining("expected 4");
        assertThatThrownBy(() -> score.threshold(0)).hasMessageContaining("falsePositiveRate");
    }
}
