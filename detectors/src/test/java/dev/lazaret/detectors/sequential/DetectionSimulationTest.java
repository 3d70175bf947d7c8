package dev.lazaret.detectors.sequential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.detectors.sequential.DetectionSimulation.Summary;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations behind the table in {@code detectors/README-sequential.md}. Bounds are deliberately loose
 * (roughly twice the expected values) so that they catch a broken detector, not a different seed.
 */
class DetectionSimulationTest {
    private static final int SEEDS = 20;
    private static final DetectionSimulation.Scenario GAUSSIAN = DetectionSimulation.gaussianShift(0, 1, 5000, 10_000);
    private static final DetectionSimulation.Scenario SEA = DetectionSimulation.seaErrors(12_500, 0.1);
    private static final DetectionSimulation.Scenario BERNOULLI =
            DetectionSimulation.bernoulliShift(0.1, 0.3, 5000, 10_000);

    private static Summary simulate(DetectionSimulation.Scenario scenario, Supplier<ChangeDetector> detector, int c) {
        return DetectionSimulation.run(scenario, detector, SEEDS, c);
    }

    @Test
    void shouldFindGaussianMeanShiftWithoutFalseAlarmsWhenUsingAdwin() {
        Summary summary = simulate(GAUSSIAN, AdwinDetector::withDefaults, 0);
        // delta = 0.002 bounds the false-alarm probability per check; one sigma is found in tens of values.
        assertThat(summary.falseAlarmsPer10k()).as(summary.toString()).isLessThanOrEqualTo(0.5);
        assertThat(summary.missed()).as(summary.toString()).isZero();
        assertThat(summary.meanDelay()).as(summary.toString()).isLessThan(100);
    }

    @Test
    void shouldFindGaussianMeanShiftWhenUsingPageHinkley() {
        Summary summary = simulate(GAUSSIAN, PageHinkleyDetector::withDefaults, 0);
        // lambda = 50 is small against a unit-variance random walk over 5000 values, so some false alarms are expected.
        assertThat(summary.falseAlarmsPer10k()).as(summary.toString()).isLessThanOrEqualTo(12);
        assertThat(summary.missed()).as(summary.toString()).isZero();
        assertThat(summary.meanDelay()).as(summary.toString()).isLessThan(300);
    }

    @Test
    void shouldFindSeaConceptChangesWhenUsingAdwin() {
        Summary first = simulate(SEA, AdwinDetector::withDefaults, 0);
        Summary third = simulate(SEA, AdwinDetector::withDefaults, 2);
        assertThat(first.falseAlarmsPer10k()).as(first.toString()).isLessThanOrEqualTo(0.5);
        assertThat(first.missed()).as(first.toString()).isZero();
        assertThat(first.meanDelay()).as(first.toString()).isLessThan(1500);
        assertThat(third.missed()).as(third.toString()).isLessThanOrEqualTo(2);
        assertThat(third.meanDelay()).as(third.toString()).isLessThan(3500);
    }

    @Test
    void shouldFindSeaConceptChangesWhenUsingPageHinkley() {
        Summary first = simulate(SEA, PageHinkleyDetector::withDefaults, 0);
        Summary third = simulate(SEA, PageHinkleyDetector::withDefaults, 2);
        assertThat(first.falseAlarmsPer10k()).as(first.toString()).isLessThanOrEqualTo(1);
        assertThat(first.missed()).as(first.toString()).isZero();
        assertThat(first.meanDelay()).as(first.toString()).isLessThan(1500);
        assertThat(third.missed()).as(third.toString()).isLessThanOrEqualTo(3);
        assertThat(third.meanDelay()).as(third.toString()).isLessThan(2500);
    }

    @Test
    void shouldFindErrorRateIncreaseWhenUsingDdm() {
        Summary summary = simulate(BERNOULLI, DdmDetector::withDefaults, 0);
        assertThat(summary.falseAlarmsPer10k()).as(summary.toString()).isLessThanOrEqualTo(3);
        assertThat(summary.missed()).as(summary.toString()).isZero();
        assertThat(summary.meanDelay()).as(summary.toString()).isLessThan(1200);
    }

    @Test
    void shouldFindErrorRateIncreaseWhenUsingEddm() {
        Summary summary = simulate(BERNOULLI, EddmDetector::withDefaults, 0);
        // EDDM trades false alarms for sensitivity; its ratio test fires on sampling noise of the error distances.
        assertThat(summary.falseAlarmsPer10k()).as(summary.toString()).isLessThanOrEqualTo(10);
        assertThat(summary.missed()).as(summary.toString()).isZero();
        assertThat(summary.meanDelay()).as(summary.toString()).isLessThan(500);
    }

    @Test
    void shouldFindErrorRateIncreaseWhenUsingHddmA() {
        Summary summary = simulate(BERNOULLI, HddmADetector::withDefaults, 0);
        assertThat(summary.falseAlarmsPer10k()).as(summary.toString()).isLessThanOrEqualTo(1);
        assertThat(summary.missed()).as(summary.toString()).isZero();
        assertThat(summary.meanDelay()).as(summary.toString()).isLessThan(300);
    }
}
