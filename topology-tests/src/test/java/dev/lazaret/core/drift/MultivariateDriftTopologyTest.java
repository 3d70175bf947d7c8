package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.detectors.codec.ProfileCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16's validation through the whole topology: a correlation flip that leaves both marginals N(0, 1) raises
 * MULTIVARIATE_DRIFT in the first flipped window and no univariate alert, in every one of 10 seeds; 50 clean
 * windows raise no multivariate alert. The reference goes through the import path ({@link ReferenceBuilder}).
 */
class MultivariateDriftTopologyTest {
    private static final long BASE = DriftHarness.BASE;
    private static final long SIZE = DriftHarness.SIZE;
    private static final int PER_WINDOW = 1_000;
    /** Clean windows are smaller to keep the test short; the false-alarm rate is measured in detectors. */
    private static final int CLEAN_PER_WINDOW = 500;

    @TempDir
    Path stateDir;

    private static List<Map<String, Object>> rows(Random r, int n, double rho) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] xy = pair(r, rho);
            rows.add(Map.of("x", xy[0], "y", xy[1]));
        }
        return rows;
    }

    /** Two standard normal values with correlation {@code rho}: both marginals N(0, 1) whatever rho. */
    static double[] pair(Random r, double rho) {
        double x = r.nextGaussian();
        double y = rho * x + Math.sqrt(1 - rho * rho) * r.nextGaussian();
        return new double[] {x, y};
    }

    @Test
    void correlationFlipRaisesMultivariateDriftInTheFirstFlippedWindowAndNoUnivariateAlertInEverySeed()
            throws Exception {
        for (long seed = 0; seed < 10; seed++) {
            try (DriftHarness h = new DriftHarness(stateDir.resolve("flip-" + seed), true)) {
                Random random = new Random(seed);
                assertThat(h.importReference(rows(new Random(1_000 + seed), PER_WINDOW, 0.8))
                                .multivariate())
                        .isPresent();
                h.window(0, rows(random, PER_WINDOW, 0.8));
                h.window(1, rows(random, PER_WINDOW, 0.8));
                h.window(2, rows(random, PER_WINDOW, -0.8)); // the flip
                h.window(3, rows(random, PER_WINDOW, -0.8)); // closes window 2
                List<JsonNode> reports = h.reports();
                assertThat(reports).as("seed %d", seed).hasSize(3);
                for (int w = 0; w < 3; w++) {
                    JsonNode m = reports.get(w).get("multivariate");
                    assertThat(m.get("status").asText()).isEqualTo("judged");
                    assertThat(m.get("verdict").get("drift").asBoolean())
                            .as(
                                    "seed %d window %d: %s",
                                    seed, w, m.get("verdict").get("reason"))
                            .isEqualTo(w == 2);
                    for (JsonNode f : reports.get(w).get("features")) {
                        assertThat(f.get("verdict").asText())
                                .as("seed %d window %d feature %s", seed, w, f.get("feature"))
                                .isEqualTo("stable");
                    }
                }
                List<Alert> firing = h.alerts().stream()
                        .filter(a -> a.status() == AlertStatus.FIRING)
                        .toList();
                assertThat(firing).as("seed %d", seed).hasSize(1);
                assertThat(firing.get(0).kind()).isEqualTo(AlertKind.MULTIVARIATE_DRIFT);
                assertThat(firing.get(0).windowStartMs()).isEqualTo(BASE + 2 * SIZE);
                assertThat(firing.get(0).evidence()).contains("features x, y");
            }
        }
    }

    @Test
    void fiftyCleanWindowsRaiseNoMultivariateAlert() throws Exception {
        try (DriftHarness h = new DriftHarness(stateDir.resolve("clean"), true)) {
            Random random = new Random(42);
            h.importReference(rows(new Random(43), 5_000, 0.8));
            for (int w = 0; w <= 50; w++) {
                h.window(w, rows(random, CLEAN_PER_WINDOW, 0.8));
            }
            List<JsonNode> reports = h.reports();
            assertThat(reports).hasSize(50);
            for (JsonNode r : reports) {
                JsonNode verdict = r.get("multivariate").get("verdict");
                assertThat(verdict.get("tested").asBoolean()).isTrue();
                assertThat(verdict.get("rows").asLong()).isEqualTo(CLEAN_PER_WINDOW);
                assertThat(verdict.get("drift").asBoolean())
                        .as("window %s: %s", r.get("window"), verdict.get("reason"))
                        .isFalse();
            }
            assertThat(h.alerts().stream().map(Alert::kind)).doesNotContain(AlertKind.MULTIVARIATE_DRIFT);
        }
    }

    @Test
    void switchedOffOrWithAnOldReferenceTheReportSaysSo() throws Exception {
        try (DriftHarness h = new DriftHarness(stateDir.resolve("off"), false)) {
            Random random = new Random(5);
            h.importReference(rows(new Random(6), 1_000, 0.8));
            h.window(0, rows(random, 200, -0.8));
            h.window(1, rows(random, 200, -0.8));
            JsonNode m = h.reports().get(0).get("multivariate");
            assertThat(m.get("status").asText()).isEqualTo("disabled");
            assertThat(h.alerts().stream().map(Alert::kind)).doesNotContain(AlertKind.MULTIVARIATE_DRIFT);
        }
        try (DriftHarness h = new DriftHarness(stateDir.resolve("old"), true)) {
            Random random = new Random(5);
            // A version-1 profile, as published before the multivariate part existed.
            var profile = dev.lazaret.detectors.profile.DatasetProfile.create();
            Random r = new Random(6);
            for (int i = 0; i < 1_000; i++) {
                double[] xy = pair(r, 0.8);
                profile.update(Map.of("x", xy[0], "y", xy[1]), null);
            }
            byte[] bytes = ProfileCodec.encode(profile);
            assertThat(bytes[0]).isEqualTo(ProfileCodec.FORMAT_VERSION);
            h.publish(bytes);
            h.window(0, rows(random, 200, -0.8));
            h.window(1, rows(random, 200, -0.8));
            JsonNode report = h.reports().get(0);
            assertThat(report.get("status").asText()).isEqualTo("judged");
            assertThat(report.get("multivariate").get("status").asText()).isEqualTo("not_available");
            assertThat(report.get("multivariate").get("note").asText()).contains("re-import");
        }
    }
}
