package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model-free label consistency (the idea of confident learning without a model): how many of a row's {@link #K}
 * nearest rows of the reference's {@link NeighbourSample} carry the row's own label (its "own votes"), and whether its
 * label is not the most common one among them (it "disagrees").
 *
 * <p>Metric: squared Euclidean distance over the numeric features standardised by the reference mean and sd, plus 1 for
 * each categorical feature whose values differ and for each feature present on one side only (a categorical mismatch
 * weighs as much as one sd). Ties in the vote count as agreement when the row's label is among the most common.
 *
 * <p>Cost per row: one pass over the sample, O(sample x features), usually much less: the sample is held flat (one
 * {@code double[]} of standardised values, one {@code int[]} of categorical codes, labels as indices), and a
 * distance stops as soon as it reaches the K-th best so far, which cannot change the vote. The reference's own rate
 * is its held-out rows' votes, or leave-one-out over the sample when it holds too few ({@link #referenceVotes()}),
 * O(sample² x features), computed once per index.
 */
final class LabelConsistency {
    static final int K = 10;
    /** Code of a categorical value the row lacks; a row value the sample never holds gets {@link #UNSEEN}. */
    private static final int ABSENT = -1;

    private static final int UNSEEN = -2;

    private final String[] numeric;
    private final double[] mean;
    private final double[] sd;
    private final String[] categorical;
    /** Per categorical feature, the sample's tokens ({@link RowFingerprints#token}) by code. */
    private final List<Map<String, Integer>> codes;
    /** Sample row i's standardised numeric values at {@code [i * numeric.length, (i + 1) * numeric.length)}. */
    private final double[] x;
    /** Sample row i's categorical codes at {@code [i * categorical.length, (i + 1) * categorical.length)}. */
    private final int[] c;

    private final int rows;
    /** Sample row i's label as an index into {@link #labelNames}. */
    private final int[] labels;

    private final String[] labelNames;
    private final Map<String, Integer> labelIndex = new HashMap<>();
    /** How often each sample entry's content occurred in the reference. */
    private final long[] copies;

    /** The sample's held-out rows ({@link NeighbourSample#heldOut()}) and how often each content occurred. */
    private final List<NeighbourSample.Entry> heldOut;

    private final long[] heldOutCopies;

    /** The reference's distinct contents and rows, estimated from the sample once it is full. */
    private final double distinctContents;

    private final double rowsRepresented;
    private Votes self;
    private Votes heldOutVotes;

    /**
     * Fewest held-out rows whose votes replace the sample's leave-one-out votes as the reference's rate: below it the
     * held-out rate is noisier than the leave-one-out one by more than the bias it removes matters at the batch sizes
     * such references see (a reference of under 1,500 distinct rows).
     */
    static final int MIN_HELD_OUT = NeighbourSample.NEIGHBOURS / 2;

    /**
     * A row's vote: how many of its K neighbours share its label, whether its label lost the majority, and the share of
     * the sample's other labels under which it would lose it (a random flip's chance of making the row outvoted: below
     * 1 when another label ties the majority, as a 5 to 5 vote between two classes does, since ties count as
     * agreement).
     */
    record Vote(int own, boolean disagrees, double flippedDisagrees) {}

    /**
     * Reference rows voting among the sample: the histogram of own votes (index 0..K), the number of rows that
     * disagree, the expected number that would disagree if every row's label were flipped to another of the sample's
     * labels at random (the sum of {@link Vote#flippedDisagrees()}), each voting entry's own votes (in the order of
     * {@link NeighbourSample#entries()} or {@link NeighbourSample#heldOut()}), and the histogram of own votes per label.
     *
     * <p>The voters are distinct contents, each counted as often as it occurred: a sample of the reference's contents
     * chosen by hash ({@code design}, {@link ContentSample}). {@code ownSquaredCopies} (and per label {@code
     * ownSquaredCopiesByLabel}) sums the square of each voting content's count per own vote, which the precision of
     * such a sample's mean needs; for a reference whose rows are all distinct it equals the histogram.
     */
    record Votes(
            long[] ownHistogram,
            long[] ownSquaredCopies,
            long disagreements,
            double flippedDisagreements,
            int[] own,
            Map<String, long[]> ownByLabel,
            Map<String, long[]> ownSquaredCopiesByLabel,
            ContentSample design) {
        long rows() {
            return Arrays.stream(ownHistogram).sum();
        }

        /** Distinct contents that voted. */
        int contents() {
            return own.length;
        }

        /**
         * The effective number of rows ({@link ContentSample#effectiveRows}) of the voters a histogram of own votes
         * and its squared counts cover (all of them, or one label's).
         */
        double effectiveRows(long[] histogram, long[] squaredCopies) {
            return design.effectiveRows(
                    Arrays.stream(histogram).sum(), Arrays.stream(squaredCopies).sum(), rows());
        }
    }

