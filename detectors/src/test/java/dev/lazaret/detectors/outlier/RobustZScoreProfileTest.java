package dev.lazaret.detectors.outlier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.profile.NumericProfile;
import org.junit.jupiter.api.Test;

/**
 * The shared reference view of a numeric profile: robust location and scale, outlier bounds and the reference's own
 * tail mass. The sample has 4·4 + 1 values, so the sketch's inclusive quantiles (exact below k values) equal numpy's
 * linear-interpolation quartiles and scipy's values apply directly.
 */
class RobustZScoreProfileTest {
    private static final double[] SAMPLE = {
        2.1, 3.4, 1.9, 2.8, 3.0, 2.2, 2.6, 2.9, 3.1, 2.4, 2.7, 2.5, 2.3, 3.3, 14.0, -9.5, 2.0
    };

    private static NumericProfile profile(double... values) {
        NumericProfile p = NumericProfile.create();
        for (double v : values) {
            p.update(v);
        }
        return p;
    }

    @Test
    void shouldMatchScipyMedianAndNormalIqrWhenFittedOnProfile() {
        RobustZScore score = RobustZScore.fromProfile(profile(SAMPLE)).orElseThrow();
        // numpy.median(x)
        assertThat(score.median()).isCloseTo(2.6, within(1e-12));
        // scipy.stats.iqr(x, scale='normal')
        assertThat(score.scale()).isCloseTo(0.5930408874022406, within(1e-12));
        // 2 * scipy.stats.norm.ppf(0.75)
        assertThat(RobustZScore.IQR_NORMAL_SCALE).isCloseTo(1.3489795003921634, within(1e-15));
    }

    @Test
    void shouldMatchScipyBoundsAndTailMassWhenZIsThree() {
        OutlierBounds bounds =
                RobustZScore.fromProfile(profile(SAMPLE)).orElseThrow().bounds(3.0);
        // numpy.median(x) - 3 * scipy.stats.iqr(x, scale='normal')
        assertThat(bounds.low()).isCloseTo(0.8208773377932783, within(1e-12));
        // numpy.median(x) + 3 * scipy.stats.iqr(x, scale='normal')
        assertThat(bounds.high()).isCloseTo(4.379122662206722, within(1e-12));
        // scipy.stats.percentileofscore(x, low, kind='strict') / 100 + 1 - scipy.stats.percentileofscore(x, high,
        // kind='weak') / 100
        assertThat(bounds.tailMass(profile(SAMPLE))).isCloseTo(0.11764705882352933, within(1e-12));
        assertThat(bounds.isOutlier(14.0)).isTrue();
        assertThat(bounds.isOutlier(bounds.low())).isFalse();
        assertThat(bounds.isOutlier(Double.NaN)).isTrue();
    }

    @Test
    void shouldFallBackToStandardDeviationWhenIqrIsZero() {
        double[] mostlyFive = {5, 5, 5, 5, 5, 5, 5, 5, 4, 6, 5, 5, 5, 5, 5, 5, 5};
        RobustZScore score = RobustZScore.fromProfile(profile(mostlyFive)).orElseThrow();
        // scipy.stats.iqr(y, scale='normal') is 0.0; scipy.stats.tstd(y)
        assertThat(score.scale()).isCloseTo(0.3535533905932738, within(1e-12));
        assertThat(score.median()).isEqualTo(5.0);
    }

    @Test
    void shouldHaveNoScoreWhenProfileIsEmptyOrConstant() {
        assertThat(RobustZScore.fromProfile(NumericProfile.create())).isEmpty();
        assertThat(RobustZScore.fromProfile(profile(7, 7, 7))).isEmpty();
    }

    @Test
    void shouldRefuseBoundsWhenZIsNotPositive() {
        RobustZScore score = new RobustZScore(0, 1);
        assertThatThrownBy(() -> score.bounds(0)).hasMessageContaining("z must be");
        assertThatThrownBy(() -> new OutlierBounds(2, 1)).hasMessageContaining("low <= high");
    }

    @Test
    void shouldAverageForValuesAndSumForRowsWhenCombiningTailMasses() {
        assertThat(ReferenceOutlierRate.perValue(0.01, 0.03)).isCloseTo(0.02, within(1e-15));
        assertThat(ReferenceOutlierRate.perRow(0.01, 0.03)).isCloseTo(0.04, within(1e-15));
        // a sketch cannot resolve masses below its rank error: floored; more than half out is not an outlier rule
        assertThat(ReferenceOutlierRate.perValue(0.0, 0.0)).isEqualTo(ReferenceOutlierRate.MIN_RATE);
        assertThat(ReferenceOutlierRate.perValue()).isEqualTo(ReferenceOutlierRate.MIN_RATE);
        assertThat(ReferenceOutlierRate.perRow(0.4, 0.4)).isEqualTo(ReferenceOutlierRate.MAX_RATE);
        assertThat(ReferenceOutlierRate.perValue(Double.NaN, 0.01)).isCloseTo(0.01, within(1e-15));
    }
}
