package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Golden values from scipy 1.17.1; the exact call is beside each value. */
class CentroidShiftStatisticTest {

    @Test
    void shouldMatchScipyWelchWhenTheBatchSpreadsMoreThanTheReference() {
        // scipy.stats.ttest_ind_from_stats(0.3, math.sqrt(1.2), 40, 0.0, 1.0, 600, equal_var=False).statistic
        //   -> 1.6858544608470494
        double t = CentroidShiftStatistic.statistic(40, 0.3, 1.2, 600, 0.0, 1.0);
        assertThat(t).isCloseTo(1.6858544608470494, within(1e-12));
        assertThat(CentroidShiftStatistic.degreesOfFreedom(40, 600)).isEqualTo(39);
        // 2 * scipy.stats.t.sf(1.6858544608470492, 39) -> 0.09980969340325817
        assertThat(CentroidShiftStatistic.twoSidedP(t, 39)).isCloseTo(0.09980969340325817, within(1e-10));
        // 2 * scipy.stats.t.sf(2.5, 120) -> 0.013769534925030417
        assertThat(CentroidShiftStatistic.twoSidedP(-2.5, 120)).isCloseTo(0.013769534925030417, within(1e-10));
    }

    @Test
    void shouldTakeTheReferenceSpreadWhenTheBatchSpreadsLess() {
        // the batch's variance 0.5 is raised to the reference's 1.2:
        // scipy.stats.ttest_ind_from_stats(0.3, math.sqrt(1.2), 40, 0.0, math.sqrt(1.2), 600,
        // equal_var=False).statistic
        //   -> 1.6770509831248424
        assertThat(CentroidShiftStatistic.statistic(40, 0.3, 0.5, 600, 0.0, 1.2))
                .isCloseTo(1.6770509831248424, within(1e-12));
    }

    @Test
    void shouldNotExplodeWhenASmallBatchClassHoldsOnlyZerosOfAZeroInflatedFeature() {
        // reference: 150 rows, 22 of them 1.0, the rest 0.0; batch: 30 rows, all 0.0, so its own variance is 0
        // scipy.stats.ttest_ind_from_stats(0.0, ref.std(ddof=1), 30, ref.mean(), ref.std(ddof=1), 150,
        //   equal_var=False).statistic with ref = numpy.array([1.0] * 22 + [0.0] * 128) -> -2.0659693043863614
        // (with the batch's own variance 0, plain Welch's gives -5.06: clean segment batches were held at t of -5.0
        // to -6.5 on such classes, against Bonferroni critical values of about 5)
        double refMean = 22 / 150.0;
        double refVar = (22 * (1 - refMean) * (1 - refMean) + 128 * refMean * refMean) / 149;
        double t = CentroidShiftStatistic.statistic(30, 0, 0, 150, refMean, refVar);
        assertThat(t).isCloseTo(-2.0659693043863614, within(1e-12));
    }

    @Test
    void shouldMatchScipyWhenComputingBonferroniCriticalValue() {
        // scipy.stats.t.isf(1e-3 / (2 * 60), 99) -> 4.527370980567063
        assertThat(CentroidShiftStatistic.critical(1e-3, 60, 99)).isCloseTo(4.527370980567063, within(1e-8));
        // scipy.stats.t.isf(1e-3 / (2 * 54), 29) -> 5.113190638468223
        assertThat(CentroidShiftStatistic.critical(1e-3, 54, 29)).isCloseTo(5.113190638468223, within(1e-8));
        // scipy.stats.t.isf(1e-3 / (2 * 1), 29) -> 3.659405019466333
        assertThat(CentroidShiftStatistic.critical(1e-3, 1, 29)).isCloseTo(3.659405019466333, within(1e-8));
    }

    @Test
    void shouldReturnNanWhenNeitherSideHasSpread() {
        assertThat(CentroidShiftStatistic.statistic(50, 1, 0, 50, 2, 0)).isNaN();
    }
}
