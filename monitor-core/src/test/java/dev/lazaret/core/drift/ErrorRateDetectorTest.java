package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.config.DriftSettings;
import dev.lazaret.core.config.MonitorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every selectable error-rate detector signals a jump of the error rate and stays quiet on a steady one. */
class ErrorRateDetectorTest {

    /** Feeds 2,000 labels at 5% errors, then 2,000 at 60%; returns the label indices that signalled. */
    private static List<Integer> signals(ErrorRateDetector detector, MemoryCells cells) {
        PerformanceTracker tracker = new PerformanceTracker(cells, 200, detector);
        Random random = new Random(7);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            double rate = i < 2_000 ? 0.05 : 0.6;
            if (tracker.label("m1", random.nextDouble() < rate)) {
                at.add(i);
            }
        }
        return at;
    }

    @ParameterizedTest
    @EnumSource(ErrorRateDetector.class)
    void shouldSignalAnIncreaseSoonAfterTheErrorRateJumps(ErrorRateDetector detector) {
        List<Integer> at = signals(detector, new MemoryCells());

        assertThat(at).as("signals of %s", detector).anyMatch(i -> i >= 2_000 && i < 2_300);
        // DDM alarms while its statistics warm up (why WindowJudge waits for the baseline); after that at most one
        // false alarm in 1,500 steady labels (EDDM, the noisiest, has one here), which the binomial bar then filters
        assertThat(at)
                .as("false alarms of %s in the steady part", detector)
                .filteredOn(i -> i >= 500 && i < 2_000)
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void shouldOfferExactlyTheConfiguredValuesAndDefaultToAdwinDdm() {
        assertThat(List.of(ErrorRateDetector.configNames()))
                .containsExactlyElementsOf(DriftSettings.PERFORMANCE_DETECTORS);
        DriftOptions defaults = DriftOptions.from(new MonitorConfig(Map.of()));
        assertThat(defaults.performanceDetector()).isEqualTo(ErrorRateDetector.ADWIN_DDM);
        DriftOptions hddm =
                DriftOptions.from(new MonitorConfig(Map.of(DriftSettings.PERFORMANCE_DETECTOR_CONFIG, "hddm-a")));
        assertThat(hddm.performanceDetector()).isEqualTo(ErrorRateDetector.HDDM_A);
        assertThatThrownBy(() -> ErrorRateDetector.of("kswin")).hasMessageContaining("kswin");
    }
}
