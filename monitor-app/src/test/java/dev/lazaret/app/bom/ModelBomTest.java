package dev.lazaret.app.bom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.app.verdicts.RecordedVerdict;
import dev.lazaret.app.verdicts.TestVerdicts;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.models.ModelVerdict;
import dev.lazaret.core.models.ReleaseStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class ModelBomTest {
    private static final BomHeader HEADER = new BomHeader(
            Instant.parse("2026-12-02T10:00:00Z"), UUID.fromString("3e671687-395b-41f5-a30f-a58921a69b79"), "0.1.0");

    private final TestVerdicts verdicts = new TestVerdicts();

    private static ModelVerdict standing(List<String> revoked) {
        return new ModelVerdict(
                "fraud-model",
                "7",
                ReleaseStatus.APPROVED,
                List.of(),
                List.of(
                        new ModelRelease.Artifact("model.onnx", "a".repeat(64)),
                        new ModelRelease.Artifact("vocab.txt", "b".repeat(64))),
                List.of(
                        new ModelRelease.TrainingSet("fraud", List.of("b-1", "b-2")),
                        new ModelRelease.TrainingSet("churn", List.of("c-1"))),
                Map.of("scikit-learn", "1.5.1", "onnxruntime", "1.18.0"),
                "2026-12-02T09:00:00Z",
                "ml-team-2026",
                revoked,
                Instant.parse("2026-12-02T09:00:05Z").toEpochMilli());
    }

    private Map<String, RecordedVerdict> approvals() {
        Map<String, RecordedVerdict> out = new HashMap<>();
        out.put("b-1", verdicts.add("b-1", "fraud", Verdict.APPROVED, "policy", null, TestVerdicts.hash('1')));
        out.put("b-2", verdicts.add("b-2", "fraud", Verdict.APPROVED, "alice", Verdict.HELD, TestVerdicts.hash('2')));
        out.put("c-1", verdicts.add("c-1", "churn", Verdict.APPROVED, "policy", null, TestVerdicts.hash('3')));
        return out;
    }

    private static JsonNode validated(byte[] json) throws Exception {
        assertThat(new JsonParser().validate(json, Version.VERSION_16))
                .as(new String(json, StandardCharsets.UTF_8))
                .isEmpty();
        return new ObjectMapper().readTree(json);
    }

    @Test
    void shouldDescribeTheModelItsArtifactsTrainingBatchesAndFrameworksAsValidCycloneDx16() throws Exception {
        Map<String, RecordedVerdict> approvals = approvals();
        JsonNode bom = validated(ModelBom.toJson(standing(List.of()), approvals, HEADER));

        JsonNode model = bom.get("metadata").get("component");
        assertThat(model.get("type").asText()).isEqualTo("machine-learning-model");
        assertThat(model.get("name").asText()).isEqualTo("fraud-model");
        assertThat(model.get("version").asText()).isEqualTo("7");
        assertThat(model.get("components")
                        .get(0)
                        .get("hashes")
                        .get(0)
                        .get("content")
                        .asText())
                .isEqualTo("a".repeat(64));
        List<String> datasetRefs = new ArrayList<>();
        model.get("modelCard")
                .get("modelParameters")
                .get("datasets")
                .forEach(d -> datasetRefs.add(d.get("ref").asText()));
        assertThat(datasetRefs).containsExactly("batch:b-1", "batch:b-2", "batch:c-1");
        List<String> components = new ArrayList<>();
        bom.get("components")
                .forEach(c -> components.add(
                        c.get("type").asText() + " " + c.get("bom-ref").asText()));
        assertThat(components)
                .containsExactly(
                        "data batch:b-1",
                        "data batch:b-2",
                        "data batch:c-1",
                        "framework framework:onnxruntime",
                        "framework framework:scikit-learn");
        // the data components are the dataset BOM's, built by the same code
        assertThat(bom.get("components").get(1)).isEqualTo(DataBom.batch("fraud", approvals.get("b-2")));
    }

    @Test
    void shouldNameRevokedAndMissingBatches() throws Exception {
        Map<String, RecordedVerdict> approvals = approvals();
        approvals.remove("c-1");
        JsonNode bom = validated(ModelBom.toJson(standing(List.of("b-1")), approvals, HEADER));
        Map<String, String> properties = new HashMap<>();
        bom.get("metadata")
                .get("component")
                .get("properties")
                .forEach(p ->
                        properties.put(p.get("name").asText(), p.get("value").asText()));
        assertThat(properties)
                .containsEntry("lazaret:revoked_batches", "b-1")
                .containsEntry("lazaret:batch.missing", "c-1")
                .containsEntry("lazaret:release.signer.key_id", "ml-team-2026")
                .containsEntry("lazaret:trained_on.datasets", "fraud,churn");
        assertThat(bom.get("components")).hasSize(4);
    }
}
