package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.drift.DriftHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #16 tried as a new user would, on the UCI tables of the Debian package {@code weka}: import half of a table
 * as the reference (through {@code ReferenceBuilder}, as {@code lazaret reference import}), stream the other half as
 * one clean window, then the same rows with the two most correlated numeric features' link broken by shuffling one of
 * them within the window (both marginals unchanged, exactly). The broken window must raise MULTIVARIATE_DRIFT, the
 * clean one must not, and no feature may drift on its own; {@code vote} has no numeric feature, and its report says
 * multivariate drift is not available.
 */
class RealDataMultivariateDriftTest {
    @TempDir
    Path stateDir;

    @ParameterizedTest
    @ValueSource(strings = {"segment", "diabetes", "ionosphere", "credit-g", "vote"})
    void brokenCorrelationIsCaughtAndTheCleanHalfIsNot(String name) throws Exception {
        ArffTable table = RealDataPoisoningEvaluationTest.table(name);
        List<Map<String, Object>> rows = new ArrayList<>();
        table.rows().forEach(r -> rows.add(new HashMap<>(r.features())));
        Collections.shuffle(rows, new Random(16));
        List<Map<String, Object>> reference = rows.subList(0, rows.size() / 2);
        List<Map<String, Object>> window = rows.subList(rows.size() / 2, rows.size());
        List<String> numeric = new ArrayList<>();
        for (int i = 0; i < table.features().size(); i++) {
            if (table.numeric().get(i)) {
                numeric.add(table.features().get(i));
            }
        }
        try (DriftHarness h = new DriftHarness(stateDir.resolve(name), true)) {
            h.importReference(reference);
            h.window(0, window);
            String[] pair = numeric.size() < 2 ? null : mostCorrelated(reference, numeric);
            h.window(1, pair == null ? window : shuffled(window, pair[1], new Random(17)));
            h.window(2, window.subList(0, 10)); // closes window 1
            List<JsonNode> reports = h.reports();
            assertThat(reports).hasSize(2);
            List<Alert> firing = h.alerts().stream()
                    .filter(a -> a.status() == AlertStatus.FIRING)
                    .toList();
            JsonNode clean = reports.get(0).get("multivariate");
            JsonNode broken = reports.get(1).get("multivariate");
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d numeric features, pair %s, reference rows %d, window rows %d%n  clean: %s%n  broken: %s%n"
                            + "  alerts: %s%n",
                    name,
                    numeric.size(),
                    pair == null ? "-" : pair[0] + " ~ " + pair[1] + " r=" + pair[2],
                    reference.size(),
                    window.size(),
                    clean.get("verdict") == null
                            ? clean.get("note")
                            : clean.get("verdict").get("reason"),
                    broken.get("verdict") == null
                            ? broken.get("note")
                            : broken.get("verdict").get("reason"),
                    firing.stream()
                            .map(a -> a.kind() + (a.feature() == null ? "" : "/" + a.feature()))
                            .toList());
            assertThat(firing.stream().map(Alert::kind))
                    .as("no feature drifts on its own: the marginals are those of the reference's table")
                    .doesNotContain(AlertKind.FEATURE_DRIFT, AlertKind.DATASET_DRIFT);
            if (pair == null) {
                assertThat(clean.get("status").asText()).isEqualTo("not_available");
                assertThat(firing.stream().map(Alert::kind)).doesNotContain(AlertKind.MULTIVARIATE_DRIFT);
                return;
            }
            assertThat(clean.get("verdict").get("drift").asBoolean())
                    .as("clean half: %s", clean.get("verdict").get("reason"))
                    .isFalse();
            assertThat(broken.get("verdict").get("drift").asBoolean())
                    .as(
                            "broken %s ~ %s: %s",
                            pair[0], pair[1], broken.get("verdict").get("reason"))
                    .isTrue();
            assertThat(firing)
                    .filteredOn(a -> a.kind() == AlertKind.MULTIVARIATE_DRIFT)
                    .singleElement()
                    .satisfies(a -> assertThat(a.windowStartMs()).isEqualTo(DriftHarness.BASE + DriftHarness.SIZE));
        }
    }

    /** The two numeric features with the largest absolute Pearson correlation over the rows where both are present. */
    private static String[] mostCorrelated(List<Map<String, Object>> rows, List<String> numeric) {
        String[] best = null;
        double bestR = -1;
        for (int i = 0; i < numeric.size(); i++) {
            for (int j = i + 1; j < numeric.size(); j++) {
                double r = pearson(rows, numeric.get(i), numeric.get(j));
                if (Math.abs(r) > bestR) {
                    bestR = Math.abs(r);
                    best = new String[] {numeric.get(i), numeric.get(j), String.format(Locale.ROOT, "%.3f", r)};
                }
            }
        }
        return best;
    }

    private static double pearson(List<Map<String, Object>> rows, String a, String b) {
        double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (Map<String, Object> row : rows) {
            if (row.get(a) instanceof Double x && row.get(b) instanceof Double y) {
                n++;
                sa += x;
                sb += y;
                saa += x * x;
                sbb += y * y;
                sab += x * y;
            }
        }
        double cov = sab / n - sa / n * sb / n;
        double va = saa / n - sa / n * sa / n;
        double vb = sbb / n - sb / n * sb / n;
        return va <= 0 || vb <= 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    /** The rows with {@code feature}'s values permuted among them: its marginal in the window is unchanged. */
    private static List<Map<String, Object>> shuffled(List<Map<String, Object>> rows, String feature, Random random) {
        List<Object> values = new ArrayList<>();
        rows.forEach(r -> values.add(r.get(feature)));
        Collections.shuffle(values, random);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> copy = new HashMap<>(rows.get(i));
            copy.put(feature, values.get(i));
            out.add(copy);
        }
        return out;
    }
}
