package dev.lazaret.detectors.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden values from {@code golden/generate_cbpe_multiclass_golden.py} (numpy/scipy, independent of this code): NannyML's
 * multiclass CBPE (one-vs-rest isotonic calibration, normalised), on 24 reference events and 12 analysis events of 3
 * classes, binned as Lazaret bins them.
 */
class MulticlassEstimatorTest {
    static final double[][] REF = {
        {0.80, 0.15, 0.05}, {0.70, 0.20, 0.10}, {0.65, 0.30, 0.05}, {0.60, 0.25, 0.15}, {0.55, 0.35, 0.10},
        {0.50, 0.30, 0.20}, {0.45, 0.40, 0.15}, {0.40, 0.45, 0.15}, {0.35, 0.50, 0.15}, {0.30, 0.55, 0.15},
        {0.25, 0.60, 0.15}, {0.20, 0.70, 0.10}, {0.15, 0.75, 0.10}, {0.10, 0.80, 0.10}, {0.10, 0.30, 0.60},
        {0.05, 0.25, 0.70}, {0.15, 0.20, 0.65}, {0.20, 0.25, 0.55}, {0.25, 0.30, 0.45}, {0.05, 0.10, 0.85},
        {0.30, 0.20, 0.50}, {0.35, 0.35, 0.30}, {0.12, 0.48, 0.40}, {0.62, 0.08, 0.30}
    };
    static final int[] REF_LABELS = {0, 0, 1, 0, 0, 2, 1, 1, 1, 0, 1, 1, 1, 1, 2, 2, 2, 1, 2, 2, 0, 2, 2, 0};
    static final double[][] ANA = {
        {0.72, 0.18, 0.10}, {0.58, 0.22, 0.20}, {0.47, 0.43, 0.10}, {0.33, 0.52, 0.15}, {0.22, 0.66, 0.12},
        {0.08, 0.84, 0.08}, {0.18, 0.27, 0.55}, {0.09, 0.16, 0.75}, {0.28, 0.34, 0.38}, {0.41, 0.19, 0.40},
        {0.51, 0.31, 0.18}, {0.13, 0.57, 0.30}
    };
    private static final double EPS = 1e-12;

    static int[] bins(double[] scores) {
        int[] b = new int[scores.length];
        for (int k = 0; k < scores.length; k++) {
            b[k] = ScoreBins.of(scores[k]);
        }
        return b;
    }

    /** np.argmax: the first class with the highest score. */
    static int argmax(double[] scores) {
        int best = 0;
        for (int k = 1; k < scores.length; k++) {
            if (scores[k] > scores[best]) {
                best = k;
            }
        }
        return best;
    }

    static MulticlassLabelled reference() {
        MulticlassLabelled ref = MulticlassLabelled.empty(3);
        for (int i = 0; i < REF.length; i++) {
            ref.add(bins(REF[i]), argmax(REF[i]), REF_LABELS[i]);
        }
        return ref;
    }

    static MulticlassScores analysis(OneVsRestCalibration calibration) {
        MulticlassScores window = MulticlassScores.empty(3);
        for (double[] s : ANA) {
            window.add(calibration.probabilities(bins(s)), bins(s), argmax(s));
        }
        return window;
    }

    @Test
    void shouldNormaliseTheOneVsRestCalibrationsAsNumpyDoes() {
        OneVsRestCalibration calibration = OneVsRestCalibration.fit(reference().oneVsRest());
        // raw = stack(cal[k][binned(ana[:, k])]); p = raw / raw.sum(axis=1, keepdims=True); p[0], p[8]
        assertThat(calibration.probabilities(bins(ANA[0]))).containsExactly(new double[] {1.0, 0.0, 0.0}, within(EPS));
        assertThat(calibration.probabilities(bins(ANA[8])))
                .containsExactly(
                        new double[] {0.1776315789473683, 0.2302631578947369, 0.5921052631578948}, within(EPS));
    }

