package dev.lazaret.detectors.poisoning;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Label counts per (feature, bin). Size: features x bins (capped) x labels (capped). */
final class BinLabelTable {
    private final int maxBins;
    private final int maxLabels;
    private final TreeMap<String, TreeMap<String, CappedCounter>> table = new TreeMap<>();

    BinLabelTable(int maxBins, int maxLabels) {
        this.maxBins = maxBins;
        this.maxLabels = maxLabels;
    }

    void add(FeatureBins bins, LabeledRow row) {
        for (Map.Entry<String, Object> e : row.features().entrySet()) {
            String bin = bins.binOf(e.getKey(), e.getValue());
            if (bin != null) {
                add(e.getKey(), bin, row.label(), 1);
            }
        }
    }

    private void add(String feature, String bin, String label, long n) {
        TreeMap<String, CappedCounter> byBin = table.computeIfAbsent(feature, f -> new TreeMap<>());
        String b = byBin.containsKey(bin) || byBin.size() < maxBins ? bin : CappedCounter.OTHER;
        byBin.computeIfAbsent(b, x -> new CappedCounter(maxLabels)).add(label, n);
    }

    /** Bins by feature, then label counts by bin. */
    Map<String, TreeMap<String, CappedCounter>> asMap() {
        return Collections.unmodifiableMap(table);
    }

    CappedCounter counts(String feature, String bin) {
        TreeMap<String, CappedCounter> byBin = table.get(feature);
        CappedCounter c = byBin == null ? null : byBin.get(bin);
        return c == null ? new CappedCounter(maxLabels) : c;
    }

    void merge(BinLabelTable other) {
        other.table.forEach((f, byBin) ->
                byBin.forEach((b, labels) -> labels.asMap().forEach((l, n) -> add(f, b, l, n))));
    }

    void write(StateWriter w) {
        w.writeInt(table.size());
        table.forEach((f, byBin) -> {
            w.writeString(f).writeInt(byBin.size());
            byBin.forEach((b, labels) -> {
                w.writeString(b);
                labels.write(w);
            });
        });
    }

    static BinLabelTable read(StateReader r, int maxBins, int maxLabels) {
        BinLabelTable t = new BinLabelTable(maxBins, maxLabels);
        int nf = r.readCount(1 << 20);
        for (int i = 0; i < nf; i++) {
            TreeMap<String, CappedCounter> byBin = new TreeMap<>();
            t.table.put(r.readString(), byBin);
            int nb = r.readCount(maxBins + 1);
            for (int j = 0; j < nb; j++) {
                byBin.put(r.readString(), CappedCounter.read(r, maxLabels));
            }
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinLabelTable other && table.equals(other.table);
    }

    @Override
    public int hashCode() {
        return table.hashCode();
    }
}
