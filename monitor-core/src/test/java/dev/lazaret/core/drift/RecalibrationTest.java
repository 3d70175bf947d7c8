package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.RecalibrationRequest;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.core.quarantine.audit.AuditEvent;
import dev.lazaret.core.serde.JsonSerde;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Recalibration through the model timeline: only on request, from labels of later events, across a restart. */
class RecalibrationTest {
    private static final long SIZE = 60_000;
    private static final long T0 = 1_700_000_040_000L - 1_700_000_040_000L % SIZE;

    private final MemoryCells windows = new MemoryCells();
    private final MemoryCells pending = new MemoryCells();
    private final MemoryCells detectors = new MemoryCells();
    private final Random random = new Random(5);
    private ModelTimeline timeline = timeline();
    private int nextId;

    private ModelTimeline timeline() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("drift.models", "m1:d1,m2:d2,m3:d3");
        settings.put("drift.window.size.ms", Long.toString(SIZE));
        settings.put("drift.window.grace.ms", "0");
        settings.put("drift.window.min.count", "50");
        settings.put("drift.feedback.join.window.ms", Long.toString(4 * SIZE));
        settings.put("drift.performance.baseline.labels", "200");
        settings.put("drift.performance.estimate.models", "m1:score:1,m3:scores:a|b|c");
        DriftOptions options = DriftOptions.from(new MonitorConfig(settings));
        return new ModelTimeline(options, windows, pending, detectors, (dataset, now) -> null);
    }

    /** {@code n} events at {@code ts}; returns their ids with the label each will get. */
    private List<String[]> events(long ts, int n) {
        List<String[]> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "e" + nextId++;
            double s = random.nextDouble();
            timeline.onEvent(new InferenceEvent(id, "m1", "v1", ts, Map.of("x", 1.0), null, s, null), ts);
            ids.add(new String[] {id, random.nextDouble() < s ? "1" : "0"});
        }
        return ids;
    }

    private List<TimelineOutput> labels(List<String[]> ids, long ts) {
        List<TimelineOutput> out = new ArrayList<>();
        for (String[] id : ids) {
            out.addAll(timeline.onFeedback(new Feedback(id[0], "m1", id[1], ts), ts));
        }
        return out;
    }

    private static List<TimelineOutput.Audited> audited(List<TimelineOutput> out) {
        return out.stream()
                .filter(TimelineOutput.Audited.class::isInstance)
                .map(TimelineOutput.Audited.class::cast)
                .toList();
    }

    private static JsonNode payload(TimelineOutput.Audited a) throws Exception {
        return JsonSerde.reader().readTree(a.payload());
    }

    @Test
    void shouldCountOnlyLabelsOfEventsAfterTheRequestAndLetALaterRequestStartAfresh() throws Exception {
        labels(events(T0, 200), T0); // the calibration sample, full
        List<String[]> beforeRequest = events(T0 + 5, 150);
        events(T0 + 10, 1); // the model's time line is at T0 + 10 when the request comes
        List<TimelineOutput> first = timeline.onRecalibration(new RecalibrationRequest("m1", "ana", "v2 rollout"));
        assertThat(audited(first)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AuditEvent.RECALIBRATION_REQUESTED);
            assertThat(payload(a).get("current_sample_labels").asLong()).isEqualTo(200);
            assertThat(payload(a).get("replaces_pending_request_of").isNull()).isTrue();
        });
        // late labels of the old version's predictions (before T0 + 10) are left out: 199 later ones are not enough
        assertThat(audited(labels(beforeRequest, T0 + 20))).isEmpty();
        assertThat(audited(labels(events(T0 + 30, 199), T0 + 30))).isEmpty();

        List<TimelineOutput> second =
                timeline.onRecalibration(new RecalibrationRequest("m1", "bo", "v2 rollout, second try"));
        assertThat(payload(audited(second).get(0))
                        .get("replaces_pending_request_of")
                        .asText())
                .isEqualTo("ana");
        assertThat(audited(labels(events(T0 + 40, 199), T0 + 40))).isEmpty();
        List<TimelineOutput.Audited> done = audited(labels(events(T0 + 50, 1), T0 + 50));
        assertThat(done).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AuditEvent.RECALIBRATED);
            assertThat(payload(a).get("operator").asText()).isEqualTo("bo");
            assertThat(payload(a).get("labels").asLong()).isEqualTo(200);
            assertThat(payload(a).get("baseline_before").get("accuracy").isNumber())
                    .isTrue();
        });
        // and never again on its own
        assertThat(audited(labels(events(T0 + 60, 500), T0 + 60))).isEmpty();
    }

    @Test
    void shouldFinishAPendingRecalibrationAfterARestart() {
        labels(events(T0, 200), T0);
        events(T0 + 10, 1); // the model's time line is at T0 + 10
        timeline.onRecalibration(new RecalibrationRequest("m1", "ana", "v2 rollout"));
        assertThat(audited(labels(events(T0 + 20, 120), T0 + 20))).isEmpty();

        timeline = timeline(); // a restart: everything from the cells
        List<TimelineOutput.Audited> done = audited(labels(events(T0 + 30, 80), T0 + 30));
        assertThat(done).extracting(TimelineOutput.Audited::kind).containsExactly(AuditEvent.RECALIBRATED);
    }

    /** {@code n} events of the 3-class model m3 at {@code ts}, labelled at once. */
    private List<TimelineOutput> multiclass(long ts, int n) {
        List<TimelineOutput> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "e" + nextId++;
            double a = random.nextDouble();
            double b = random.nextDouble() * (1 - a);
            Map<String, Double> scores = Map.of("a", a, "b", b, "c", 1 - a - b);
            String predicted = a >= b && a >= 1 - a - b ? "a" : b >= 1 - a - b ? "b" : "c";
            double u = random.nextDouble();
            String label = u < a ? "a" : u < a + b ? "b" : "c";
            out.addAll(timeline.onEvent(
                    new InferenceEvent(id, "m3", "v1", ts, Map.of("x", 1.0), predicted, null, scores), ts));
            out.addAll(timeline.onFeedback(new Feedback(id, "m3", label, ts), ts));
        }
        return out;
    }

    @Test
    void shouldRecalibrateAMulticlassModelFromItsClassScoresOnRequestOnly() throws Exception {
        assertThat(audited(multiclass(T0, 400))).isEmpty(); // the sample is full at 200, and stays so
        timeline.onRecalibration(new RecalibrationRequest("m3", "ana", "class c split"));
        assertThat(audited(multiclass(T0 + 20, 199))).isEmpty();
        timeline = timeline(); // a restart: the pending request and its multiclass sample come from the cells
        List<TimelineOutput.Audited> done = audited(multiclass(T0 + 30, 1));
        assertThat(done).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AuditEvent.RECALIBRATED);
            assertThat(payload(a).get("labels").asLong()).isEqualTo(200);
            assertThat(payload(a).get("baseline_before").get("accuracy").isNumber())
                    .isTrue();
            assertThat(payload(a).get("baseline_after").get("precision_macro").isNumber())
                    .isTrue();
        });
    }

    @Test
    void shouldRefuseModelsThatAreUnknownOrNotEstimated() {
        assertThat(timeline.onRecalibration(new RecalibrationRequest("nope", "ana", "r")))
                .singleElement()
                .isInstanceOfSatisfying(
                        TimelineOutput.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_MODEL));
        assertThat(timeline.onRecalibration(new RecalibrationRequest("m2", "ana", "r")))
                .singleElement()
                .isInstanceOfSatisfying(TimelineOutput.Rejected.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.INVALID_VALUE);
                    assertThat(r.detail()).contains("'m2'", "drift.performance.estimate.models");
                });
    }
}
