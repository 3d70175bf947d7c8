package dev.lazaret.app.tabular;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Splits one RFC 4180 line: comma-separated, fields optionally in double quotes with {@code ""} as a quote. */
final class CsvLine {
    private CsvLine() {}

    static List<String> split(String line, Path path, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
            } else if (afterQuote) {
                throw new TabularFormatException(String.format(
                        "%s:%d: unexpected character after a closing quote in field %d",
                        path, lineNumber, fields.size() + 1));
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            // Multi-line quoted fields are not supported: one record per line keeps line numbers meaningful.
            throw new TabularFormatException(
                    String.format("%s:%d: unterminated quote in field %d", path, lineNumber, fields.size() + 1));
        }
        fields.add(field.toString().strip());
        for (int i = 0; i < fields.size() - 1; i++) {
            fields.set(i, fields.get(i).strip());
        }
        return fields;
    }
}
