package dev.lazaret.detectors.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class IsotonicCalibrationPropertiesTest {
    @Property(tries = 200)
    void shouldBeMonotoneAndPreservePositivesWhenFitted(
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0, max = 1) Double> scores,
            @ForAll @Size(min = 300, max = 300) List<Boolean> labels) {
        LabelledScores sample = LabelledScores.empty();
        long positives = 0;
        for (int i = 0; i < scores.size(); i++) {
            sample.add(ScoreBins.of(scores.get(i)), scores.get(i) >= 0.5, labels.get(i));
            positives += labels.get(i) ? 1 : 0;
        }
        IsotonicCalibration calibration = IsotonicCalibration.fit(sample);
        double mass = 0;
        for (int b = 0; b < ScoreBins.COUNT; b++) {
            assertThat(calibration.probability(b)).isBetween(0.0, 1.0);
            if (b > 0) {
                assertThat(calibration.probability(b)).isGreaterThanOrEqualTo(calibration.probability(b - 1));
            }
            mass += (sample.positives(b) + sample.negatives(b)) * calibration.probability(b);
        }
        // pool-adjacent-violators keeps each pooled block's mean, so the fitted values sum to the positives
        assertThat(mass).isCloseTo(positives, within(1e-9 * Math.max(1, positives)));
    }

    @Property(tries = 200)
    void shouldEstimateAConfusionMatrixOfTheWindowSize(
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0, max = 1) Double> scores) {
        PredictedScores window = PredictedScores.empty();
        scores.forEach(s -> window.add(ScoreBins.of(s), s >= 0.5));
        PerformanceEstimate e =
                PerformanceEstimator.estimate(IsotonicCalibration.fit(PerformanceEstimatorTest.reference()), window);
        assertThat(e.tp() + e.fp() + e.fn() + e.tn()).isCloseTo(scores.size(), within(1e-9 * scores.size()));
        for (Metric m : Metric.values()) {
            double v = e.metric(m).value();
            if (!Double.isNaN(v)) {
                assertThat(v).isBetween(-1e-12, 1 + 1e-12);
                assertThat(e.metric(m).standardError()).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
