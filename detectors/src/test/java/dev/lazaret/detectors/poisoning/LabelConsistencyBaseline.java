package dev.lazaret.detectors.poisoning;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link LabelConsistency} as it was before its flat, early-exit layout (commit c8c1014): maps of features per row,
 * string comparisons of categorical tokens and a map of votes. Kept as the oracle {@code LabelConsistencyTest}
 * compares the faster version against, vote for vote.
 */
final class LabelConsistencyBaseline {
    static final int K = 10;

    private final String[] numeric;
    private final double[][] scale;
    private final String[] categorical;
    private final double[][] x;
    private final String[][] c;
    private final String[] labels;
    /** How often each sample entry's content occurred in the reference. */
    private final long[] copies;

    private final int classes;
    private Votes self;

    /** A row's vote: how many of its K neighbours share its label, and whether its label lost the majority. */
    record Vote(int own, boolean disagrees) {}

    /**
     * The sample voting on itself, each row left out of its own vote: the histogram of own votes (index 0..K), the
     * number of rows that disagree, each sample entry's own votes (in the order of {@link NeighbourSample#entries()}),
     * and the histogram of own votes per label.
     */
    record Votes(long[] ownHistogram, long disagreements, int[] own, Map<String, long[]> ownByLabel) {
        long rows() {
            return java.util.Arrays.stream(ownHistogram).sum();
        }
    }

    LabelConsistencyBaseline(NeighbourSample sample, FeatureBins bins, Map<String, double[]> meanStd) {
        numeric = bins.numericFeatures().stream().filter(meanStd::containsKey).toArray(String[]::new);
        scale = new double[numeric.length][];
        for (int j = 0; j < numeric.length; j++) {
            scale[j] = meanStd.get(numeric[j]);
        }
        categorical = bins.categoricalFeatures().toArray(String[]::new);
        List<NeighbourSample.Entry> entries = sample.entries();
        x = new double[entries.size()][];
        c = new String[entries.size()][];
        labels = new String[entries.size()];
        copies = sample.counts().stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < entries.size(); i++) {
            x[i] = standardise(entries.get(i).features());
            c[i] = tokens(entries.get(i).features());
            labels[i] = entries.get(i).label();
        }
        classes = (int) java.util.Arrays.stream(labels).distinct().count();
    }

    /** Distinct labels in the sample. */
    int classes() {
        return classes;
    }

    int sampleSize() {
        return labels.length;
    }

    /** Whether the sample can vote: more than K distinct rows, and more than one label. */
    boolean usable() {
        return labels.length > K && classes > 1;
    }

    /** {@code row}'s vote among its K nearest sample rows. */
    Vote vote(LabeledRow row) {
        Map<String, Object> f = new TreeMap<>();
        for (String name : numeric) {
            if (row.features().get(name) instanceof Number n && Double.isFinite(n.doubleValue())) {
                f.put(name, n.doubleValue());
            }
        }
        for (String name : categorical) {
            Object v = row.features().get(name);
            if (v != null) {
                f.put(name, RowFingerprints.token(v));
            }
        }
        return vote(standardise(f), tokens(f), row.label(), -1);
    }

    /** The sample against itself, each row left out of its own vote; computed once. */
    Votes selfVotes() {
        if (self == null) {
            long[] histogram = new long[K + 1];
            long bad = 0;
            int[] own = new int[labels.length];
            Map<String, long[]> byLabel = new TreeMap<>();
            for (int i = 0; i < labels.length; i++) {
                // every occurrence of a content votes alike
                Vote v = vote(x[i], c[i], labels[i], i);
                histogram[v.own()] += copies[i];
                byLabel.computeIfAbsent(labels[i], l -> new long[K + 1])[v.own()] += copies[i];
                bad += v.disagrees() ? copies[i] : 0;
                own[i] = v.own();
            }
            self = new Votes(histogram, bad, own, byLabel);
        }
        return self;
    }

    /**
     * The vote of the K nearest reference rows, each sample entry counted as often as its content occurred in the
     * reference (so a table whose rows repeat votes as its rows do, not as its distinct contents). {@code skip} leaves
     * one occurrence of that entry out: its other copies still vote, at distance 0.
     */
    private Vote vote(double[] qx, String[] qc, String label, int skip) {
        double[] bestD = new double[K];
        int[] bestI = new int[K];
        java.util.Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        for (int i = 0; i < labels.length; i++) {
            if (i == skip && copies[i] == 1) {
                continue;
            }
            double d = i == skip ? 0 : distance(qx, qc, x[i], c[i], bestD[K - 1]);
            if (d < bestD[K - 1]) {
                int p = K - 1;
                while (p > 0 && bestD[p - 1] > d) {
                    bestD[p] = bestD[p - 1];
                    bestI[p] = bestI[p - 1];
                    p--;
                }
                bestD[p] = d;
                bestI[p] = i;
            }
        }
        Map<String, Integer> votes = new TreeMap<>();
        int left = K;
        for (int j = 0; j < K && left > 0 && bestD[j] < Double.POSITIVE_INFINITY; j++) {
            int i = bestI[j];
            int take = (int) Math.min(left, copies[i] - (i == skip ? 1 : 0));
            votes.merge(labels[i], take, Integer::sum);
            left -= take;
        }
        int max = votes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int own = votes.getOrDefault(label, 0);
        return new Vote(own, own < max);
    }

    private double distance(double[] ax, String[] ac, double[] bx, String[] bc, double stopAbove) {
        double d = 0;
        for (int j = 0; j < ax.length; j++) {
            double a = ax[j];
            double b = bx[j];
            if (Double.isNaN(a) != Double.isNaN(b)) {
                d += 1;
            } else if (!Double.isNaN(a)) {
                d += (a - b) * (a - b);
            }
            if (d >= stopAbove) {
                return d;
            }
        }
        for (int j = 0; j < ac.length; j++) {
            if (ac[j] == null ? bc[j] != null : !ac[j].equals(bc[j])) {
                d += 1;
            }
        }
        return d;
    }

    private double[] standardise(Map<String, Object> f) {
        double[] out = new double[numeric.length];
        for (int j = 0; j < numeric.length; j++) {
            out[j] = f.get(numeric[j]) instanceof Double d ? (d - scale[j][0]) / scale[j][1] : Double.NaN;
        }
        return out;
    }

    private String[] tokens(Map<String, Object> f) {
        String[] out = new String[categorical.length];
        for (int j = 0; j < categorical.length; j++) {
            out[j] = f.get(categorical[j]) instanceof String s ? s : null;
        }
        return out;
    }
}
