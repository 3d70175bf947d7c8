package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drift side's decisions without Kafka: events and feedback in, rejections, reports and conditions out. */
class ModelTimelineTest {
    private static final long SIZE = 60_000;
    private static final long T0 = 1_700_000_040_000L - 1_700_000_040_000L % SIZE;

    private final MemoryCells windows = new MemoryCells();
    private final MemoryCells pending = new MemoryCells();
    private final MemoryCells detectors = new MemoryCells();
    private final Map<String, Reference> references = new HashMap<>();
    private DriftOptions options;
    private ModelTimeline timeline;

    @BeforeEach
    void setUp() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("drift.models", "m1:d1");
        settings.put("drift.window.size.ms", Long.toString(SIZE));
        settings.put("drift.window.grace.ms", "0");
        settings.put("drift.window.min.count", "50");
        options = DriftOptions.from(new MonitorConfig(settings));
        timeline = restart();
    }

    private ModelTimeline restart() {
        return new ModelTimeline(options, windows, pending, detectors, (dataset, now) -> references.get(dataset));
    }

    private static InferenceEvent event(String id, long ts, Object x, String prediction) {
        Map<String, Object> features = new HashMap<>();
        features.put("x", x);
        return new InferenceEvent(id, "m1", "v1", ts, features, prediction, null);
    }

    private void publishReference() {
        DatasetProfile profile = DatasetProfile.create();
        Random random = new Random(1);
        for (int i = 0; i < 2_000; i++) {
            profile.update(Map.of("x", random.nextGaussian()), "ok");
        }
        references.put("d1", Reference.of("ref-1", profile, 4.0));
    }

    private List<TimelineOutput> feedWindow(long start, double shift, int n) {
        Random random = new Random(start);
        List<TimelineOutput> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.addAll(timeline.onEvent(
                    event("e" + start + "-" + i, start + i, random.nextGaussian() + shift, "ok"), start + i));
        }
        return out;
    }

    private static List<TimelineOutput.Closed> closed(List<TimelineOutput> out) {
        return out.stream()
                .filter(TimelineOutput.Closed.class::isInstance)
                .map(TimelineOutput.Closed.class::cast)
                .toList();
    }

    @Test
    void shouldRejectRecordsOfUnknownModels() {
        List<TimelineOutput> out =
                timeline.onEvent(new InferenceEvent("e1", "nobody", "v1", T0, Map.of("x", 1.0), "ok", null), T0);
        assertThat(out).singleElement().isInstanceOfSatisfying(TimelineOutput.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_MODEL);
            assertThat(r.detail()).contains("'nobody'", "[m1]");
        });
        assertThat(timeline.onFeedback(new Feedback("e1", "nobody", "ok", T0), T0))
                .singleElement()
                .isInstanceOf(TimelineOutput.Rejected.class);
    }

    @Test
    void shouldCloseWindowWithoutJudgingWhenNoReferenceExists() {
        List<TimelineOutput> first = feedWindow(T0, 0, 60);
        assertThat(closed(first)).isEmpty();
        assertThat(first).filteredOn(TimelineOutput.Accepted.class::isInstance).hasSize(60);

        List<TimelineOutput> next = timeline.onEvent(event("late-comer", T0 + SIZE, 0.0, "ok"), T0 + SIZE);

        assertThat(closed(next)).singleElement().satisfies(c -> {
            assertThat(c.report().status()).isEqualTo(ReportStatus.NO_REFERENCE);
            assertThat(c.report().events()).isEqualTo(60);
            assertThat(c.conditions()).isEmpty();
        });
    }

    @Test
    void shouldRaiseFeatureDriftConditionWhenInputsMoveAgainstReference() {
        publishReference();
        feedWindow(T0, 0, 200);
        List<TimelineOutput> stable = feedWindow(T0 + SIZE, 3.0, 200);
        List<TimelineOutput> drifted = timeline.onEvent(event("tick", T0 + 2 * SIZE, 0.0, "ok"), T0 + 2 * SIZE);

        DriftReport calm = closed(stable).get(0).report();
        assertThat(calm.status()).isEqualTo(ReportStatus.JUDGED);
        assertThat(calm.features())
                .singleElement()
                .satisfies(f -> assertThat(f.verdict()).isEqualTo(FeatureVerdict.STABLE));
        TimelineOutput.Closed shifted = closed(drifted).get(0);
        assertThat(shifted.report().features().get(0).verdict()).isEqualTo(FeatureVerdict.DRIFTED);
        assertThat(shifted.report().outliers().surge()).isTrue();
        assertThat(shifted.conditions())
                .filteredOn(c -> c.kind() == AlertKind.FEATURE_DRIFT)
                .singleElement()
                .extracting(AlertCondition::active)
                .isEqualTo(true);
    }

    @Test
    void shouldRejectEventsThatDoNotFitTheReferenceOrTheOpenWindows() {
        publishReference();
        InferenceEvent missing = new InferenceEvent("a", "m1", "v1", T0, Map.of("y", 1.0), "ok", null);
        assertThat(((TimelineOutput.Rejected) timeline.onEvent(missing, T0).get(0)).reason())
                .isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(((TimelineOutput.Rejected) timeline.onEvent(event("b", T0, "text", "ok"), T0)
                                .get(0))
                        .reason())
                .isEqualTo(RejectReason.WRONG_TYPE);

        timeline.onEvent(event("c", T0 + 2 * SIZE, 0.0, "ok"), T0 + 2 * SIZE);
        TimelineOutput.Rejected late = (TimelineOutput.Rejected)
                timeline.onEvent(event("d", T0, 0.0, "ok"), T0 + 2 * SIZE).get(0);
        assertThat(late.reason()).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(late.detail()).contains("too late");
        long farAhead = T0 + 2 * SIZE + options.maxFutureMs() + 1;
        assertThat(((TimelineOutput.Rejected) timeline.onEvent(event("e", farAhead, 0.0, "ok"), T0)
                                .get(0))
                        .detail())
                .contains("drift.max.future.ms");
    }

    @Test
    void shouldJoinFeedbackInEitherOrderAndCountErrorsInTheWindow() {
        timeline.onEvent(event("e1", T0, 0.0, "fraud"), T0);
        assertThat(timeline.onFeedback(new Feedback("e1", "m1", "ok", T0 + 5), T0 + 5))
                .isEmpty();
        assertThat(timeline.onFeedback(new Feedback("e2", "m1", "fraud", T0 + 6), T0 + 6))
                .isEmpty();
        timeline.onEvent(event("e2", T0 + 7, 0.0, "fraud"), T0 + 7);

        TimelineOutput.Closed c = closed(timeline.onEvent(event("e3", T0 + SIZE, 0.0, "ok"), T0 + SIZE))
                .get(0);

        assertThat(c.report().performance().labelled()).isEqualTo(2);
        assertThat(c.report().performance().errors()).isEqualTo(1);
    }

    @Test
    void shouldResumeWatermarkAndOpenWindowsWhenRestartedOnTheSameState() {
        feedWindow(T0, 0, 10);
        timeline.onEvent(event("w", T0 + SIZE + 1, 0.0, "ok"), T0 + SIZE + 1);

        ModelTimeline resumed = restart();

        assertThat(resumed.watermark()).isEqualTo(T0 + SIZE + 1);
        assertThat(resumed.onEvent(event("old", T0 + 3, 0.0, "ok"), T0 + SIZE).get(0))
                .isInstanceOf(TimelineOutput.Rejected.class);
        List<TimelineOutput.Closed> next = closed(resumed.onEvent(event("n", T0 + 2 * SIZE, 0.0, "ok"), T0 + 2 * SIZE));
        assertThat(next)
                .singleElement()
                .satisfies(c -> assertThat(c.report().events()).isEqualTo(1));
    }
}
