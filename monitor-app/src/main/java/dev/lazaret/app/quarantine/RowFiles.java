package dev.lazaret.app.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.core.parse.JsonScalars;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads rows from CSV (a header line; numbers become numbers, {@code true}/{@code false} booleans, empty cells null;
 * no quoted commas) or JSONL (one object per line: either {@code {"features":{...},"label":...}} or a flat object whose
 * label column is named). Streams the file: nothing is held in memory.
 */
final class RowFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RowFiles() {}

    static void forEach(Path file, String labelColumn, Consumer<ReferenceBuilder.Row> consumer) {
        boolean jsonl = file.getFileName().toString().endsWith(".jsonl")
                || file.getFileName().toString().endsWith(".ndjson");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (jsonl) {
                jsonl(file, reader, labelColumn, consumer);
            } else {
                csv(file, reader, labelColumn, consumer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void csv(Path file, BufferedReader reader, String labelColumn, Consumer<ReferenceBuilder.Row> out)
            throws IOException {
        String header = reader.readLine();
        if (header == null) {
            throw new IllegalArgumentException(file + " is empty");
        }
        String[] names = header.split(",", -1);
        int labelAt = -1;
        for (int i = 0; i < names.length; i++) {
            names[i] = names[i].trim();
            if (names[i].equals(labelColumn)) {
                labelAt = i;
            }
        }
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != names.length) {
                throw new IllegalArgumentException(
                        String.format("%s line %d: %d cells, header has %d", file, lineNo, cells.length, names.length));
            }
            Map<String, Object> features = new LinkedHashMap<>();
            Object label = null;
            for (int i = 0; i < cells.length; i++) {
                Object value = cell(cells[i].trim());
                if (i == labelAt) {
                    label = value;
                } else {
                    features.put(names[i], value);
                }
            }
            out.accept(new ReferenceBuilder.Row(features, label));
        }
    }

    private static Object cell(String s) {
        if (s.isEmpty()) {
            return null;
        }
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // a string
        }
        return s;
    }

    private static void jsonl(Path file, BufferedReader reader, String labelColumn, Consumer<ReferenceBuilder.Row> out)
            throws IOException {
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": not JSON");
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": not a JSON object");
            }
            JsonNode features = node.has("features") && node.get("features").isObject() ? node.get("features") : node;
            Map<String, Object> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = features.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (features == node && e.getKey().equals(labelColumn)) {
                    continue;
                }
                values.put(e.getKey(), scalar(file, lineNo, e.getKey(), e.getValue()));
            }
            out.accept(new ReferenceBuilder.Row(values, scalar(file, lineNo, labelColumn, node.get(labelColumn))));
        }
    }

    private static Object scalar(Path file, int line, String field, JsonNode v) {
        if (!JsonScalars.isScalarOrNull(v)) {
            throw new IllegalArgumentException(
                    file + " line " + line + ": field '" + field + "' must be a number, string, boolean or null");
        }
        return JsonScalars.value(v);
    }
}
