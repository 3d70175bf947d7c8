package dev.lazaret.core.quarantine;

import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes test rows as the files a producer would submit: CSV with a header, or JSONL. Labels are written as {@code L0}
 * and {@code L1}, so that both formats read them as the same strings (a bare {@code 1} in CSV reads as a number).
 */
final class DataFiles {
    private DataFiles() {}

    static Path csv(Path file, List<TrainingRecord> rows) {
        List<String> names = new ArrayList<>(rows.get(0).features().keySet());
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", names) + ",label");
        for (TrainingRecord r : rows) {
            List<String> cells = new ArrayList<>();
            names.forEach(n -> cells.add(String.valueOf(r.features().get(n))));
            cells.add("L" + r.label());
            lines.add(String.join(",", cells));
        }
        return write(file, lines);
    }

    static Path jsonl(Path file, List<TrainingRecord> rows) {
        List<String> lines = new ArrayList<>();
        for (TrainingRecord r : rows) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("features", r.features());
            line.put("label", "L" + r.label());
            try {
                lines.add(JsonSerde.writer().writeValueAsString(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return write(file, lines);
    }

    private static Path write(Path file, List<String> lines) {
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
