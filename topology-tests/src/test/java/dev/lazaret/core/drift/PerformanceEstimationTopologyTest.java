package dev.lazaret.core.drift;

import static dev.lazaret.core.drift.EstimationStream.SIZE;
import static dev.lazaret.core.drift.EstimationStream.sigmoid;
import static dev.lazaret.core.drift.EstimationStream.windowIndex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Performance estimated without labels, through the whole topology (issue #17's stream criteria), seeded: a fixed
 * classifier (score sigmoid(3x), truth P(y = 1 | x) = sigmoid(2x), so its raw scores are miscalibrated) sees x ~
 * N(1, 1.3²) for 60 windows (10 to fill the calibration sample, then 50 clean ones), then covariate shift moves x to
 * N(0, 0.7²), where it is far less accurate. Every label arrives 5 windows after its event. 1,000 events a window.
 */
class PerformanceEstimationTopologyTest {
    private static final int PER_WINDOW = 1_000;
    private static final int LABEL_DELAY = 5;
    private static final int SHIFT_AT = 60;
    private static final int WINDOWS = 72;

    @TempDir
    Path stateDir;

    private final SplittableRandom random = new SplittableRandom(17);
    private EstimationStream stream;

    @BeforeEach
    void setUp() {
        stream = new EstimationStream(
                stateDir,
                "cbpe-test",
                LABEL_DELAY,
                Map.of(
                        "drift.models", "clf:clf-data",
                        "drift.feedback.join.window.ms", Long.toString(8 * SIZE),
                        "drift.performance.baseline.labels", "5000",
                        "drift.performance.estimate.models", "clf:score:1",
                        "drift.performance.estimate.min.drop", "0.05",
                        "alerts.resolve.after.windows", "3"));
        stream.reference("clf-data", reference());
    }

    @AfterEach
    void tearDown() {
        stream.close();
    }

    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private double x(int window) {
        return window < SHIFT_AT ? 1 + 1.3 * gaussian() : 0.7 * gaussian();
    }

    private byte[] reference() {
        DatasetProfile profile = DatasetProfile.create();
        for (int i = 0; i < 5_000; i++) {
            double x = x(0);
            double score = sigmoid(3 * x);
            Map<String, Object> row = new HashMap<>();
            row.put("x", x);
            row.put(Reference.PREDICTION, score >= 0.5 ? "1" : "0");
            row.put(Reference.SCORE, score);
            profile.update(row, random.nextDouble() < sigmoid(2 * x) ? "1" : "0");
        }
        return ProfileCodec.encode(profile);
    }

    /** Sends window {@code w}'s events and the labels of window {@code w - LABEL_DELAY}. */
    private void window(int w) {
        for (int i = 0; i < PER_WINDOW; i++) {
            double x = x(w);
            double score = sigmoid(3 * x);
            String label = random.nextDouble() < sigmoid(2 * x) ? "1" : "0";
            stream.event("clf", w, i, x, score >= 0.5 ? "1" : "0", "\"score\":" + score, label);
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

        // estimate beside realised: |estimate - realised| <= 0.03 in at least 90% of the windows whose labels are in
        int realisedWindows = 0;
        int close = 0;
        for (JsonNode report : out) {
            for (JsonNode realised : report.get("estimated_performance").get("realised")) {
                for (JsonNode metric : realised.get("metrics")) {
                    if (metric.get("metric").asText().equals("accuracy")) {
                        realisedWindows++;
                        close += Math.abs(metric.get("estimation_error").asDouble()) <= 0.03 ? 1 : 0;
                    }
                }
            }
        }
        // windows 0-8 close before the calibration (the labels of window 4 complete it while window 9 is open), so
        // they have no estimate to judge; windows 9-62 are past their join window by the end: 54
        assertThat(realisedWindows).isGreaterThanOrEqualTo(54);
        assertThat(close).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * realisedWindows));

        // 50 clean windows after calibration: no estimated drop of any metric
        List<Alert> drops = all.stream()
                .filter(a -> a.kind() == AlertKind.ESTIMATED_PERFORMANCE_DROP && a.status() == AlertStatus.FIRING)
                .toList();
        assertThat(drops)
                .allSatisfy(a -> assertThat(windowIndex(a.windowStartMs())).isGreaterThanOrEqualTo(SHIFT_AT));
        JsonNode calibratedAt = out.stream()
                .filter(r -> r.get("estimated_performance").get("calibrated").asBoolean())
                .findFirst()
                .orElseThrow();
        assertThat(windowIndex(calibratedAt.get("window_start_ms").asLong())).isLessThanOrEqualTo(SHIFT_AT - 50);

        // the shift: an estimated accuracy drop, named, with its band and baseline, before the labels can tell
        EstimationStream.assertAccuracyDropEstimatedBeforeRealised(drops, all, SHIFT_AT);
    }
}
