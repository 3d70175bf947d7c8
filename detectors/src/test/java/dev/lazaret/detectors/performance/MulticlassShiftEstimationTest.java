package dev.lazaret.detectors.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The criteria for multiclass one-vs-rest estimation, seeded: a fixed 3-class classifier with logits (−2x −
 * 0.5, 0, 2x − 0.5) whose scores are overconfident (softmax of 1.6 × the logits, where the truth is the softmax of the
 * logits themselves), calibrated on 5,000 baseline labels at x ~ N(0, 2.5²) (accuracy 0.84); then covariate shift
 * moves x towards N(0.4, 0.5²), near the class boundaries, where it is right only 59% of the time. P(y | x) never
 * changes, the assumption CBPE rests on.
 */
class MulticlassShiftEstimationTest {
    private static final int PER_WINDOW = 1_000;
    private static final double MIN_DROP = 0.05;
    private static final double BAND_SIGMAS = 3;

    private final SplittableRandom random = new SplittableRandom(1717);

    /** One event: raw class scores, predicted class, label. */
    private record Event(double[] scores, int predicted, int label) {}

    private Event event(double mean, double spread) {
        double x = mean + spread * gaussian();
        double[] logits = {-2 * x - 0.5, 0, 2 * x - 0.5};
        double[] truth = softmax(logits, 1);
        double[] scores = softmax(logits, 1.6);
        double u = random.nextDouble();
        int label = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
        return new Event(scores, MulticlassEstimatorTest.argmax(scores), label);
    }

    private static double[] softmax(double[] logits, double temperature) {
        double[] out = new double[logits.length];
        double total = 0;
        for (int k = 0; k < logits.length; k++) {
            out[k] = Math.exp(temperature * logits[k]);
            total += out[k];
        }
        for (int k = 0; k < logits.length; k++) {
            out[k] /= total;
        }
        return out;
    }

    private MulticlassLabelled baseline() {
        MulticlassLabelled sample = MulticlassLabelled.empty(3);
        for (int i = 0; i < 5_000; i++) {
            Event e = event(0, 2.5);
            sample.add(MulticlassEstimatorTest.bins(e.scores()), e.predicted(), e.label());
        }
        return sample;
    }

    /** A window's estimate beside its realised metrics. */
    private record Window(Map<Metric, MetricEstimate> estimate, Map<Metric, Double> realised) {}

    private Window window(OneVsRestCalibration calibration, double mean, double spread) {
        MulticlassScores scores = MulticlassScores.empty(3);
        MulticlassLabelled labelled = MulticlassLabelled.empty(3);
        for (int i = 0; i < PER_WINDOW; i++) {
            Event e = event(mean, spread);
            int[] bins = MulticlassEstimatorTest.bins(e.scores());
            scores.add(calibration.probabilities(bins), bins, e.predicted());
            labelled.add(bins, e.predicted(), e.label());
        }
        return new Window(MulticlassEstimator.estimate(scores), MulticlassEstimator.realised(labelled));
    }

    @Test
    void shouldEstimateAccuracyWithin3PointsInAtLeast90PercentOfWindowsWhenCovariatesShift() {
        OneVsRestCalibration calibration = OneVsRestCalibration.fit(baseline().oneVsRest());
        int windows = 60;
        int close = 0;
        Map<Metric, Integer> inBand = new EnumMap<>(Metric.class);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int w = 0; w < windows; w++) {
            // 10 clean windows, then the mean drifts from 0 to 0.4 and the spread from 2.5 to 0.5 over 40, then 10
            double drift = w < 10 ? 0 : Math.min(1, (w - 10) / 40.0);
            Window window = window(calibration, 0.4 * drift, 2.5 - 2.0 * drift);
            double estimate = window.estimate().get(Metric.ACCURACY).value();
            double realised = window.realised().get(Metric.ACCURACY);
            close += Math.abs(estimate - realised) <= 0.03 ? 1 : 0;
            for (Metric metric : Metric.values()) {
                MetricEstimate e = window.estimate().get(metric);
                boolean inside = Math.abs(e.value() - window.realised().get(metric)) <= e.band(BAND_SIGMAS);
                inBand.merge(metric, inside ? 1 : 0, Integer::sum);
            }
            first = w == 0 ? realised : first;
            last = realised;
        }
        // the shift must really cost accuracy, or the test would not test estimation under shift
        assertThat(first - last).isGreaterThan(0.15);
        assertThat(close).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * windows));
        // the macro bands treat classes as independent (MulticlassEstimator): they must still cover the realised value
        assertThat(inBand)
                .allSatisfy((metric, inside) -> assertThat(inside)
                        .as("%s inside its band", metric)
                        .isGreaterThanOrEqualTo((int) Math.ceil(0.95 * windows)));
    }

    @Test
    void shouldRaiseNoDropOnFiftyCleanWindowsAndOneOnEveryShiftedWindow() {
        MulticlassLabelled sample = baseline();
        OneVsRestCalibration calibration = OneVsRestCalibration.fit(sample.oneVsRest());
        Map<Metric, Double> baseline = MulticlassEstimator.realised(sample);
        for (int w = 0; w < 50; w++) {
            Window clean = window(calibration, 0, 2.5);
            for (Metric metric : Metric.values()) {
                assertThat(dropped(clean.estimate().get(metric), baseline.get(metric)))
                        .as("clean window %d, %s", w, metric)
                        .isFalse();
            }
        }
        for (int w = 0; w < 5; w++) {
            Window shifted = window(calibration, 0.4, 0.5);
            assertThat(dropped(shifted.estimate().get(Metric.ACCURACY), baseline.get(Metric.ACCURACY)))
                    .as("shifted window %d", w)
                    .isTrue();
        }
    }

    /** The drift side's rule for ESTIMATED_PERFORMANCE_DROP: below the baseline by more than the band and the floor. */
    private static boolean dropped(MetricEstimate estimate, double baseline) {
        double drop = baseline - estimate.value();
        return drop > estimate.band(BAND_SIGMAS) && drop >= MIN_DROP;
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
