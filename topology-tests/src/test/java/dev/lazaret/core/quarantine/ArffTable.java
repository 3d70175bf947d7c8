package dev.lazaret.core.quarantine;

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

/**
 * A table read from a Weka ARFF file: numeric and nominal attributes, {@code ?} as missing (kept as a JSON null), the
 * last attribute as the class. Enough of the format for the UCI tables the {@code weka} Debian package ships.
 */
record ArffTable(String name, List<String> features, List<Boolean> numeric, List<Row> rows) {

    /** One row: feature values by name (Double, String or null) and its class label. */
    record Row(Map<String, Object> features, String label) {}

    static ArffTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> names = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        boolean data = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("%")) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (!data && lower.startsWith("@attribute")) {
                List<String> head = tokens(line.substring("@attribute".length()).strip(), ' ', 2);
                names.add(head.get(0));
                String type = head.get(1).strip().toLowerCase(Locale.ROOT);
                numeric.add(type.startsWith("numeric") || type.startsWith("real") || type.startsWith("integer"));
            } else if (lower.startsWith("@data")) {
                data = true;
            } else if (data) {
                List<String> values = tokens(line, ',', Integer.MAX_VALUE);
                if (values.size() != names.size()) {
                    throw new IllegalStateException(
                            file + ": row with " + values.size() + " values, expected " + names.size() + ": " + line);
                }
                Map<String, Object> features = new LinkedHashMap<>();
                for (int i = 0; i < names.size() - 1; i++) {
                    String v = values.get(i);
                    features.put(names.get(i), v.equals("?") ? null : numeric.get(i) ? Double.valueOf(v) : v);
                }
                rows.add(new Row(features, values.get(names.size() - 1)));
            }
        }
        String name = file.getFileName().toString().replace(".arff", "");
        return new ArffTable(
                name,
                List.copyOf(names.subList(0, names.size() - 1)),
                List.copyOf(numeric.subList(0, numeric.size() - 1)),
                List.copyOf(rows));
    }

    /**
     * A table of numbers read from a CSV file with a header row (as {@code python3-statsmodels} ships its datasets):
     * every column a numeric feature except {@code labelColumn}, whose value {@code label} turns into the class.
     */
    static ArffTable readCsv(Path file, String labelColumn, java.util.function.DoubleFunction<String> label) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = tokens(lines.get(0), ',', Integer.MAX_VALUE);
        int labelAt = header.indexOf(labelColumn);
        if (labelAt < 0) {
            throw new IllegalArgumentException(file + " has no column " + labelColumn + ": " + header);
        }
        List<String> names = new ArrayList<>(header);
        names.remove(labelAt);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> values = tokens(line, ',', Integer.MAX_VALUE);
            if (values.size() != header.size()) {
                throw new IllegalStateException(
                        file + ": row with " + values.size() + " values, expected " + header.size() + ": " + line);
            }
            Map<String, Object> features = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != labelAt) {
                    features.put(header.get(i), Double.valueOf(values.get(i)));
                }
            }
            rows.add(new Row(features, label.apply(Double.parseDouble(values.get(labelAt)))));
        }
        String name = file.getFileName().toString().replace(".csv", "");
        return new ArffTable(
                name, List.copyOf(names), java.util.Collections.nCopies(names.size(), true), List.copyOf(rows));
    }

    /** Splits on {@code separator} outside single or double quotes, unquoting; at most {@code limit} pieces. */
    private static List<String> tokens(String line, char separator, int limit) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < line.length()) {
                    current.append(line.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if ((c == '\'' || c == '"') && current.toString().isBlank()) {
                quote = c;
                quoted = true;
                current.setLength(0);
            } else if (c == separator && out.size() < limit - 1) {
                out.add(quoted ? current.toString() : current.toString().strip());
                current.setLength(0);
                quoted = false;
            } else {
                current.append(c);
            }
        }
        out.add(quoted ? current.toString() : current.toString().strip());
        return out;
    }

    /** This table with another's rows appended (same attributes), under a new name. */
    ArffTable concat(String newName, ArffTable other) {
        if (!features.equals(other.features)) {
            throw new IllegalArgumentException(other.name + " has other attributes than " + name);
        }
        List<Row> all = new ArrayList<>(rows);
        all.addAll(other.rows);
        return new ArffTable(newName, features, numeric, List.copyOf(all));
    }

    List<String> numericFeatures() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (numeric.get(i)) {
                out.add(features.get(i));
            }
        }
        return out;
    }
}
