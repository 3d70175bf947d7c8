package dev.lazaret.detectors.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden values from {@code golden/generate_cbpe_golden.py} (numpy/scipy, independent of this code): the method as
 * NannyML publishes it, on 30 reference pairs and 15 analysis scores binned as Lazaret bins them.
 */
class PerformanceEstimatorTest {
    static final double[] REF_SCORES = {
        0.02, 0.05, 0.08, 0.11, 0.13, 0.17, 0.21, 0.24, 0.28, 0.31, 0.33, 0.36, 0.41, 0.44, 0.47, 0.52, 0.55, 0.58,
        0.61, 0.64, 0.66, 0.69, 0.72, 0.75, 0.78, 0.81, 0.84, 0.87, 0.91, 0.97
    };
    static final int[] REF_LABELS = {
        0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1
    };
    static final double[] ANA_SCORES = {
        0.03, 0.12, 0.12, 0.26, 0.35, 0.45, 0.50, 0.53, 0.63, 0.70, 0.74, 0.80, 0.88, 0.93, 0.99
    };
    private static final double EPS = 1e-12;

    static LabelledScores reference() {
        LabelledScores ref = LabelledScores.empty();
        for (int i = 0; i < REF_SCORES.length; i++) {
            ref.add(ScoreBins.of(REF_SCORES[i]), REF_SCORES[i] >= 0.5, REF_LABELS[i] == 1);
        }
        return ref;
    }

    static PredictedScores analysis() {
        PredictedScores window = PredictedScores.empty();
        for (double s : ANA_SCORES) {
            window.add(ScoreBins.of(s), s >= 0.5);
        }
        return window;
    }

    @Test
    void shouldMatchScipyIsotonicRegressionWhenCalibratingBinnedScores() {
        IsotonicCalibration calibration = IsotonicCalibration.fit(reference());
        // isotonic_regression(means, weights=counts).x, then np.interp(centres, (used + 0.5) / 200, fitted)
        // calibration[[2, 22, 62, 102, 122, 172]]
        assertThat(calibration.probability(2)).isCloseTo(0.0, within(EPS));
        assertThat(calibration.probability(22)).isCloseTo(0.25, within(EPS));
        assertThat(calibration.probability(62)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(calibration.probability(102)).isCloseTo(0.5, within(EPS));
        assertThat(calibration.probability(122)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(calibration.probability(172)).isCloseTo(0.8, within(EPS));
    }

    @Test
    void shouldMatchNumpyWhenEstimatingConfusionMatrixAndMetrics() {
        PerformanceEstimate e = PerformanceEstimator.estimate(IsotonicCalibration.fit(reference()), analysis());
        assertThat(e.count()).isEqualTo(15);
        // np.sum(p * ana_pred)
        assertThat(e.tp()).isCloseTo(6.96111111111111, within(EPS));
        // np.sum((1 - p) * ana_pred)
        assertThat(e.fp()).isCloseTo(2.038888888888889, within(EPS));
        // np.sum(p * (1 - ana_pred))
        assertThat(e.fn()).isCloseTo(1.8333333333333333, within(EPS));
        // np.sum((1 - p) * (1 - ana_pred))
        assertThat(e.tn()).isCloseTo(4.166666666666667, within(EPS));
        // (TP + TN) / len(p)
        assertThat(e.metric(Metric.ACCURACY).value()).isCloseTo(0.7418518518518518, within(EPS));
        // TP / (TP + FP)
        assertThat(e.metric(Metric.PRECISION).value()).isCloseTo(0.7734567901234567, within(EPS));
        // TP / (TP + FN)
        assertThat(e.metric(Metric.RECALL).value()).isCloseTo(0.7915350600126342, within(EPS));
        // TP / (TP + 0.5 * (FP + FN))  (NannyML's estimate_f1)
        assertThat(e.metric(Metric.F1).value()).isCloseTo(0.7823915079612862, within(EPS));
        // order = argsort(ana_scores)[::-1]; tps = r_[0, cumsum(p[order])]; fps = r_[0, cumsum(1 - p[order])];
        // np.trapezoid(tps / tps[-1], fps / fps[-1])  (NannyML's estimate_roc_auc without its rounding to 5 places)
        assertThat(e.metric(Metric.ROC_AUC).value()).isCloseTo(0.8287051149438612, within(EPS));
    }

    @Test
    void shouldMatchNumpyPoissonBinomialErrorsWhenEstimatingBands() {
        PerformanceEstimate e = PerformanceEstimator.estimate(IsotonicCalibration.fit(reference()), analysis());
        // v1 = sum(ana_pred * p * (1 - p)); v0 = sum((1 - ana_pred) * p * (1 - p)); sqrt(v1 + v0) / len(p)
        assertThat(e.metric(Metric.ACCURACY).standardError()).isCloseTo(0.10412546510269821, within(EPS));
        // sqrt(v1) / (TP + FP)
        assertThat(e.metric(Metric.PRECISION).standardError()).isCloseTo(0.12872849629459887, within(EPS));
        // sqrt(FN**2 * v1 + TP**2 * v0) / (TP + FN) ** 2
        assertThat(e.metric(Metric.RECALL).standardError()).isCloseTo(0.09819614228880029, within(EPS));
        assertThat(e.metric(Metric.ACCURACY).band(3)).isCloseTo(3 * 0.10412546510269821, within(EPS));
    }

    @Test
    void shouldMatchScipyMannWhitneyWhenRealisingOnLabels() {
        Map<Metric, Double> realised = PerformanceEstimator.realised(reference());
        // np.mean((ref_scores >= 0.5) == ref_labels)
        assertThat(realised.get(Metric.ACCURACY)).isCloseTo(0.7, within(EPS));
        // mannwhitneyu(bins[ref_labels == 1], bins[ref_labels == 0]).statistic / (n_pos * n_neg)
        assertThat(realised.get(Metric.ROC_AUC)).isCloseTo(0.7767857142857143, within(EPS));
    }

    @Test
    void shouldLeaveMetricsUndefinedWhenNothingIsPredictedPositive() {
        PredictedScores negatives = PredictedScores.empty();
        negatives.add(ScoreBins.of(0.1), false);
        PerformanceEstimate e = PerformanceEstimator.estimate(IsotonicCalibration.fit(reference()), negatives);
        assertThat(e.metric(Metric.PRECISION).value()).isNaN();
        assertThat(e.metric(Metric.ACCURACY).value())
                .isCloseTo(1 - IsotonicCalibration.fit(reference()).probability(20), within(EPS));
    }

    @Test
    void shouldIgnoreScoresOutsideTheProbabilityRange() {
        assertThat(ScoreBins.of(-0.01)).isEqualTo(-1);
        assertThat(ScoreBins.of(1.01)).isEqualTo(-1);
        assertThat(ScoreBins.of(Double.NaN)).isEqualTo(-1);
        assertThat(ScoreBins.of(1.0)).isEqualTo(ScoreBins.COUNT - 1);
        assertThat(ScoreBins.of(0.5)).isEqualTo(100);
    }
}
