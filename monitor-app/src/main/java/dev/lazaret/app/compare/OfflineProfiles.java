package dev.lazaret.app.compare;

import dev.lazaret.app.tabular.TabularFile;
import dev.lazaret.app.tabular.TabularFormatException;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.HashMap;
import java.util.Map;

/** Profiles a data file with fixed column kinds, converting CSV strings to the kind's type. */
final class OfflineProfiles {
    private OfflineProfiles() {}

    static DatasetProfile profile(TabularFile file, Map<String, FeatureKind> kinds, String label, RawSamples samples) {
        DatasetProfile profile = DatasetProfile.create();
        kinds.forEach(profile::declare);
        file.forEachRow((line, row) -> {
            Map<String, Object> values = new HashMap<>();
            kinds.forEach((column, kind) -> {
                Object value = convert(file, line, column, row.get(column), kind);
                values.put(column, value);
                if (value instanceof Double number) {
                    samples.add(column, number);
                }
            });
            profile.update(values, label == null ? null : row.get(label));
        });
        return profile;
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
