package dev.lazaret.app.tabular;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.core.parse.JsonScalars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a CSV file (first line is the header) or a JSONL file (one JSON object per line) row by row, so files of
 * any size stream through in constant memory. CSV cells stay strings (empty cells are null); JSONL values keep their
 * JSON types. Any malformed line stops the read with a {@link TabularFormatException} naming the file and line.
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

    private TabularFile(Path path, Format format) {
        this.path = path;
        this.format = format;
    }

    /** Picks the format from the extension: {@code .csv}, or {@code .jsonl}/{@code .ndjson}/{@code .json}. */
    public static TabularFile of(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new TabularFile(path, Format.CSV);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return new TabularFile(path, Format.JSONL);
        }
        throw new TabularFormatException(path
                + ": unknown file type; use a .csv file with a header line or a .jsonl file (one object per line)");
    }

    public Path path() {
        return path;
    }

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
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new TabularFormatException(path + ": empty file; the first line must name the columns");
        }
        List<String> header = CsvLine.split(stripBom(headerLine), path, 1);
        for (String column : header) {
            if (column.isBlank()) {
                throw new TabularFormatException(path + ":1: empty column name in the header");
            }
        }
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

    private void readJsonl(BufferedReader reader, RowConsumer row) throws IOException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
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
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.put(field.getKey(), scalar(field.getValue(), field.getKey(), number));
            }
            row.accept(number, values);
        }
    }

    private Object scalar(JsonNode node, String field, int line) {
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
