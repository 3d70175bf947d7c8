package dev.lazaret.core.drift;

import static dev.lazaret.core.drift.EstimationStream.SIZE;
import static dev.lazaret.core.drift.EstimationStream.accuracyErrors;
import static dev.lazaret.core.drift.EstimationStream.windowIndex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multiclass performance estimated without labels, one class against the rest, through the whole topology (issue
 * #17's stream criteria), seeded: the classifier of detectors' {@code MulticlassShiftEstimationTest}, classes a, b, c
 * with logits (−2x − 0.5, 0, 2x − 0.5), overconfident scores (softmax of 1.6 × the logits; the truth is the softmax of
 * the logits). x ~ N(0, 2.5²) for 60 windows (10 to fill the 5,000-label calibration sample, then 50 clean ones, where
 * it is right 84% of the time), then covariate shift moves x to N(0.4, 0.5²), near the class boundaries, where it is
 * right 59% of the time. P(y | x) never changes. Every label arrives 5 windows after its event; 1,000 events a window.
 */
class MulticlassEstimationTopologyTest {
    private static final int PER_WINDOW = 1_000;
    private static final int LABEL_DELAY = 5;
    private static final int SHIFT_AT = 60;
    private static final int WINDOWS = 72;
    private static final String[] CLASSES = {"a", "b", "c"};

    @TempDir
    Path stateDir;

    private final SplittableRandom random = new SplittableRandom(1717);
    private EstimationStream stream;

    @BeforeEach
    void setUp() {
        stream = new EstimationStream(
                stateDir,
                "cbpe-multiclass-test",
                LABEL_DELAY,
                Map.of(
                        "drift.models", "iris:iris-data",
                        "drift.feedback.join.window.ms", Long.toString(8 * SIZE),
                        "drift.performance.baseline.labels", "5000",
                        "drift.performance.estimate.models", "iris:scores:a|b|c",
                        "drift.performance.estimate.min.drop", "0.05",
                        "alerts.resolve.after.windows", "3"));
        stream.reference("iris-data", reference());
    }

    /** The reference the drift side judges windows against (no reference, no judged window, no realised alert). */
    private byte[] reference() {
        DatasetProfile profile = DatasetProfile.create();
        for (int i = 0; i < 5_000; i++) {
            Event e = event(0);
            Map<String, Object> row = new HashMap<>();
            row.put("x", e.x());
            row.put(Reference.PREDICTION, CLASSES[e.predicted()]);
            profile.update(row, CLASSES[e.label()]);
        }
        return ProfileCodec.encode(profile);
    }

    /** One event: its feature, class scores, predicted class and label. */
    private record Event(double x, double[] scores, int predicted, int label) {}

    private Event event(int window) {
        double x = window < SHIFT_AT ? 2.5 * gaussian() : 0.4 + 0.5 * gaussian();
        double[] logits = {-2 * x - 0.5, 0, 2 * x - 0.5};
        double[] truth = softmax(logits, 1);
        double[] scores = softmax(logits, 1.6);
        int predicted = 0;
        for (int k = 1; k < 3; k++) {
            predicted = scores[k] > scores[predicted] ? k : predicted;
        }
        double u = random.nextDouble();
        return new Event(x, scores, predicted, u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2);
    }

    @AfterEach
    void tearDown() {
        stream.close();
    }

    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
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

    /** Sends window {@code w}'s events and the labels of window {@code w - LABEL_DELAY}. */
    private void window(int w) {
        for (int i = 0; i < PER_WINDOW; i++) {
            Event e = event(w);
            String json = String.format(
                    Locale.ROOT,
                    "\"scores\":{\"a\":%s,\"b\":%s,\"c\":%s}",
                    e.scores()[0],
                    e.scores()[1],
                    e.scores()[2]);
            stream.event("iris", w, i, e.x(), CLASSES[e.predicted()], json, CLASSES[e.label()]);
        }
        stream.labelsDue(w);
    }

    @Test
    void shouldEstimateAccuracyAndAlertBeforeTheRealisedErrorRateWhenCovariatesShift() throws Exception {
        for (int w = 0; w < WINDOWS; w++) {
            window(w);
        }
        List<JsonNode> out = stream.reports();
        List<Alert> all = stream.alerts();

        // the calibration is full once the labels of window 4 arrive, during window 9 (after its events): the class
        // probabilities need it, so windows from 10 on are estimated; 10-62 are past their join window by the end
        JsonNode firstEstimated = out.stream()
                .filter(r -> r.get("estimated_performance").get("scored").asLong() > 0)
                .findFirst()
                .orElseThrow();
        assertThat(windowIndex(firstEstimated.get("window_start_ms").asLong())).isEqualTo(10);
        assertThat(firstEstimated.get("estimated_performance").get("metrics"))
                .extracting(m -> m.get("metric").asText())
                .containsExactly("accuracy", "precision_macro", "recall_macro", "f1_macro", "roc_auc_macro");

        // estimate beside realised: |estimate - realised| <= 0.03 in at least 90% of the windows whose labels are in
        Map<Integer, Double> errors = accuracyErrors(out);
        assertThat(errors.keySet()).hasSize(53).contains(10, SHIFT_AT, 62);
        long close = errors.values().stream().filter(e -> Math.abs(e) <= 0.03).count();
        assertThat(close).isGreaterThanOrEqualTo((long) Math.ceil(0.9 * errors.size()));
        // the shifted windows among them really are less accurate: the estimate followed a real drop
        List<Double> realisedAccuracy = new ArrayList<>();
        for (JsonNode report : out) {
            for (JsonNode realised : report.get("estimated_performance").get("realised")) {
                if (windowIndex(realised.get("window_start_ms").asLong()) >= SHIFT_AT) {
                    realisedAccuracy.add(
                            realised.get("metrics").get(0).get("realised").asDouble());
                }
            }
        }
        assertThat(realisedAccuracy).isNotEmpty().allSatisfy(a -> assertThat(a).isLessThan(0.7));

        // 50 clean windows after calibration (10-59): no estimated drop of any metric
        List<Alert> drops = all.stream()
                .filter(a -> a.kind() == AlertKind.ESTIMATED_PERFORMANCE_DROP && a.status() == AlertStatus.FIRING)
                .toList();
        assertThat(drops)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(windowIndex(a.windowStartMs())).isGreaterThanOrEqualTo(SHIFT_AT));

        // the shift: an estimated accuracy drop, named, with its band and baseline, before the labels can tell
        EstimationStream.assertAccuracyDropEstimatedBeforeRealised(drops, all, SHIFT_AT);
    }
}