    @Test
    void shouldMatchNumpyWhenEstimatingAccuracyAndMacroMetrics() {
        MulticlassScores window = analysis(OneVsRestCalibration.fit(reference().oneVsRest()));
        Map<Metric, MetricEstimate> e = MulticlassEstimator.estimate(window);
        assertThat(window.count()).isEqualTo(12);
        // np.mean(p[np.arange(n), pred])
        assertThat(e.get(Metric.ACCURACY).value()).isCloseTo(0.6779944450681802, within(EPS));
        // np.sqrt(np.sum(p[np.arange(n), pred] * (1 - p[np.arange(n), pred]))) / n
        assertThat(e.get(Metric.ACCURACY).standardError()).isCloseTo(0.11298653946423888, within(EPS));
        // np.mean([TP_k / (TP_k + FP_k) for k])
        assertThat(e.get(Metric.PRECISION).value()).isCloseTo(0.6990714812848816, within(EPS));
        // np.sqrt(np.sum(np.square([sqrt(sum(p[on,k] * (1 - p[on,k]))) / on.sum() for k]))) / K
        assertThat(e.get(Metric.PRECISION).standardError()).isCloseTo(0.11328907929734534, within(EPS));
        // np.mean([TP_k / (TP_k + FN_k) for k])
        assertThat(e.get(Metric.RECALL).value()).isCloseTo(0.691707254779252, within(EPS));
        // np.mean([TP_k / (TP_k + 0.5 * (FP_k + FN_k)) for k])
        assertThat(e.get(Metric.F1).value()).isCloseTo(0.6750402923932785, within(EPS));
        // per k: np.add.at(pos, b, p[:, k]); np.add.at(neg, b, 1 - p[:, k]); tps = r_[0, cumsum(pos[::-1])];
        // fps = r_[0, cumsum(neg[::-1])]; np.trapezoid(tps / tps[-1], fps / fps[-1]); then np.mean over k
        assertThat(e.get(Metric.ROC_AUC).value()).isCloseTo(0.900716594874774, within(EPS));
    }

    @Test
    void shouldMatchNumpyWhenRealisingTheBaseline() {
        Map<Metric, Double> r = MulticlassEstimator.realised(reference());
        // np.mean(np.argmax(ref, axis=1) == ref_labels)
        assertThat(r.get(Metric.ACCURACY)).isCloseTo(0.6666666666666666, within(EPS));
        // np.mean([tp / (tp + fp) for k])
        assertThat(r.get(Metric.PRECISION)).isCloseTo(0.6732804232804233, within(EPS));
        // np.mean([tp / (tp + fn) for k])
        assertThat(r.get(Metric.RECALL)).isCloseTo(0.6686507936507936, within(EPS));
        // np.mean([2 * tp / (2 * tp + fp + fn) for k])
        assertThat(r.get(Metric.F1)).isCloseTo(0.6658496732026143, within(EPS));
        // np.mean([mannwhitneyu(b[y], b[~y]).statistic / (y.sum() * (~y).sum()) for k]), b the binned s_k
        assertThat(r.get(Metric.ROC_AUC)).isCloseTo(0.8875645975982985, within(EPS));
    }

    @Test
    void shouldBoundTheClassesAndLeaveUndefinedMetricsOutOfTheMacroAverage() {
        assertThatThrownBy(() -> MulticlassScores.empty(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MulticlassScores.empty(MulticlassScores.MAX_CLASSES + 1))
                .isInstanceOf(IllegalArgumentException.class);
        // every event predicted class 0: precision is defined for class 0 only, and the macro mean is that one value
        MulticlassScores w = MulticlassScores.empty(3);
        w.add(new double[] {0.5, 0.3, 0.2}, new int[] {100, 60, 40}, 0);
        w.add(new double[] {0.7, 0.2, 0.1}, new int[] {140, 40, 20}, 0);
        Map<Metric, MetricEstimate> e = MulticlassEstimator.estimate(w);
        assertThat(e.get(Metric.PRECISION).value()).isCloseTo(0.6, within(EPS));
        assertThat(e.get(Metric.ACCURACY).value()).isCloseTo(0.6, within(EPS));
        assertThat(MulticlassEstimator.estimate(MulticlassScores.empty(3))
                        .get(Metric.ACCURACY)
                        .value())
                .isNaN();
    }
}
