package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.alerts.Alert;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.core.alerts.AlertStatus;
import dev.lazaret.core.alerts.Severity;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.detectors.multivariate.MultivariateVerdict;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The enums of reports and alerts must keep the JSON forms consumers already parse. */
class WireFormTest {
    private static JsonNode json(Object value) throws Exception {
        return JsonSerde.reader().readTree(JsonSerde.writer().writeValueAsBytes(value));
    }

    @Test
    void shouldWriteLowerCaseStatusAndVerdictWhenSerializingReport() throws Exception {
        DriftReport.FeatureResult f = new DriftReport.FeatureResult(
                "amount",
                FeatureKind.NUMERIC,
                "ks-sketch",
                0.5,
                0.01,
                0.02,
                0.3,
                "ks",
                FeatureVerdict.DRIFTED,
                0.0,
                Double.NaN,
                "moved");
        DriftReport report = new DriftReport(
                "m",
                "d",
                ReportStatus.TOO_FEW,
                "",
                Map.of(),
                "w",
                0,
                1,
                3,
                List.of(f),
                f,
                f,
                false,
                Double.NaN,
                false,
                Double.NaN,
                Double.NaN,
                null,
                null,
                new DriftReport.MultivariateResult(
                        "judged", List.of("a", "b"), MultivariateVerdict.untested(2, 1, 3, 0, "insufficient data"), ""),
                null,
                null);

        JsonNode node = json(report);

        assertThat(node.get("status").asText()).isEqualTo("too_few");
        assertThat(node.get("features").get(0).get("verdict").asText()).isEqualTo("drifted");
        assertThat(node.get("features").get(0).get("kind").asText()).isEqualTo("NUMERIC");
        DriftReport back = JsonSerde.reader().treeToValue(node, DriftReport.class);
        assertThat(back.status()).isEqualTo(ReportStatus.TOO_FEW);
        assertThat(back.features().get(0).verdict()).isEqualTo(FeatureVerdict.DRIFTED);
        assertThat(node.get("multivariate")
                        .get("verdict")
                        .get("incomplete_rows")
                        .asLong())
                .isZero();
        assertThat(node.get("multivariate").get("verdict").has("p_value")).isFalse();
        assertThat(back.multivariate().verdict().reason()).isEqualTo("insufficient data");
    }

    @Test
    void shouldWriteUpperCaseStatusWhenSerializingAlert() throws Exception {
        Alert alert = new Alert(
                "id",
                AlertKind.OUTLIER_SURGE,
                AlertStatus.RESOLVED,
                Severity.CRITICAL,
                "model",
                "m",
                null,
                "x",
                1,
                2,
                "w",
                0,
                1,
                "e",
                0,
                "u");

        JsonNode node = json(alert);

        assertThat(node.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(node.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(node.get("kind").asText()).isEqualTo("OUTLIER_SURGE");
    }

    @Test
    void shouldUseWireFormsAsMetricTagsWhenStatusesAreListed() {
        assertThat(List.of(ReportStatus.values()))
                .extracting(ReportStatus::wire)
                .containsExactly("judged", "no_reference", "too_few");
        assertThat(FeatureVerdict.UNTESTED.tested()).isFalse();
        assertThat(FeatureVerdict.STABLE.tested()).isTrue();
    }
}
