package dev.lazaret.app.bom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lazaret.app.verdicts.RecordedVerdict;
import dev.lazaret.core.contract.ModelRelease;
import dev.lazaret.core.models.ModelVerdict;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes the CycloneDX 1.6 ML bill of materials of one model version: {@code metadata.component} is the model (type
 * {@code machine-learning-model}) with its artifacts as nested {@code file} components carrying their SHA-256, and a
 * model card naming its training batches; each training batch is a {@code data} component exactly as the dataset BOM
 * writes it ({@link DataBom}); each framework a {@code framework} component. Lazaret's facts (release status, signer,
 * revoked batches) are {@code lazaret:*} properties.
 */
public final class ModelBom {
    private static final ObjectMapper WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ModelBom() {}

    /**
     * The model BOM as UTF-8 JSON text, ending with a line feed.
     *
     * @param standing the version's standing on {@code models.verdicts}
     * @param approvals the verdict that approved each training batch, by batch id (a batch absent here is named in
     *     the model card and a {@code lazaret:batch.missing} property, but has no data component)
     */
    public static byte[] toJson(ModelVerdict standing, Map<String, RecordedVerdict> approvals, BomHeader header) {
        try {
            return (WRITER.writeValueAsString(build(standing, approvals, header)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode build(ModelVerdict standing, Map<String, RecordedVerdict> approvals, BomHeader header) {
        ObjectNode bom = JSON.objectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", DataBom.SPEC_VERSION);
        bom.put("serialNumber", "urn:uuid:" + header.serialNumber());
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        metadata.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(header.timestamp()));
        ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("name", "lazaret");
        tool.put("version", header.toolVersion());
        metadata.set("component", model(standing, approvals));
        ArrayNode components = bom.putArray("components");
        for (ModelRelease.TrainingSet set : standing.trainedOn()) {
            for (String batchId : set.batches()) {
                RecordedVerdict approval = approvals.get(batchId);
                if (approval != null) {
                    components.add(DataBom.batch(set.dataset(), approval));
                }
            }
        }
        standing.frameworks().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(f -> {
                    ObjectNode c = components.addObject();
                    c.put("type", "framework");
                    c.put("bom-ref", "framework:" + f.getKey());
                    c.put("name", f.getKey());
                    c.put("version", f.getValue());
                });
        return bom;
    }

    private static ObjectNode model(ModelVerdict v, Map<String, RecordedVerdict> approvals) {
        ObjectNode model = JSON.objectNode();
        model.put("type", "machine-learning-model");
        model.put("bom-ref", "model:" + v.id());
        model.put("name", v.model());
        model.put("version", v.version());
        ArrayNode files = model.putArray("components");
        for (ModelRelease.Artifact a : v.artifacts()) {
            ObjectNode file = files.addObject();
            file.put("type", "file");
            file.put("bom-ref", "artifact:" + v.id() + "/" + a.name());
            file.put("name", a.name());
            ObjectNode hash = file.putArray("hashes").addObject();
            hash.put("alg", "SHA-256");
            hash.put("content", a.sha256());
        }
        ObjectNode card = model.putObject("modelCard");
        ArrayNode datasets = card.putObject("modelParameters").putArray("datasets");
        List<String> missing = v.trainedOn().stream()
                .flatMap(t -> t.batches().stream())
                .filter(id -> !approvals.containsKey(id))
                .toList();
        v.trainedOn().stream()
                .flatMap(t -> t.batches().stream())
                .filter(approvals::containsKey)
                .forEach(id -> datasets.addObject().put("ref", "batch:" + id));
        ArrayNode properties = model.putArray("properties");
        DataBom.property(properties, "lazaret:release.status", v.status().name());
        DataBom.property(properties, "lazaret:release.signer.key_id", v.keyId());
        DataBom.property(properties, "lazaret:release.created_at", v.createdAt());
        DataBom.property(
                properties,
                "lazaret:release.decided_at",
                Instant.ofEpochMilli(v.verdictMs()).toString());
        DataBom.property(
                properties,
                "lazaret:trained_on.datasets",
                String.join(
                        ",",
                        v.trainedOn().stream()
                                .map(ModelRelease.TrainingSet::dataset)
                                .distinct()
                                .toList()));
        if (!v.reasons().isEmpty()) {
            DataBom.property(properties, "lazaret:release.refused", String.join("; ", v.reasons()));
        }
        if (!v.revokedBatches().isEmpty()) {
            DataBom.property(properties, "lazaret:revoked_batches", String.join(",", v.revokedBatches()));
        }
        if (!missing.isEmpty()) {
            DataBom.property(properties, "lazaret:batch.missing", String.join(",", missing));
        }
        return model;
    }
}
