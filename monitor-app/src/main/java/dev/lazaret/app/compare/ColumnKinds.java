package dev.lazaret.app.compare;

import dev.lazaret.app.tabular.TabularFile;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether each column is numeric or categorical: numeric when every non-empty value in both files is a
 * number (or a string that parses as a finite or non-finite double), categorical otherwise. Forced kinds win.
 */
final class ColumnKinds {
    private ColumnKinds() {}

    static Map<String, FeatureKind> infer(
            Collection<TabularFile> files, Set<String> forcedNumeric, Set<String> forcedCategorical, String label) {
        Map<String, Boolean> allNumeric = new TreeMap<>();
        for (TabularFile file : files) {
            file.forEach(row -> row.forEach((column, value) -> {
                if (value == null) {
                    allNumeric.putIfAbsent(column, Boolean.TRUE);
                    return;
                }
                allNumeric.merge(column, isNumber(value), Boolean::logicalAnd);
            }));
        }
        Map<String, FeatureKind> kinds = new LinkedHashMap<>();
        allNumeric.forEach((column, numeric) -> {
            if (column.equals(label)) {
                return;
            }
            FeatureKind kind = numeric ? FeatureKind.NUMERIC : FeatureKind.CATEGORICAL;
            if (forcedNumeric.contains(column)) {
                kind = FeatureKind.NUMERIC;
            } else if (forcedCategorical.contains(column)) {
                kind = FeatureKind.CATEGORICAL;
            }
            kinds.put(column, kind);
        });
        return kinds;
    }

    static boolean isNumber(Object value) {
        if (value instanceof Number) {
            return true;
        }
        if (value instanceof String text) {
            return parse(text) != null;
        }
        return false;
    }

    /** The number a cell holds, or null when it is not one. */
    static Double parse(String text) {
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
