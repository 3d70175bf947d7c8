package dev.lazaret.app.quarantine;

import dev.lazaret.app.tabular.TabularFile;
import dev.lazaret.app.tabular.TabularFormatException;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a data file into training rows for {@code submit} and {@code reference import}, reading it through
 * {@link TabularFile}. CSV cells are typed the way JSON would be (numbers become numbers, {@code true}/{@code false}
 * booleans, empty cells null); JSONL lines are either {@code {"features":{...},"label":...}} or a flat object with a
 * label column.
 */
final class RowFiles {
    private static final String FEATURES = "features";

    private RowFiles() {}

    /**
     * Streams every row of {@code file} to {@code consumer}.
     *
     * @throws TabularFormatException if the file is malformed or has no column {@code labelColumn}
     */
    static void forEach(Path file, String labelColumn, Consumer<ReferenceBuilder.Row> consumer) {
        forEach(TabularFile.of(file).allowingObjectField(FEATURES), labelColumn, consumer);
    }

    /** As {@link #forEach(Path, String, Consumer)}, with JSONL arrays of numbers read as vector features. */
    static void forEachWithVectors(Path file, String labelColumn, Consumer<ReferenceBuilder.Row> consumer) {
        forEach(TabularFile.of(file).allowingObjectField(FEATURES).allowingVectors(), labelColumn, consumer);
    }

    private static void forEach(TabularFile tabular, String labelColumn, Consumer<ReferenceBuilder.Row> consumer) {
        requireLabelColumn(tabular, labelColumn);
        boolean csv = tabular.format() == TabularFile.Format.CSV;
        tabular.forEachRow((line, values) -> {
            Object label = values.get(labelColumn);
            Map<String, Object> features = new LinkedHashMap<>();
            if (values.get(FEATURES) instanceof Map<?, ?> nested) {
                nested.forEach((name, value) -> features.put((String) name, value));
            } else {
                values.forEach((name, value) -> {
                    if (!name.equals(labelColumn)) {
                        features.put(name, csv ? typed(value) : value);
                    }
                });
            }
            consumer.accept(new ReferenceBuilder.Row(features, csv ? typed(label) : label));
        });
    }

    // Checked before the first row is read, so submit never sends a batch whose labels all went missing.
    private static void requireLabelColumn(TabularFile file, String labelColumn) {
        TabularFile.Header header = file.header();
        if (!header.columns().contains(labelColumn)) {
            throw new TabularFormatException(String.format(
                    "%s:%d: no column '%s' (--label-column); columns present: %s",
                    file.path(),
                    header.line(),
                    labelColumn,
                    header.columns().isEmpty() ? "none" : String.join(", ", header.columns())));
        }
    }

    private static Object typed(Object cell) {
        if (!(cell instanceof String s)) {
            return cell;
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
            // not a number: the cell stays a string
        }
        return s;
    }
}