    LabelConsistency(NeighbourSample sample, FeatureBins bins, Map<String, double[]> meanStd) {
        numeric = bins.numericFeatures().stream().filter(meanStd::containsKey).toArray(String[]::new);
        mean = new double[numeric.length];
        sd = new double[numeric.length];
        for (int j = 0; j < numeric.length; j++) {
            mean[j] = meanStd.get(numeric[j])[0];
            sd[j] = meanStd.get(numeric[j])[1];
        }
        categorical = bins.categoricalFeatures().toArray(String[]::new);
        codes = new ArrayList<>(categorical.length);
        for (int j = 0; j < categorical.length; j++) {
            codes.add(new HashMap<>());
        }
        List<NeighbourSample.Entry> entries = sample.entries();
        rows = entries.size();
        x = new double[rows * numeric.length];
        c = new int[rows * categorical.length];
        labels = new int[rows];
        copies = sample.counts().stream().mapToLong(Long::longValue).toArray();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Map<String, Object> f = entries.get(i).features();
            for (int j = 0; j < numeric.length; j++) {
                x[i * numeric.length + j] = f.get(numeric[j]) instanceof Double d ? standardise(j, d) : Double.NaN;
            }
            for (int j = 0; j < categorical.length; j++) {
                Map<String, Integer> dictionary = codes.get(j);
                c[i * categorical.length + j] = f.get(categorical[j]) instanceof String s
                        ? dictionary.computeIfAbsent(s, t -> dictionary.size())
                        : ABSENT;
            }
            String label = entries.get(i).label();
            labels[i] = labelIndex.computeIfAbsent(label, l -> {
                names.add(l);
                return names.size() - 1;
            });
        }
        labelNames = names.toArray(String[]::new);
        heldOut = sample.heldOut();
        heldOutCopies =
                sample.heldOutCounts().stream().mapToLong(Long::longValue).toArray();
        distinctContents = sample.distinctContents();
        rowsRepresented = sample.rowsRepresented();
    }

    private double standardise(int j, double v) {
        return (v - mean[j]) / sd[j];
    }

    /** Distinct labels in the sample. */
    int classes() {
        return labelNames.length;
    }

    int sampleSize() {
        return rows;
    }

    /** Whether the sample can vote: more than K distinct rows, and more than one label. */
    boolean usable() {
        return rows > K && labelNames.length > 1;
    }

    /** {@code row}'s vote among its K nearest sample rows. */
    Vote vote(LabeledRow row) {
        Map<String, Object> features = row.features();
        double[] qx = new double[numeric.length];
        for (int j = 0; j < numeric.length; j++) {
            qx[j] = features.get(numeric[j]) instanceof Number n && Double.isFinite(n.doubleValue())
                    ? standardise(j, n.doubleValue())
                    : Double.NaN;
        }
        int[] qc = new int[categorical.length];
        for (int j = 0; j < categorical.length; j++) {
            Object v = features.get(categorical[j]);
            qc[j] = v == null ? ABSENT : codes.get(j).getOrDefault(RowFingerprints.token(v), UNSEEN);
        }
        return vote(qx, qc, labelIndex.getOrDefault(row.label(), -1), -1);
    }

    /**
     * The votes a batch's are compared with: the held-out rows' among the neighbours when there are at least {@link
     * #MIN_HELD_OUT}, else the neighbours' own, each left out of its own vote ({@link #selfVotes()}).
     *
     * <p>Why held-out rows: a clean batch's rows are fresh rows voting among the sample, and the held-out rows are
     * too, so the two rates differ by sampling noise only. The leave-one-out rate is another quantity: a sample that
     * drew few noisy labels looks clean to itself but makes fresh noisy rows stand out, so across references the
     * leave-one-out rate strays from the fresh-row rate by more than its own spread (on a synthetic table with
     * references of 3,000 rows, the leave-one-out z of clean 10,000-row batches had sd 1.42 across 40 references,
     * reached 4.5 and held one batch; against the held-out rows, sd 1.09 and none held: {@code docs/quarantine.md}).
     */
    Votes referenceVotes() {
        if (heldOut.size() < MIN_HELD_OUT) {
            return selfVotes();
        }
        if (heldOutVotes == null) {
            Tally tally =
                    new Tally(ContentSample.of(heldOut.size(), distinctContents, rowsRepresented), heldOut.size());
            double[] qx = new double[numeric.length];
            int[] qc = new int[categorical.length];
            for (int i = 0; i < heldOut.size(); i++) {
                NeighbourSample.Entry entry = heldOut.get(i);
                Map<String, Object> f = entry.features();
                for (int j = 0; j < numeric.length; j++) {
                    qx[j] = f.get(numeric[j]) instanceof Double d ? standardise(j, d) : Double.NaN;
                }
                for (int j = 0; j < categorical.length; j++) {
                    qc[j] = f.get(categorical[j]) instanceof String t
                            ? codes.get(j).getOrDefault(t, UNSEEN)
                            : ABSENT;
                }
                tally.add(
                        i,
                        vote(qx, qc, labelIndex.getOrDefault(entry.label(), -1), -1),
                        entry.label(),
                        heldOutCopies[i]);
            }
            heldOutVotes = tally.votes();
        }
        return heldOutVotes;
    }

    /** Whether {@link #referenceVotes()} are the held-out rows'. */
    boolean votesHeldOut() {
        return heldOut.size() >= MIN_HELD_OUT;
    }

    /** The sample against itself, each row left out of its own vote; computed once. */
    Votes selfVotes() {
        if (self == null) {
            Tally tally = new Tally(ContentSample.of(rows, distinctContents, rowsRepresented), rows);
            double[] qx = new double[numeric.length];
            int[] qc = new int[categorical.length];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, i * numeric.length, qx, 0, numeric.length);
                System.arraycopy(c, i * categorical.length, qc, 0, categorical.length);
                // every occurrence of a content votes alike
                tally.add(i, vote(qx, qc, labels[i], i), labelNames[labels[i]], copies[i]);
            }
            self = tally.votes();
        }
        return self;
    }

    /** Reference rows' votes summed into {@link Votes}, each weighted by how often its content occurred. */
    private static final class Tally {
        private final ContentSample design;
        private final long[] histogram = new long[K + 1];
        private final long[] squaredCopies = new long[K + 1];
        private final int[] own;
        private final Map<String, long[]> byLabel = new TreeMap<>();
        private final Map<String, long[]> squaredCopiesByLabel = new TreeMap<>();
        private long disagreements;
        private double flippedDisagreements;

        Tally(ContentSample design, int voters) {
            this.design = design;
            own = new int[voters];
        }

        void add(int voter, Vote v, String label, long copies) {
            histogram[v.own()] += copies;
            squaredCopies[v.own()] += copies * copies;
            byLabel.computeIfAbsent(label, l -> new long[K + 1])[v.own()] += copies;
            squaredCopiesByLabel.computeIfAbsent(label, l -> new long[K + 1])[v.own()] += copies * copies;
            disagreements += v.disagrees() ? copies : 0;
            flippedDisagreements += v.flippedDisagrees() * copies;
            own[voter] = v.own();
        }

        Votes votes() {
            return new Votes(
                    histogram,
                    squaredCopies,
                    disagreements,
                    flippedDisagreements,
                    own,
                    byLabel,
                    squaredCopiesByLabel,
                    design);
        }
    }

    /**
     * The vote of the K nearest reference rows, each sample entry counted as often as its content occurred in the
     * reference (so a table whose rows repeat votes as its rows do, not as its distinct contents). {@code skip} leaves
     * one occurrence of that entry out: its other copies still vote, at distance 0. {@code label} is the row's label
     * index, -1 for a label the sample does not hold.
     */
    private Vote vote(double[] qx, int[] qc, int label, int skip) {
        double[] bestD = new double[K];
        int[] bestI = new int[K];
        Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        for (int i = 0; i < rows; i++) {
            if (i == skip && copies[i] == 1) {
                continue;
            }
            double d = i == skip ? 0 : distance(qx, qc, i, bestD[K - 1]);
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
        int[] votes = new int[labelNames.length];
        int left = K;
        for (int j = 0; j < K && left > 0 && bestD[j] < Double.POSITIVE_INFINITY; j++) {
            int i = bestI[j];
            int take = (int) Math.min(left, copies[i] - (i == skip ? 1 : 0));
            votes[labels[i]] += take;
            left -= take;
        }
        int max = 0;
        for (int v : votes) {
            max = Math.max(max, v);
        }
        int own = label < 0 ? 0 : votes[label];
        // a flip lands on one of the other labels (all of them for a label the sample lacks); on a tied one the row
        // still agrees
        int others = label < 0 ? votes.length : votes.length - 1;
        int tiedOthers = 0;
        for (int l = 0; l < votes.length; l++) {
            tiedOthers += l != label && votes[l] == max ? 1 : 0;
        }
        double flipped = others > 0 ? (others - tiedOthers) / (double) others : 0;
        return new Vote(own, own < max, flipped);
    }

    /**
     * Distance from the query to sample row {@code i}; once it reaches {@code stopAbove} the partial sum is returned
     * (every term is non-negative, so the full distance could not come below it either).
     */
    private double distance(double[] qx, int[] qc, int i, double stopAbove) {
        double d = 0;
        int base = i * qx.length;
        for (int j = 0; j < qx.length; j++) {
            double a = qx[j];
            double b = x[base + j];
            if (Double.isNaN(a) != Double.isNaN(b)) {
                d += 1;
            } else if (!Double.isNaN(a)) {
                d += (a - b) * (a - b);
            }
            if (d >= stopAbove) {
                return d;
            }
        }
        base = i * qc.length;
        for (int j = 0; j < qc.length; j++) {
            if (qc[j] != c[base + j]) {
                d += 1;
            }
        }
        return d;
    }
}
