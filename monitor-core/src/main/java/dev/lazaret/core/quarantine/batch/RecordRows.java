package dev.lazaret.core.quarantine.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.core.parse.JsonScalars;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a stored canonical record back into the values the detectors take, with the parse step's own mapping ({@link
 * JsonScalars}): numbers as doubles, strings, booleans, null, and arrays as vector features ({@code FeatureVector}).
 * Stored records passed the parse step, so every value is one of these.
 */
final class RecordRows {
    private RecordRows() {}

    /** A stored record: its dataset and its row. */
    record Stored(String dataset, ReferenceBuilder.Row row) {}

    static Stored read(byte[] canonical) {
        JsonNode node;
        try {
            node = JsonSerde.reader().readTree(canonical);
        } catch (IOException e) {
            throw new UncheckedIOException("stored record is not JSON", e);
        }
        Map<String, Object> features = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.get("features").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            features.put(
                    f.getKey(),
                    f.getValue().isArray()
                            ? JsonScalars.vector(f.getKey(), f.getValue())
                            : JsonScalars.value(f.getValue()));
        }
        return new Stored(
                node.get("dataset").asText(), new ReferenceBuilder.Row(features, JsonScalars.value(node.get("label"))));
    }
}
