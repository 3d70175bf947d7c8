package dev.lazaret.detectors.poisoning;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Count, sum and sum of squares of each numeric feature, per label and overall. Size: labels (capped) x numeric
 * features. Plain sums are enough here: the values compared are means and a standard deviation of features that are
 * typically O(1), and sums merge exactly up to rounding.
 */
final class ClassMoments {
    private final int maxLabels;
    private final TreeMap<String, TreeMap<String, double[]>> byLabel = new TreeMap<>();
    private final TreeMap<String, double[]> overall = new TreeMap<>();

    ClassMoments(int maxLabels) {
        this.maxLabels = maxLabels;
    }

    void add(Set<String> numericFeatures, LabeledRow row) {
        String label =
                byLabel.containsKey(row.label()) || byLabel.size() < maxLabels ? row.label() : CappedCounter.OTHER;
        TreeMap<String, double[]> mine = byLabel.computeIfAbsent(label, l -> new TreeMap<>());
        for (String f : numericFeatures) {
            if (row.features().get(f) instanceof Number n && Double.isFinite(n.doubleValue())) {
                double x = n.doubleValue();
                accumulate(mine.computeIfAbsent(f, k -> new double[3]), 1, x, x * x);
                accumulate(overall.computeIfAbsent(f, k -> new double[3]), 1, x, x * x);
            }
        }
    }

    private static void accumulate(double[] m, double n, double sum, double sumSq) {
        m[0] += n;
        m[1] += sum;
        m[2] += sumSq;
    }

    /** {n, sum, sumSq} per feature for one label, or an empty map. */
    Map<String, double[]> forLabel(String label) {
        return Collections.unmodifiableMap(byLabel.getOrDefault(label, new TreeMap<>()));
    }

    Set<String> labels() {
        return Collections.unmodifiableSet(byLabel.keySet());
    }

    /** {mean, std} per feature over all labels; features with a zero or undefined spread are left out. */
    Map<String, double[]> meanStd() {
        TreeMap<String, double[]> out = new TreeMap<>();
        overall.forEach((f, m) -> {
            if (m[0] >= 2) {
                double mean = m[1] / m[0];
                double var = Math.max(0, (m[2] - m[0] * mean * mean) / (m[0] - 1));
                if (var > 0) {
                    out.put(f, new double[] {mean, Math.sqrt(var)});
                }
            }
        });
        return out;
    }

    void merge(ClassMoments other) {
        other.byLabel.forEach((l, feats) -> {
            String label = byLabel.containsKey(l) || byLabel.size() < maxLabels ? l : CappedCounter.OTHER;
            TreeMap<String, double[]> mine = byLabel.computeIfAbsent(label, k -> new TreeMap<>());
            feats.forEach((f, m) -> accumulate(mine.computeIfAbsent(f, k -> new double[3]), m[0], m[1], m[2]));
        });
        other.overall.forEach((f, m) -> accumulate(overall.computeIfAbsent(f, k -> new double[3]), m[0], m[1], m[2]));
    }

    void write(StateWriter w) {
        w.writeInt(byLabel.size());
        byLabel.forEach((l, feats) -> {
            w.writeString(l);
            writeFeatures(w, feats);
        });
        writeFeatures(w, overall);
    }

    private static void writeFeatures(StateWriter w, Map<String, double[]> feats) {
        w.writeInt(feats.size());
        feats.forEach(
                (f, m) -> w.writeString(f).writeDouble(m[0]).writeDouble(m[1]).writeDouble(m[2]));
    }

    static ClassMoments read(StateReader r, int maxLabels) {
        ClassMoments c = new ClassMoments(maxLabels);
        int nl = r.readCount(maxLabels + 1);
        for (int i = 0; i < nl; i++) {
            String label = r.readString();
            c.byLabel.put(label, readFeatures(r));
        }
        c.overall.putAll(readFeatures(r));
        return c;
    }

    private static TreeMap<String, double[]> readFeatures(StateReader r) {
        TreeMap<String, double[]> feats = new TreeMap<>();
        int n = r.readCount(1 << 20);
        for (int i = 0; i < n; i++) {
            feats.put(r.readString(), new double[] {r.readDouble(), r.readDouble(), r.readDouble()});
        }
        return feats;
    }
}
