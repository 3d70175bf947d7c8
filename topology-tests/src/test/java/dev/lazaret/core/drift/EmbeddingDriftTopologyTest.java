package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16's embedding validation through the whole topology: a reference with a vector feature imported as {@code
 * reference import} builds it, events with 128-dimensional embeddings from five clusters, one cluster's share moving
 * from 10% to 30%: the report's embedding entry drifts in the first shifted window only and MULTIVARIATE_DRIFT fires
 * for the feature; a 768-dimensional feature is judged end to end; vectors of another dimension or a scalar in their
 * place go to the dead-letter topic with a reason naming the feature.
 */
class EmbeddingDriftTopologyTest {
    private static final int PER_WINDOW = 1_000;

    @TempDir
    Path stateDir;

    /** Seeded cluster mixture: five centres N(0, 1) per element, unit noise; cluster 0 with share {@code first}. */
    private static final class Clusters {
        private final Random random;
        private final double[][] centres;

        Clusters(long seed, int dimension) {
            random = new Random(seed);
            centres = new double[5][dimension];
            for (double[] c : centres) {
                for (int i = 0; i < dimension; i++) {
                    c[i] = random.nextGaussian();
                }
            }
        }

        List<Map<String, Object>> rows(int n, double first) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                double[] c = centres[random.nextDouble() < first ? 0 : 1 + random.nextInt(4)];
                double[] v = new double[c.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = c[i] + random.nextGaussian();
                }
                rows.add(Map.of("emb", new FeatureVector(v), "x", random.nextGaussian()));
            }
            return rows;
        }
    }

    @Test
    void aClusterShareMovingFrom10To30PercentRaisesEmbeddingDriftInTheFirstShiftedWindow() throws Exception {
        try (DriftHarness h = new DriftHarness(stateDir.resolve("shift"), true)) {
            Clusters clusters = new Clusters(16, 128);
            EmbeddingReference reference =
                    h.importReference(clusters.rows(5_000, 0.10)).embeddings().get("emb");
            assertThat(reference.dimension()).isEqualTo(128);
            assertThat(reference.projectionCount()).isEqualTo(EmbeddingReference.DEFAULT_PROJECTIONS);
            h.window(0, clusters.rows(PER_WINDOW, 0.10));
            h.window(1, clusters.rows(PER_WINDOW, 0.10));
            h.window(2, clusters.rows(PER_WINDOW, 0.30)); // the shift
            h.window(3, clusters.rows(PER_WINDOW, 0.30)); // closes window 2
            List<JsonNode> reports = h.reports();
            assertThat(reports).hasSize(3);
            for (int w = 0; w < 3; w++) {
                JsonNode e = reports.get(w).get("embeddings").get(0);
                assertThat(e.get("feature").asText()).isEqualTo("emb");
                assertThat(e.get("tested").asBoolean()).isTrue();
                assertThat(e.get("vectors").asLong()).isEqualTo(PER_WINDOW);
                assertThat(e.get("drift").asBoolean())
                        .as("window %d: %s", w, e.get("reason"))
                        .isEqualTo(w == 2);
                assertThat(reports.get(w).get("features"))
                        .extracting(f -> f.get("feature").asText())
                        .containsExactly("x");
            }
            List<Alert> firing = h.alerts().stream()
                    .filter(a -> a.status() == AlertStatus.FIRING)
                    .toList();
            assertThat(firing).hasSize(1);
            assertThat(firing.get(0).kind()).isEqualTo(AlertKind.MULTIVARIATE_DRIFT);
            assertThat(firing.get(0).feature()).isEqualTo("emb");
            assertThat(firing.get(0).detector()).isEqualTo("random-projections");
            assertThat(firing.get(0).windowStartMs()).isEqualTo(DriftHarness.BASE + 2 * DriftHarness.SIZE);
        }
    }

    @Test
    void aSevenHundredSixtyEightDimensionalFeatureIsJudgedEndToEnd() throws Exception {
        try (DriftHarness h = new DriftHarness(stateDir.resolve("768"), true)) {
            Clusters clusters = new Clusters(768, 768);
            h.importReference(clusters.rows(500, 0.10));
            h.window(0, clusters.rows(200, 0.10));
            h.window(1, clusters.rows(10, 0.10));
            JsonNode e = h.reports().get(0).get("embeddings").get(0);
            assertThat(e.get("dimension").asInt()).isEqualTo(768);
            assertThat(e.get("tested").asBoolean()).isTrue();
            assertThat(e.get("vectors").asLong()).isEqualTo(200);
            assertThat(e.get("drift").asBoolean()).as(e.get("reason").asText()).isFalse();
        }
    }

    @Test
    void aVectorOfAnotherDimensionOrAScalarInItsPlaceIsDeadLetteredNamingTheFeature() throws Exception {
        try (DriftHarness h = new DriftHarness(stateDir.resolve("bad"), true)) {
            Clusters clusters = new Clusters(3, 8);
            h.importReference(clusters.rows(200, 0.10));
            h.window(
                    0,
                    List.of(
                            Map.of("emb", new FeatureVector(new double[7]), "x", 1.0),
                            Map.of("emb", 1.0, "x", 1.0),
                            Map.of("emb", new FeatureVector(new double[8]), "x", new FeatureVector(new double[] {1})),
                            Map.of("x", 1.0)));
            List<String[]> dead = h.deadLetters();
            assertThat(dead)
                    .extracting(d -> d[0])
                    .containsExactly("INVALID_VALUE", "WRONG_TYPE", "WRONG_TYPE", "MISSING_FIELD");
            assertThat(dead.get(0)[1])
                    .isEqualTo("feature 'emb' has 7 elements; its reference fixes the dimension at 8");
            assertThat(dead.get(1)[1])
                    .isEqualTo("feature 'emb' must be a vector of 8 numbers as in the reference, was double");
            assertThat(dead.get(2)[1]).isEqualTo("feature 'x' must be numeric as in the reference, was a vector");
            assertThat(dead.get(3)[1]).isEqualTo("missing feature 'emb' of the reference");
        }
    }
}
