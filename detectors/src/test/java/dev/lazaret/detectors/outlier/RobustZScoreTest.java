package dev.lazaret.detectors.outlier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RobustZScoreTest {
    // Fixture: golden/robust_zscore.txt, each value beside its numpy/scipy call.
    private static final GoldenFile GOLDEN = GoldenFile.load("robust_zscore.txt");

    @Test
    void shouldMatchNumpyMedianAndScipyMadWhenFittedOnGoldenReference() {
        RobustZScore score = RobustZScore.fit(GoldenFile.vector(GOLDEN.one("reference")[1]));

        // numpy.median(reference)
        assertThat(score.median()).isCloseTo(Double.parseDouble(GOLDEN.one("median")[1]), within(1e-14));
        // scipy.stats.median_abs_deviation(reference, scale='normal')
        assertThat(score.scale()).isCloseTo(Double.parseDouble(GOLDEN.one("scaled_mad")[1]), within(1e-13));
    }

    @Test
    void shouldMatchScipyZScoresWhenScoringGoldenQueries() {
        RobustZScore score = RobustZScore.fit(GoldenFile.vector(GOLDEN.one("reference")[1]));
        assertThat(GOLDEN.all("score")).hasSize(5);
        for (String[] line : GOLDEN.all("score")) {
            double x = Double.parseDouble(line[1]);
            double expected = Double.parseDouble(line[2]);
            assertThat(score.score(x))
                    .as("x = %s", x)
                    .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void shouldUseMiddlePairWhenReferenceHasEvenLength() {
        // median of {1, 2, 3, 10} is 2.5; deviations {1.5, 0.5, 0.5, 7.5} have median 1.0
        RobustZScore score = RobustZScore.fit(new double[] {10, 1, 3, 2});
        assertThat(score.median()).isEqualTo(2.5);
        assertThat(score.scale()).isEqualTo(RobustZScore.NORMAL_CONSISTENCY);
    }

    @Test
    void shouldReturnInfiniteScoreWhenReferenceIsConstantAndValueDiffers() {
        RobustZScore score = RobustZScore.fit(new double[] {4, 4, 4});
        assertThat(score.score(4)).isZero();
        assertThat(score.score(5)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(score.score(3)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void shouldRejectReferenceWhenEmptyOrNotFinite() {
        assertThatThrownBy(() -> RobustZScore.fit(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RobustZScore.fit(new double[] {1, Double.NaN})).hasMessageContaining("reference[1]");
        assertThatThrownBy(() -> RobustZScore.fit(new double[] {1}).score(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
