package dev.lazaret.detectors.outlier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the fixtures written by {@code golden/generate_outlier_golden.py}: "key token token ..." lines, # comments. */
public final class GoldenFile {
    private final List<String[]> lines;

    private GoldenFile(List<String[]> lines) {
        this.lines = lines;
    }

    public static GoldenFile load(String name) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            List<String[]> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.trim().split(" "));
                }
            }
            return new GoldenFile(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String[]> all(String key) {
        return lines.stream().filter(l -> l[0].equals(key)).toList();
    }

    public String[] one(String key) {
        List<String[]> found = all(key);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one '" + key + "' line, found " + found.size());
        }
        return found.get(0);
    }

    public static double[] vector(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    public static double[][] matrix(String csv, int columns) {
        double[] flat = vector(csv);
        double[][] rows = new double[flat.length / columns][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return rows;
    }
}
