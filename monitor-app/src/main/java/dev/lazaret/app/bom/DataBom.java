package dev.lazaret.app.bom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lazaret.app.verdicts.RecordedVerdict;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Writes the CycloneDX 1.6 JSON bill of materials of a dataset's approved data.
 *
 * <p>{@code metadata.component} is the dataset; each approved batch is a component of type {@code data} named by its
 * batch id, with the SHA-256 content hash its manifest signed, and the pinned reference is one more {@code data}
 * component. Lazaret's own facts (source, signer, verdict) are {@code lazaret:*} properties, as CycloneDX asks for
 * anything its schema has no field for. Members are written in a fixed order and batches sorted by id, so the output
 * depends only on the input and the {@link BomHeader}.
 */
public final class DataBom {
    /** The CycloneDX version written. */
    public static final String SPEC_VERSION = "1.6";

    private static final ObjectMapper WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DataBom() {}

    /** The BOM as UTF-8 JSON text, ending with a line feed. */
    public static byte[] toJson(ApprovedData data, Optional<ReferenceSummary> reference, BomHeader header) {
        try {
            return (WRITER.writeValueAsString(build(data, reference, header)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The BOM as a JSON tree. */
    public static ObjectNode build(ApprovedData data, Optional<ReferenceSummary> reference, BomHeader header) {
        ObjectNode bom = JSON.objectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", SPEC_VERSION);
        bom.put("serialNumber", "urn:uuid:" + header.serialNumber());
        bom.put("version", 1);
        bom.set("metadata", metadata(data, reference, header));
        ArrayNode components = bom.putArray("components");
        data.approved().forEach(b -> components.add(batch(data.dataset(), b)));
        reference.ifPresent(r -> components.add(reference(data.dataset(), r)));
        return bom;
    }

    private static ObjectNode metadata(ApprovedData data, Optional<ReferenceSummary> reference, BomHeader header) {
        ObjectNode metadata = JSON.objectNode();
        metadata.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(header.timestamp()));
        ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("name", "lazaret");
        tool.put("version", header.toolVersion());
        ObjectNode dataset = metadata.putObject("component");
        dataset.put("type", "data");
        dataset.put("bom-ref", "dataset:" + data.dataset());
        dataset.put("name", data.dataset());
        ObjectNode content = dataset.putArray("data").addObject();
        content.put("type", "dataset");
        content.put("name", data.dataset());
        content.put(
                "description",
                "Training data of dataset " + data.dataset() + " approved by Lazaret's quarantine: "
                        + data.approved().size() + " batches, " + approvedRecords(data) + " records.");
        ArrayNode properties = metadata.putArray("properties");
        property(properties, "lazaret:dataset", data.dataset());
        property(
                properties,
                "lazaret:approved.batches",
                Integer.toString(data.approved().size()));
        property(properties, "lazaret:approved.records", Long.toString(approvedRecords(data)));
        property(
                properties,
                "lazaret:reference.id",
                reference.map(ReferenceSummary::referenceId).orElse("none"));
        return metadata;
    }

    private static long approvedRecords(ApprovedData data) {
        return data.approved().stream()
                .mapToLong(r -> r.verdict().recordCount())
                .sum();
    }

    /** A training batch as a {@code data} component (bom-ref {@code batch:<id>}); the model BOM lists them too. */
    static ObjectNode batch(String dataset, RecordedVerdict recorded) {
        BatchVerdict v = recorded.verdict();
        ObjectNode c = JSON.objectNode();
        c.put("type", "data");
        c.put("bom-ref", "batch:" + v.batchId());
        c.putObject("supplier").put("name", v.source());
        c.put("name", v.batchId());
        c.put("group", dataset);
        ObjectNode hash = c.putArray("hashes").addObject();
        hash.put("alg", "SHA-256");
        // the hash Lazaret computed over the records it released; approval implies it equals the signed claim
        hash.put("content", v.contentSha256Computed() != null ? v.contentSha256Computed() : v.contentSha256Claimed());
        ObjectNode content = c.putArray("data").addObject();
        content.put("type", "dataset");
        content.put("name", v.batchId());
        content.put("classification", "training");
        content.put(
                "description",
                "Training batch of dataset " + dataset + ": " + v.recordCount() + " records from " + v.source()
                        + ", signed by key " + v.keyId() + ", approved by " + v.decidedBy() + ".");
        ObjectNode owner = JSON.objectNode();
        owner.putObject("organization").put("name", v.source());
        content.putObject("governance").putArray("owners").add(owner);
        ArrayNode properties = c.putArray("properties");
        property(properties, "lazaret:dataset", dataset);
        property(properties, "lazaret:source", v.source());
        property(properties, "lazaret:signer.key_id", v.keyId());
        property(properties, "lazaret:record_count", Long.toString(v.recordCount()));
        property(properties, "lazaret:verdict", v.verdict().name());
        property(properties, "lazaret:verdict.id", recorded.id());
        property(properties, "lazaret:verdict.decided_by", v.decidedBy().name());
        property(
                properties,
                "lazaret:verdict.decided_at",
                Instant.ofEpochMilli(v.verdictMs()).toString());
        if (v.previousVerdict() != null) {
            property(properties, "lazaret:verdict.previous", v.previousVerdict().name());
        }
        if (v.referenceId() != null) {
            property(properties, "lazaret:verdict.reference_id", v.referenceId());
        }
        return c;
    }

    private static ObjectNode reference(String dataset, ReferenceSummary r) {
        ObjectNode c = JSON.objectNode();
        c.put("type", "data");
        c.put("bom-ref", "reference:" + r.referenceId());
        c.put("name", r.referenceId());
        c.put("group", dataset);
        c.put(
                "description",
                "Trusted reference profile of dataset " + dataset + " that every batch is checked against.");
        ObjectNode hash = c.putArray("hashes").addObject();
        hash.put("alg", "SHA-256");
        hash.put("content", r.profileSha256());
        ObjectNode content = c.putArray("data").addObject();
        // a statistical profile, not the data itself
        content.put("type", "other");
        content.put("name", r.referenceId());
        content.put(
                "description",
                "Profile of " + r.records() + " records, " + r.features().size()
                        + " features; sketches omitted, see the profiles topic.");
        ArrayNode properties = c.putArray("properties");
        property(properties, "lazaret:reference.id", r.referenceId());
        property(properties, "lazaret:reference.records", Long.toString(r.records()));
        property(
                properties,
                "lazaret:reference.features",
                Integer.toString(r.features().size()));
        for (ReferenceSummary.Feature f : r.features()) {
            String prefix = "lazaret:reference.feature." + f.name() + ".";
            property(properties, prefix + "kind", f.kind());
            property(properties, prefix + "count", Long.toString(f.count()));
            property(properties, prefix + "null_count", Long.toString(f.nullCount()));
        }
        return c;
    }

    static void property(ArrayNode properties, String name, String value) {
        ObjectNode p = properties.addObject();
        p.put("name", name);
        p.put("value", value);
    }
}
