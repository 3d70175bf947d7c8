package dev.lazaret.app.compare;

import dev.lazaret.app.tabular.TabularFile;
import dev.lazaret.app.tabular.TabularFormatException;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profiles a data file with fixed column kinds, converting CSV strings to the kind's type. */
final class OfflineProfiles {
    private OfflineProfiles() {}

    static DatasetProfile profile(TabularFile file, Map<String, FeatureKind> kinds, String label, RawSamples samples) {
        DatasetProfile profile = DatasetProfile.create();
        kinds.forEach(profile::declare);
        List<String> numeric = numericColumns(kinds);
        file.forEachRow((line, row) -> {
            Map<String, Object> values = new HashMap<>();
            kinds.forEach((column, kind) -> {
                Object value = convert(file, line, column, row.get(column), kind);
                values.put(column, value);
                if (value instanceof Double number) {
                    samples.add(column, number);
                }
            });
            completeRow(numeric, values).ifPresent(samples::addRow);
            profile.update(values, label == null ? null : row.get(label));
        });
        return profile;
    }

    /** The numeric feature columns in a fixed order: the dimensions of the multivariate look. */
    static List<String> numericColumns(Map<String, FeatureKind> kinds) {
        return kinds.entrySet().stream()
                .filter(e -> e.getValue() == FeatureKind.NUMERIC)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static Optional<double[]> completeRow(List<String> numeric, Map<String, Object> values) {
        double[] row = new double[numeric.size()];
        for (int i = 0; i < row.length; i++) {
            if (!(values.get(numeric.get(i)) instanceof Double d) || !Double.isFinite(d)) {
                return Optional.empty();
            }
            row[i] = d;
        }
        return Optional.of(row);
    }

    private static Object convert(TabularFile file, int line, String column, Object value, FeatureKind kind) {
        if (value == null) {
            return null;
        }
        if (kind == FeatureKind.CATEGORICAL) {
            return value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
                    ? Long.toString(d.longValue())
                    : value.toString();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        Double parsed = value instanceof String text ? ColumnKinds.parse(text) : null;
        if (parsed == null) {
            throw new TabularFormatException(
                    String.format("%s:%d: column '%s' is numeric but holds '%s'", file.path(), line, column, value));
        }
        return parsed;
    }
}
