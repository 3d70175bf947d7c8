package dev.lazaret.detectors.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The accuracy criterion, seeded: a fixed classifier whose scores are miscalibrated (sigmoid(3x) where the
 * truth is sigmoid(2x)), calibrated on 5,000 baseline labels at x ~ N(1, 1.3²); then 60 windows of 1,000 predictions
 * while covariate shift moves x to N(0, 0.7²), where the classifier is least accurate. P(y | x) never changes, which is
 * the assumption CBPE rests on.
 */
class CovariateShiftEstimationTest {
    private static final int WINDOWS = 60;
    private static final int PER_WINDOW = 1_000;
    private static final double SPREAD = 1.3;

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Spread of x in window {@code w}: 1.3 while clean, narrowing to 0.7 with the drift of the mean. */
    static double spread(int w) {
        return SPREAD - 0.6 * (1.0 - mean(w));
    }

    /** Mean of x in window {@code w}: 10 clean windows, then a drift from 1 to 0 over 40, then 10 at 0. */
    static double mean(int w) {
        if (w < 10) {
            return 1.0;
        }
        return Math.max(0, 1.0 - (w - 10) / 40.0);
    }

    @Test
    void shouldEstimateAccuracyWithin3PointsInAtLeast90PercentOfWindowsWhenCovariatesShift() {
        SplittableRandom random = new SplittableRandom(17);
        LabelledScores baseline = LabelledScores.empty();
        for (int i = 0; i < 5_000; i++) {
            double x = 1.0 + SPREAD * gaussian(random);
            double score = sigmoid(3 * x);
            baseline.add(ScoreBins.of(score), score >= 0.5, random.nextDouble() < sigmoid(2 * x));
        }
        IsotonicCalibration calibration = IsotonicCalibration.fit(baseline);
        int close = 0;
        double firstAccuracy = Double.NaN;
        double lastAccuracy = Double.NaN;
        for (int w = 0; w < WINDOWS; w++) {
            PredictedScores window = PredictedScores.empty();
            LabelledScores labelled = LabelledScores.empty();
            for (int i = 0; i < PER_WINDOW; i++) {
                double x = mean(w) + spread(w) * gaussian(random);
                double score = sigmoid(3 * x);
                boolean label = random.nextDouble() < sigmoid(2 * x);
                window.add(ScoreBins.of(score), score >= 0.5);
                labelled.add(ScoreBins.of(score), score >= 0.5, label);
            }
            double estimate = PerformanceEstimator.estimate(calibration, window)
                    .metric(Metric.ACCURACY)
                    .value();
            double realised = PerformanceEstimator.realised(labelled).get(Metric.ACCURACY);
            if (Math.abs(estimate - realised) <= 0.03) {
                close++;
            }
            firstAccuracy = w == 0 ? realised : firstAccuracy;
            lastAccuracy = realised;
        }
        // the shift must really cost accuracy, or the test would not test estimation under shift
        assertThat(firstAccuracy - lastAccuracy).isGreaterThan(0.1);
        assertThat(close).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * WINDOWS));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
