package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.alerts.AlertMetrics;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.detectors.embedding.EmbeddingVerdict;
import dev.lazaret.detectors.profile.FeatureKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binders keep their meters per instance: two registries never share a count. */
class DriftMetricsTest {
    @Test
    void shouldRegisterModelMetersAtZeroWhenBound() {
        DriftMetrics metrics = new DriftMetrics(10);
        metrics.registerModels(List.of("m1"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        metrics.bindTo(registry);

        assertThat(registry.get(DriftMetrics.WINDOWS).tags("model", "m1").counters())
                .hasSize(3);
        assertThat(registry.get(DriftMetrics.EVENTS)
                        .tag("model", "m1")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get(DriftMetrics.REFERENCES_REJECTED).counter().count())
                .isZero();
    }

    @Test
    void shouldRegisterAMulticlassModelsEstimationGaugesUnderTheMacroNames() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriftMetrics metrics = new DriftMetrics(registry, 10);

        metrics.registerEstimatedModels(Map.of(
                "iris", new EstimationTarget(true, List.of("a", "b", "c")), "fraud", new EstimationTarget(false, "1")));

        assertThat(registry.get(DriftMetrics.ESTIMATED_PERFORMANCE)
                        .tag("model", "iris")
                        .gauges())
                .extracting(g -> g.getId().getTag("metric"))
                .containsExactlyInAnyOrder("accuracy", "precision_macro", "recall_macro", "f1_macro", "roc_auc_macro");
        assertThat(registry.get(DriftMetrics.ESTIMATION_ERROR)
                        .tag("model", "fraud")
                        .gauges())
                .extracting(g -> g.getId().getTag("metric"))
                .containsExactlyInAnyOrder("accuracy", "precision", "recall", "f1", "roc_auc");
    }

    @Test
    void shouldKeepCountsApartWhenTwoInstancesUseTwoRegistries() {
        SimpleMeterRegistry a = new SimpleMeterRegistry();
        SimpleMeterRegistry b = new SimpleMeterRegistry();
        DriftMetrics first = new DriftMetrics(a, 10);
        new DriftMetrics(b, 10);
        first.registerModels(List.of("m1"));
        first.eventAccepted("m1");

        assertThat(a.get(DriftMetrics.EVENTS).tag("model", "m1").counter().count())
                .isEqualTo(1.0);
        assertThat(b.find(DriftMetrics.EVENTS).counters()).isEmpty();

        InputMetrics inputA = new InputMetrics(a);
        InputMetrics inputB = new InputMetrics(b);
        inputA.recordDeadLetter("inference.events", RejectReason.UNKNOWN_MODEL);
        inputB.register("inference.events");
        assertThat(b.get(InputMetrics.DEAD_LETTERS)
                        .tag("reason", RejectReason.UNKNOWN_MODEL.label())
                        .counter()
                        .count())
                .isZero();
        new AlertMetrics(a);
        new AlertMetrics(b);
        assertThat(a.find(AlertMetrics.FIRING).gauges())
                .hasSameSizeAs(b.find(AlertMetrics.FIRING).gauges());
    }

    @Test
    void shouldRefuseRecordingWhenNotBound() {
        assertThatThrownBy(() -> new DriftMetrics(10).eventAccepted("m1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not bound");
        assertThatThrownBy(() -> new InputMetrics().recordValid("t")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new DriftMetrics(new SimpleMeterRegistry(), 1).bindTo(new SimpleMeterRegistry()))
                .hasMessageContaining("another registry");
    }

    private static DriftReport judgedWithEmbeddings(List<EmbeddingVerdict> embeddings) {
        DriftReport.FeatureResult untested = new DriftReport.FeatureResult(
                "prediction",
                FeatureKind.CATEGORICAL,
                "chi-square",
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "js",
                FeatureVerdict.UNTESTED,
                0.0,
                Double.NaN,
                "no predictions");
        return new DriftReport(
                "m1",
                "d",
                ReportStatus.JUDGED,
                "import:r",
                Map.of(),
                "w",
                0,
                60_000,
                500,
                List.of(),
                untested,
                untested,
                false,
                0,
                false,
                0,
                0,
                new DriftReport.OutlierResult(0, 0, Double.NaN, 0.001, Double.NaN, false),
                new DriftReport.PerformanceResult(0, 0, Double.NaN, Double.NaN, Double.NaN, false, false),
                null,
                null,
                embeddings);
    }

    private static EmbeddingVerdict embedding(String feature, boolean tested, double ksP, double meanP) {
        return new EmbeddingVerdict(
                feature, 128, tested, 500, 1, ksP, 0.42, meanP, meanP < 0.0005, true, List.of(), "drifted");
    }

    @Test
    void shouldExportAVectorFeaturesMeanShiftAndSmallerPValueUnderMethodRandomProjections() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriftMetrics metrics = new DriftMetrics(registry, 2);
        metrics.registerModels(List.of("m1"));

        metrics.windowClosed(
                "m1",
                judgedWithEmbeddings(List.of(
                        embedding("emb", true, 0.03, 1e-6),
                        embedding("title", true, 1e-4, 0.2),
                        embedding("untested", false, Double.NaN, Double.NaN),
                        embedding("over-cap", true, 0.01, 0.01))));

        assertThat(registry.get(DriftMetrics.SCORE)
                        .tags("model", "m1", "feature", "emb", "method", "random-projections")
                        .gauge()
                        .value())
                .isEqualTo(0.42);
        assertThat(registry.get(DriftMetrics.PVALUE)
                        .tags("model", "m1", "feature", "emb", "method", "random-projections")
                        .gauge()
                        .value())
                .as("the smaller of the KS and mean tests' corrected p-values")
                .isEqualTo(1e-6);
        assertThat(registry.get(DriftMetrics.PVALUE)
                        .tags("model", "m1", "feature", "title", "method", "random-projections")
                        .gauge()
                        .value())
                .isEqualTo(1e-4);
        assertThat(registry.find(DriftMetrics.SCORE).tag("feature", "untested").gauge())
                .as("an untested vector feature exports nothing")
                .isNull();
        assertThat(registry.find(DriftMetrics.SCORE).tag("feature", "over-cap").gauge())
                .as("vector features count against the per-model label cap (2 here)")
                .isNull();
    }
}
