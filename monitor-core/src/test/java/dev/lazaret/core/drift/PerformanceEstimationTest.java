package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Performance estimation through the model timeline: per-class scores, calibration, estimates, realised values. */
class PerformanceEstimationTest {
    private static final long SIZE = 60_000;
    private static final long T0 = 1_700_000_040_000L - 1_700_000_040_000L % SIZE;

    private final MemoryCells windows = new MemoryCells();
    private final MemoryCells pending = new MemoryCells();
    private final MemoryCells detectors = new MemoryCells();
    private final Random random = new Random(3);
    private ModelTimeline timeline;
    private int nextId;

    private ModelTimeline timeline(String estimate) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("drift.models", "m1:d1");
        settings.put("drift.window.size.ms", Long.toString(SIZE));
        settings.put("drift.window.grace.ms", "0");
        settings.put("drift.window.min.count", "50");
        settings.put("drift.feedback.join.window.ms", Long.toString(2 * SIZE));
        settings.put("drift.performance.baseline.labels", "200");
        settings.put("drift.performance.estimate.models", estimate);
        DriftOptions options = DriftOptions.from(new MonitorConfig(settings));
        return new ModelTimeline(options, windows, pending, detectors, (dataset, now) -> null);
    }

    /** 300 events of window {@code w}, calibrated scores of class "yes", each labelled at once. */
    private List<TimelineOutput> window(int w) {
        List<TimelineOutput> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "e" + nextId++;
            double s = random.nextDouble();
            long ts = T0 + w * SIZE + i;
            out.addAll(timeline.onEvent(
                    new InferenceEvent(
                            id,
                            "m1",
                            "v1",
                            ts,
                            Map.of("x", 1.0),
                            s >= 0.5 ? "yes" : "no",
                            null,
                            Map.of("yes", s, "no", 1 - s)),
                    ts));
            out.addAll(timeline.onFeedback(new Feedback(id, "m1", random.nextDouble() < s ? "yes" : "no", ts), ts));
        }
        // a score that is no probability is left out of the estimate, not out of the window
        String id = "e" + nextId++;
        long ts = T0 + w * SIZE + 400;
        out.addAll(timeline.onEvent(
                new InferenceEvent(id, "m1", "v1", ts, Map.of("x", 1.0), "yes", null, Map.of("yes", 7.0)), ts));
        return out;
    }

    /**
     * A window's realised values stand beside the estimate the window reported at its close, and each error is that
     * estimate minus the realised value.
     */
    private static void assertBesideItsEstimateAtClose(
            DriftReport.RealisedWindow realised, DriftReport.EstimatedPerformance atClose) {
        assertThat(realised.metrics())
                .extracting(DriftReport.RealisedMetric::estimate)
                .containsExactlyElementsOf(atClose.metrics().stream()
                        .map(DriftReport.EstimatedMetric::estimate)
                        .toList());
        assertThat(realised.metrics()).allSatisfy(m -> {
            assertThat(m.estimationError()).isEqualTo(m.estimate() - m.realised());
            assertThat(Math.abs(m.estimationError())).isLessThan(0.15);
        });
    }

    private static List<AlertCondition> dropConditions(List<TimelineOutput> out) {
        return out.stream()
                .filter(TimelineOutput.Closed.class::isInstance)
                .flatMap(o -> ((TimelineOutput.Closed) o).conditions().stream())
                .filter(c -> c.kind() == AlertKind.ESTIMATED_PERFORMANCE_DROP)
                .toList();
    }

    private static List<DriftReport> reports(List<TimelineOutput> out) {
        return out.stream()
                .filter(TimelineOutput.Closed.class::isInstance)
                .map(o -> ((TimelineOutput.Closed) o).report())
                .toList();
    }

    @Test
    void shouldEstimateEachWindowAndReportItsRealisedValuesOnceItsLabelsAreIn() {
        timeline = timeline("m1:scores:yes");
        List<TimelineOutput> out = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            out.addAll(window(w));
        }
        List<DriftReport> reports = reports(out);
        assertThat(reports).hasSize(5);
        DriftReport.EstimatedPerformance first = reports.get(0).estimatedPerformance();
        assertThat(first.calibrated()).isTrue();
        assertThat(first.calibrationLabels()).isEqualTo(200);
        assertThat(first.scored()).isEqualTo(300);
        assertThat(first.metrics())
                .extracting(DriftReport.EstimatedMetric::metric)
                .containsExactly("accuracy", "precision", "recall", "f1", "roc_auc");
        assertThat(first.metrics()).allSatisfy(m -> {
            assertThat(m.lower()).isLessThan(m.estimate());
            assertThat(m.upper()).isGreaterThan(m.estimate());
            assertThat(m.dropped()).isFalse();
        });
        // window w's events leave the 2-window join window when the watermark passes its end + 2 windows
        List<Long> realised = reports.stream()
                .flatMap(r -> r.estimatedPerformance().realised().stream())
                .map(DriftReport.RealisedWindow::windowStartMs)
                .toList();
        assertThat(realised).containsExactly(T0, T0 + SIZE, T0 + 2 * SIZE);
        DriftReport.RealisedWindow w0 =
                reports.get(2).estimatedPerformance().realised().get(0);
        assertThat(w0.labelled()).isEqualTo(300);
        // the estimate beside the realised value is the one window 0 reported at its close
        assertBesideItsEstimateAtClose(w0, first);
        assertThat(dropConditions(out)).hasSize(5 * 5).noneMatch(AlertCondition::active);
    }

    /**
     * 300 events of window {@code w} of a 3-class model whose scores are its true class probabilities, each labelled
     * at once, then one event lacking a class score and one predicting a class the model does not have.
     */
    private List<TimelineOutput> multiclassWindow(int w) {
        List<String> classes = List.of("a", "b", "c");
        List<TimelineOutput> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "e" + nextId++;
            double[] p = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            double total = p[0] + p[1] + p[2];
            int best = 0;
            for (int k = 0; k < 3; k++) {
                p[k] /= total;
                best = p[k] > p[best] ? k : best;
            }
            double u = random.nextDouble();
            String label = u < p[0] ? "a" : u < p[0] + p[1] ? "b" : "c";
            long ts = T0 + w * SIZE + i;
            out.addAll(timeline.onEvent(
                    new InferenceEvent(
                            id,
                            "m1",
                            "v1",
                            ts,
                            Map.of("x", 1.0),
                            classes.get(best),
                            null,
                            Map.of("a", p[0], "b", p[1], "c", p[2])),
                    ts));
            out.addAll(timeline.onFeedback(new Feedback(id, "m1", label, ts), ts));
        }
        long ts = T0 + w * SIZE + 400;
        out.addAll(timeline.onEvent(
                new InferenceEvent("e" + nextId++, "m1", "v1", ts, Map.of("x", 1.0), "a", null, Map.of("a", 0.9)), ts));
        out.addAll(timeline.onEvent(
                new InferenceEvent(
                        "e" + nextId++,
                        "m1",
                        "v1",
                        ts,
                        Map.of("x", 1.0),
                        "d",
                        null,
                        Map.of("a", 0.2, "b", 0.2, "c", 0.6)),
                ts));
        return out;
    }

    @Test
    void shouldEstimateAMulticlassModelOneClassAgainstTheRestWithMacroMetrics() {
        timeline = timeline("m1:scores:a|b|c");
        List<TimelineOutput> out = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            out.addAll(multiclassWindow(w));
        }
        List<DriftReport> reports = reports(out);
        assertThat(reports).hasSize(5);
        // window 0's first 200 labels calibrate; its events are estimated from then on (the probabilities need it)
        DriftReport.EstimatedPerformance first = reports.get(0).estimatedPerformance();
        assertThat(first.calibrated()).isTrue();
        assertThat(first.calibrationLabels()).isEqualTo(200);
        assertThat(first.scored()).isEqualTo(100);
        DriftReport.EstimatedPerformance second = reports.get(1).estimatedPerformance();
        assertThat(second.scored()).isEqualTo(300);
        assertThat(second.metrics())
                .extracting(DriftReport.EstimatedMetric::metric)
                .containsExactly("accuracy", "precision_macro", "recall_macro", "f1_macro", "roc_auc_macro");
        assertThat(second.metrics()).allSatisfy(m -> {
            assertThat(m.lower()).isLessThan(m.estimate());
            assertThat(m.dropped()).isFalse();
        });
        List<DriftReport.RealisedWindow> realised = reports.stream()
                .flatMap(r -> r.estimatedPerformance().realised().stream())
                .toList();
        assertThat(realised)
                .extracting(DriftReport.RealisedWindow::windowStartMs)
                .containsExactly(T0, T0 + SIZE, T0 + 2 * SIZE);
        DriftReport.RealisedWindow w1 = realised.get(1);
        assertThat(w1.labelled()).isEqualTo(300);
        assertBesideItsEstimateAtClose(w1, second);
        assertThat(dropConditions(out)).hasSize(5 * 5).noneMatch(AlertCondition::active);
    }

    @Test
    void shouldNotEstimateWhenTheClassIsReadFromTheWrongField() {
        // configured for the single score, but events carry only scores per class: nothing to estimate
        timeline = timeline("m1:score:yes");
        List<TimelineOutput> out = new ArrayList<>(window(0));
        out.addAll(window(1));
        List<DriftReport> reports = reports(out);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).estimatedPerformance().scored()).isZero();
        assertThat(reports.get(0).estimatedPerformance().calibrated()).isFalse();
        assertThat(reports.get(0).estimatedPerformance().metrics()).isEmpty();
    }

    @Test
    void shouldLeaveModelsWithoutAnEstimationTargetUnestimated() {
        timeline = timeline("");
        List<TimelineOutput> out = new ArrayList<>(window(0));
        out.addAll(window(1));
        assertThat(reports(out))
                .singleElement()
                .satisfies(r -> assertThat(r.estimatedPerformance()).isNull());
    }
}
