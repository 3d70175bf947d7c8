package dev.lazaret.detectors.poisoning;

import dev.lazaret.detectors.profile.LabelBinJointCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label counts per (feature, bin): one {@link LabelBinJointCounts} per feature, binned by the reference's {@link
 * FeatureBins}. Size: features x bins (capped) x labels (capped).
 */
final class BinLabelTable {
    private final int maxBins;
    private final int maxLabels;
    private final TreeMap<String, LabelBinJointCounts> table = new TreeMap<>();
    /** The same counts as {@link #table}, looked up by hash on the per-row path; the tree gives the encoding's order. */
    private final HashMap<String, LabelBinJointCounts> byFeature = new HashMap<>();

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

    /**
     * Counts one row's value of {@code feature} in {@code bin}, {@code bins.binOf(feature, value)} when that is not
     * null: {@link #add(FeatureBins, LabeledRow)} one feature at a time, for a caller that has the bin already.
     */
    void add(String feature, String bin, String label) {
        add(feature, bin, label, 1);
    }

    private void add(String feature, String bin, String label, long n) {
        joint(feature).add(bin, label, n);
    }

    private LabelBinJointCounts joint(String feature) {
        LabelBinJointCounts joint = byFeature.get(feature);
        if (joint == null) {
            joint = LabelBinJointCounts.forCategorical(maxBins, maxLabels);
            table.put(feature, joint);
            byFeature.put(feature, joint);
        }
        return joint;
    }

    /** Feature, then bin, then label counts. */
    Map<String, Map<String, Map<String, Long>>> asMap() {
        Map<String, Map<String, Map<String, Long>>> out = new TreeMap<>();
        table.forEach((f, joint) -> out.put(f, joint.counts()));
        return out;
    }

    /** The label counts of one (feature, bin), empty when it has none. */
    Map<String, Long> counts(String feature, String bin) {
        LabelBinJointCounts joint = table.get(feature);
        return joint == null ? Map.of() : joint.labelCounts(bin);
    }

    void merge(BinLabelTable other) {
        other.table.forEach((f, joint) ->
                joint.counts().forEach((b, labels) -> labels.forEach((l, n) -> add(f, b, l, n))));
    }

    void write(StateWriter w) {
        w.writeInt(table.size());
        table.forEach((f, joint) -> {
            Map<String, Map<String, Long>> byBin = joint.counts();
            w.writeString(f).writeInt(byBin.size());
            byBin.forEach((b, labels) -> {
                w.writeString(b).writeInt(labels.size());
                labels.forEach((l, n) -> w.writeString(l).writeLong(n));
            });
        });
    }

    static BinLabelTable read(StateReader r, int maxBins, int maxLabels) {
        BinLabelTable t = new BinLabelTable(maxBins, maxLabels);
        int nf = r.readCount(1 << 20);
        for (int i = 0; i < nf; i++) {
            String feature = r.readString();
            LabelBinJointCounts fresh = LabelBinJointCounts.forCategorical(maxBins, maxLabels);
            t.table.put(feature, fresh);
            t.byFeature.put(feature, fresh);
            int nb = r.readCount(maxBins + 2);
            for (int j = 0; j < nb; j++) {
                String bin = r.readString();
                int nl = r.readCount(maxLabels + 1);
                for (int k = 0; k < nl; k++) {
                    String label = r.readString();
                    long n = r.readLong();
                    if (n < 0) {
                        throw r.invalid("negative count %d for '%s'", n, label);
                    }
                    t.add(feature, bin, label, n);
                }
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
