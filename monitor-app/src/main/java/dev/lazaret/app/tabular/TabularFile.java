package dev.lazaret.app.tabular;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.parse.JsonScalars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one reader of CSV (RFC 4180 quoting, first line is the header) and JSONL (one JSON object per line) data files,
 * for {@code compare}, {@code submit} and {@code reference import}. Streams row by row, so files of any size pass in
 * constant memory; a leading UTF-8 BOM is skipped. CSV cells stay strings (empty cells are null); JSONL values keep
 * their JSON types. Any malformed line stops the read with a {@link TabularFormatException} saying {@code file:line:
 * reason}.
 */
public final class TabularFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two formats. */
    public enum Format {
        CSV,
        JSONL
    }

    private final Path path;
    private final Format format;
    private final String objectField;
    private final boolean vectors;

    private TabularFile(Path path, Format format, String objectField) {
        this(path, format, objectField, false);
    }

    private TabularFile(Path path, Format format, String objectField, boolean vectors) {
        this.path = path;
        this.format = format;
        this.objectField = objectField;
        this.vectors = vectors;
    }

    /** Picks the format from the extension: {@code .csv}, or {@code .jsonl}/{@code .ndjson}/{@code .json}. */
    public static TabularFile of(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new TabularFile(path, Format.CSV, null);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return new TabularFile(path, Format.JSONL, null);
        }
        throw new TabularFormatException(path
                + ": unknown file type; use a .csv file with a header line or a .jsonl file (one object per line)");
    }

    /**
     * The same file, but in JSONL a field named {@code name} may hold an object of scalars (the contract's nested
     * {@code {"features":{...}}} form); its row value is then a {@code Map<String, Object>}.
     */
    public TabularFile allowingObjectField(String name) {
        return new TabularFile(path, format, name, vectors);
    }

    /**
     * The same file, but in JSONL a value may be an array of numbers (a vector feature, {@link
     * JsonScalars#vector}); its row value is then a {@link FeatureVector}. {@code reference import} and {@code submit} read vectors;
     * {@code compare} does not.
     */
    public TabularFile allowingVectors() {
        return new TabularFile(path, format, objectField, true);
    }

    public Path path() {
        return path;
    }

    public Format format() {
        return format;
    }

    /**
     * The columns a reader can expect: the CSV header, or the keys of the first JSONL object (JSONL has no header),
     * with the line they were read from; no names for a JSONL file without rows.
     */
    public Header header() {
        if (!Files.isRegularFile(path)) {
            throw new TabularFormatException(path + ": no such file");
        }
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            if (format == Format.CSV) {
                return new Header(1, csvHeader(reader.readLine()));
            }
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    return new Header(
                            number, List.copyOf(jsonObject(line, number).keySet()));
                }
            }
            return new Header(number, List.of());
        } catch (IOException e) {
            throw new TabularFormatException(path + ": cannot read: " + e.getMessage());
        }
    }

    /** Column names and the 1-based line they come from. */
    public record Header(int line, List<String> columns) {}

    /**
     * Calls {@code row} for every data row with its 1-based line number.
     *
     * @throws TabularFormatException on the first malformed line
     */
    public void forEachRow(RowConsumer row) {
        if (!Files.isRegularFile(path)) {
            throw new TabularFormatException(path + ": no such file");
        }
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            if (format == Format.CSV) {
                readCsv(reader, row);
            } else {
                readJsonl(reader, row);
            }
        } catch (IOException e) {
            throw new TabularFormatException(path + ": cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new TabularFormatException(
                    path + ": cannot read: " + e.getCause().getMessage());
        }
    }

    /** Reads every row into memory; for tests and small files. */
    public List<Map<String, Object>> readAll() {
        List<Map<String, Object>> rows = new ArrayList<>();
        forEachRow((line, values) -> rows.add(values));
        return rows;
    }

    private void readCsv(BufferedReader reader, RowConsumer row) throws IOException {
        List<String> header = csvHeader(reader.readLine());
        String line;
        int number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = CsvLine.split(line, path, number);
            if (cells.size() != header.size()) {
                throw new TabularFormatException(String.format(
                        "%s:%d: %d fields, but the header has %d columns", path, number, cells.size(), header.size()));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String cell = cells.get(i);
                values.put(header.get(i), cell.isEmpty() ? null : cell);
            }
            row.accept(number, values);
        }
    }

    private List<String> csvHeader(String headerLine) {
        if (headerLine == null) {
            throw new TabularFormatException(path + ": empty file; the first line must name the columns");
        }
        List<String> header = CsvLine.split(stripBom(headerLine), path, 1);
        for (String column : header) {
            if (column.isBlank()) {
                throw new TabularFormatException(path + ":1: empty column name in the header");
            }
        }
        return header;
    }

    private void readJsonl(BufferedReader reader, RowConsumer row) throws IOException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                row.accept(number, jsonObject(line, number));
            }
        }
    }

    private Map<String, Object> jsonObject(String line, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(number == 1 ? stripBom(line) : line);
        } catch (JsonProcessingException e) {
            throw new TabularFormatException(
                    String.format("%s:%d: not valid JSON: %s", path, number, e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new TabularFormatException(String.format("%s:%d: each line must be a JSON object", path, number));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals(objectField) && value.isObject()) {
                Map<String, Object> nested = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> inner : value.properties()) {
                    nested.put(inner.getKey(), scalar(inner.getValue(), name + "." + inner.getKey(), number));
                }
                values.put(name, nested);
            } else {
                values.put(name, scalar(value, name, number));
            }
        }
        return values;
    }

    private Object scalar(JsonNode node, String field, int line) {
        if (vectors && node.isArray()) {
            try {
                return JsonScalars.vector(field, node);
            } catch (IllegalArgumentException e) {
                throw new TabularFormatException(String.format("%s:%d: %s", path, line, e.getMessage()));
            }
        }
        if (!JsonScalars.isScalarOrNull(node)) {
            throw new TabularFormatException(String.format(
                    "%s:%d: field '%s' must be a string, number, boolean or null, was %s",
                    path, line, field, node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return JsonScalars.value(node);
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** Receives one row. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(int lineNumber, Map<String, Object> values);
    }

    /** For callers that do not need line numbers. */
    public void forEach(Consumer<Map<String, Object>> consumer) {
        forEachRow((line, values) -> consumer.accept(values));
    }
}
