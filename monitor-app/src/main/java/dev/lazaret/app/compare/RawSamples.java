package dev.lazaret.app.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw values of numeric columns, kept so an offline comparison can run the exact sample tests rather than the
 * sketch approximations a stream must use. Gives up on a column past {@link #MAX_VALUES} values (the sketch
 * result stands for it then), so memory stays bounded.
 */
final class RawSamples {
    static final int MAX_VALUES = 5_000_000;
    /** Complete numeric rows kept for the multivariate look; past this the first rows stand for the file. */
    static final int MAX_ROWS = 200_000;

    private final Map<String, double[]> values = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final List<double[]> rows = new ArrayList<>();

    /** Keeps a row of every numeric feature's value (all finite), up to {@link #MAX_ROWS}. */
    void addRow(double[] row) {
        if (rows.size() < MAX_ROWS) {
            rows.add(row);
        }
    }

    List<double[]> rows() {
        return rows;
    }

    void add(String column, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        int size = sizes.getOrDefault(column, 0);
        if (size < 0) {
            return;
        }
        if (size >= MAX_VALUES) {
            sizes.put(column, -1);
            values.remove(column);
            return;
        }
        double[] array = values.computeIfAbsent(column, c -> new double[1024]);
        if (size == array.length) {
            array = Arrays.copyOf(array, array.length * 2);
            values.put(column, array);
        }
        array[size] = value;
        sizes.put(column, size + 1);
    }

    /** The column's finite values, or null when it overflowed or was never seen. */
    double[] of(String column) {
        Integer size = sizes.get(column);
        if (size == null || size < 0) {
            return null;
        }
        return Arrays.copyOf(values.get(column), size);
    }
}
