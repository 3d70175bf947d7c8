package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Backdoor-trigger candidates: a feature value (an exact value, or a narrow cell of a numeric feature's range) that
 * comes with one label far more often in the batch than in the reference. A dirty-label backdoor plants exactly that:
 * one value on a feature, even one well inside the reference's range, always with the attacker's label.
 *
 * <p>The test for one count: {@code c} of the batch's {@code n} rows against {@code r} of the reference's {@code m}
 * rows; if both are samples of one population, {@code c} given {@code T = c + r} is binomial with chance {@code n / (n
 * + m)} (the exact conditional test of two Poisson rates), whatever the value's frequency. Three families of such
 * tests, each at a third of {@link #ALPHA}:
 *
 * <ul>
 *   <li>(feature, value, label) against the reference's labelled sample (at most 1,000 rows): sees a value the
 *       reference has with other labels, which small batches need;
 *   <li>(feature, value) with the batch's most common label for it, against the value's count over the whole
 *       reference (any label, an upper bound from its frequent-items sketch): the 1,000-row sample cannot show that a
 *       value is new against a reference of 100,000 rows, which large batches need;
 *   <li>(feature, value, label) among the batch's rows that their nearest reference rows strongly outvote ({@link
 *       LabelConsistency}, {@link VoteSample#STRONGLY_OUTVOTED}), against the reference sample's own strongly
 *       outvoted rows (each left out of its own vote), with all rows that voted as the exposures: a trigger planted on
 *       a value common with every label (0 on a sparse feature) hides among the value's natural rows in the first
 *       family, but the planted rows are outvoted, and the rows a value has strongly outvoted by nature are few and
 *       spread over its labels.
 * </ul>
 *
 * <p>Within a family, Tarone's refinement of Bonferroni ({@link TaroneLevel}) counts only the combinations that could
 * reach the level at all, so the many values of a continuous feature seen once or twice cost nothing. A candidate also
 * needs at least {@code triggerMinBatchShare} of the batch and {@code triggerMinLift} times its reference share (one
 * row added, so an unseen value counts as seen once): effect floors for very large batches; and the batch's rows
 * with the value must carry its label but for those its natural label mix explains ({@link #pureEnough}). The
 * outvoted family's rows disagree with their neighbours already, so it takes no purity floor, and its lift floor is
 * {@link #OUTVOTED_MIN_LIFT}: the natural outvoted rows of a value are few, so a lift of 10 would ask for a count no
 * backdoor of a few percent reaches. Score: that lift of the most significant flagged candidate, else of the most
 * significant one.
 */
final class TriggerCheck {
    static final String NAME = "backdoor-trigger";
    static final double ALPHA = 1e-3;
    /**
     * Share of the batch's rows with the value that must carry the candidate's label: a backdoor forces one label, while
     * a value that is merely new (an unseen category with mixed labels, a quality matter) is over-represented with
     * every label at once.
     */
    static final double MIN_PURITY = 0.9;
    /** Families of tests that share {@link #ALPHA}. */
    static final int FAMILIES = 3;
    /** Lift floor of the outvoted family (batch outvoted share over the reference sample's, one row added). */
    static final double OUTVOTED_MIN_LIFT = 2;

    private static final int MAX_EVIDENCE = 3;
    private static final char SEPARATOR = '\u0000';
    private static final String MISSING = SEPARATOR + RowFingerprints.token(null) + SEPARATOR;

    private TriggerCheck() {}

    static PoisoningSignal evaluate(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        long rows = batch.rows();
        if (rows == 0) {
            return new PoisoningSignal(NAME, 0, config.triggerMinLift(), false, "empty batch");
        }
        Map<String, Long> batchCounts = new HashMap<>(batch.tokenLabelCounts());
        // a missing value is a data-quality matter (the missing-share checks), and the sample does not keep it
        batchCounts.keySet().removeIf(k -> k.contains(MISSING));
        List<Candidate> candidates = new ArrayList<>();
        NeighbourSample sample = reference.sample();
        boolean sampled = sample != null && sample.size() > 0;
        long sampleRows =
                sampled ? sample.counts().stream().mapToLong(Long::longValue).sum() : 0;
        Map<String, Long> sampleCounts =
                sampled ? sampleCounts(reference.bins(), sample, config.triggerCellStd()) : Map.of();
        if (sampled) {
            candidates.addAll(family(
                    pairs(batchCounts, sampleCounts), rows, sampleRows, Side.ALL, "the reference's labelled sample"));
        }
        if (reference.rows() > 0) {
            candidates.addAll(
                    family(valueFamily(reference, batchCounts), rows, reference.rows(), Side.ALL, "the reference"));
        }
        LabelConsistency index = batch.consistency();
        if (sampled && index != null) {
            VoteSample votes = batch.votes();
            Map<String, Long> outvoted = new HashMap<>();
            votes.outvotedRows()
                    .forEach(row -> countTokens(
                            reference.bins(),
                            row.values(),
                            row.label(),
                            row.count(),
                            config.triggerCellStd(),
                            outvoted));
            int[] own = index.selfVotes().own();
            boolean[] strongly = new boolean[own.length];
            for (int i = 0; i < own.length; i++) {
                strongly[i] = VoteSample.stronglyOutvoted(own[i]);
            }
            Map<String, Long> sampleOutvoted =
                    sampleCounts(reference.bins(), sample, config.triggerCellStd(), strongly);
            candidates.addAll(family(
                    pairs(outvoted, sampleOutvoted),
                    votes.outvotedExposure(),
                    sampleRows,
                    Side.OUTVOTED,
                    "the reference's labelled sample as strongly outvoted by their own neighbours"));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::margin));
        List<Candidate> significant =
                candidates.stream().filter(c -> c.p() <= c.level()).collect(Collectors.toList());
        List<Candidate> flagged = significant.stream()
                .filter(c -> c.batchCount() >= config.triggerMinBatchShare() * c.batchRows()
                        && (c.side() == Side.OUTVOTED
                                ? c.lift() >= OUTVOTED_MIN_LIFT
                                : c.lift() >= config.triggerMinLift()
                                        && pureEnough(
                                                c.batchCount(),
                                                batch.tokenCountUpperBound(c.feature(), c.token()),
                                                naturalOtherLabels(c, sampleCounts, sampleRows, rows))))
                .collect(Collectors.toList());
        double score = !flagged.isEmpty()
                ? flagged.get(0).lift()
                : significant.isEmpty() ? 0 : significant.get(0).lift();
        List<Candidate> shown = flagged.isEmpty() ? candidates : flagged;
        String evidence = shown.isEmpty()
                ? "no value comes with one label more often than the reference allows (exact conditional binomial,"
                        + " Tarone level of alpha " + ALPHA + " split over " + FAMILIES + " families)"
                : shown.stream()
                        .limit(MAX_EVIDENCE)
                        .map(c -> c.describe(reference.bins(), config.triggerCellStd()))
                        .collect(Collectors.joining(
                                "; ",
                                flagged.isEmpty() ? "most significant (not flagged): " : "trigger candidates: ",
                                ""));
        return new PoisoningSignal(NAME, score, config.triggerMinLift(), !flagged.isEmpty(), evidence);
    }

    /**
     * Whether the batch's rows with the value carry the candidate's label, apart from the rows the value has with other
     * labels by nature: at least {@link #MIN_PURITY} of them, or no more other-label rows than the reference's sample
     * predicts at this batch size plus three Poisson standard deviations. The second form lets a trigger planted on a
     * value that is common with every label (inside the normal range of a continuous feature, or a frequent category)
     * count, where a plain purity floor hid it behind the value's natural rows; an unseen value has no natural rows, so
     * the plain floor still keeps a new category with mixed labels from counting as a trigger.
     *
     * @param withLabel batch rows with the value and the candidate's label
     * @param withValue batch rows with the value, any label (an upper bound)
     * @param naturalOther rows with the value and another label that a batch of this size holds by nature
     */
    static boolean pureEnough(long withLabel, long withValue, double naturalOther) {
        long other = withValue - withLabel;
        return other <= Math.max((1 - MIN_PURITY) * withValue, naturalOther + 3 * Math.sqrt(naturalOther));
    }

    /** The batch rows expected with the candidate's value and another label, from the reference's labelled sample. */
    private static double naturalOtherLabels(Candidate c, Map<String, Long> sampleCounts, long sampleRows, long rows) {
        if (sampleRows == 0) {
            return 0;
        }
        String value = c.feature() + SEPARATOR + c.token() + SEPARATOR;
        long other = 0;
        for (Map.Entry<String, Long> e : sampleCounts.entrySet()) {
            if (e.getKey().startsWith(value) && !e.getKey().equals(c.key())) {
                other += e.getValue();
            }
        }
        return rows * (double) other / sampleRows;
    }

    /**
     * Per (feature, value): the batch's rows with the value and its most common label there, against the value's
     * count over the whole reference (any label: conservative for the label). Keyed by (feature, value, that label).
     */
    private static Map<String, long[]> valueFamily(PoisoningReference reference, Map<String, Long> batchCounts) {
        Map<String, long[]> top = new HashMap<>();
        Map<String, String> topKey = new HashMap<>();
        batchCounts.forEach((k, c) -> {
            String value = k.substring(0, k.lastIndexOf(SEPARATOR));
            long[] best = top.get(value);
            if (best == null || c > best[0]) {
                top.put(value, new long[] {c});
                topKey.put(value, k);
            }
        });
        Map<String, long[]> family = new HashMap<>();
        top.forEach((value, c) -> {
            int cut = value.indexOf(SEPARATOR);
            long r = reference.tokens().upperBound(value.substring(0, cut), value.substring(cut + 1));
            family.put(topKey.get(value), new long[] {c[0], r});
        });
        reference.tokens().asMap().forEach((feature, sketch) -> {
            for (ItemsSketch.Row<String> row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
                String value = feature + SEPARATOR + row.getItem();
                if (!top.containsKey(value) && !row.getItem().equals(RowFingerprints.token(null))) {
                    family.put(value + SEPARATOR, new long[] {0, row.getUpperBound()});
                }
            }
        });
        return family;
    }

    /** Each key of either side with its {batch, reference} counts. */
    private static Map<String, long[]> pairs(Map<String, Long> batchCounts, Map<String, Long> referenceCounts) {
        Map<String, long[]> family = new HashMap<>();
        batchCounts.forEach((k, c) -> family.put(k, new long[] {c, referenceCounts.getOrDefault(k, 0L)}));
        referenceCounts.forEach((k, r) -> family.putIfAbsent(k, new long[] {0, r}));
        return family;
    }

    /** The candidates of one family of tests: every key seen at least twice in the batch that can reach the level. */
    private static List<Candidate> family(
            Map<String, long[]> counts, long rows, long referenceRows, Side side, String against) {
        double chance = rows / (double) (rows + referenceRows);
        TaroneLevel tarone = TaroneLevel.of(
                counts.values().stream().mapToLong(v -> v[0] + v[1]).toArray(), chance, ALPHA / FAMILIES);
        List<Candidate> out = new ArrayList<>();
        counts.forEach((key, v) -> {
            long c = v[0];
            long r = v[1];
            if (c < 2 || !tarone.counts(c + r)) {
                return;
            }
            double p = BinomialDistribution.of(Math.toIntExact(c + r), chance).survivalProbability((int) c - 1);
            double lift = (c / (double) rows) / ((r + 1) / (double) (referenceRows + 1));
            out.add(new Candidate(key, c, rows, r, referenceRows, p, tarone.level(), lift, side, against));
        });
        return out;
    }

    /** (feature, token, label) counts of the reference's labelled sample, keyed like the batch's token-label counts. */
    private static Map<String, Long> sampleCounts(FeatureBins bins, NeighbourSample sample, double cellStd) {
        return sampleCounts(bins, sample, cellStd, null);
    }

    /** The same over the sample entries {@code only} marks (all when {@code null}). */
    private static Map<String, Long> sampleCounts(
            FeatureBins bins, NeighbourSample sample, double cellStd, boolean[] only) {
        Map<String, Long> out = new HashMap<>();
        List<NeighbourSample.Entry> entries = sample.entries();
        List<Long> counts = sample.counts();
        for (int i = 0; i < entries.size(); i++) {
            if (only == null || only[i]) {
                NeighbourSample.Entry entry = entries.get(i);
                countTokens(bins, entry.features(), entry.label(), counts.get(i), cellStd, out);
            }
        }
        return out;
    }

    /**
     * Adds {@code count} to each (feature, token, label) of one row's kept values ({@link NeighbourSample#values}):
     * the exact value's token and, for numbers, its grid cells.
     */
    private static void countTokens(
            FeatureBins bins,
            Map<String, Object> values,
            String label,
            long count,
            double cellStd,
            Map<String, Long> out) {
        for (Map.Entry<String, Object> f : values.entrySet()) {
            // kept values hold categorical values as tokens already, numeric ones as numbers
            Object value = f.getValue();
            String token = value instanceof String s ? s : RowFingerprints.token(value);
            out.merge(key(f.getKey(), token, label), count, Long::sum);
            String[] cells = bins.gridTokens(f.getKey(), value, cellStd);
            if (cells != null) {
                for (String cell : cells) {
                    out.merge(key(f.getKey(), cell, label), count, Long::sum);
                }
            }
        }
    }

    private static String key(String feature, String token, String label) {
        return feature + SEPARATOR + token + SEPARATOR + label;
    }

    /** Which of the batch's rows a family counts: all, or those their nearest reference rows outvote. */
    private enum Side {
        ALL("batch rows"),
        OUTVOTED("batch rows whose label at most " + VoteSample.STRONGLY_OUTVOTED + " of their " + LabelConsistency.K
                + " nearest reference rows share");

        final String rows;

        Side(String rows) {
            this.rows = rows;
        }
    }

    private record Candidate(
            String key,
            long batchCount,
            long batchRows,
            long referenceCount,
            long referenceRows,
            double p,
            double level,
            double lift,
            Side side,
            String against) {
        String feature() {
            return key.substring(0, key.indexOf(SEPARATOR));
        }

        String token() {
            return key.split(String.valueOf(SEPARATOR), 3)[1];
        }

        /** How far below its family's level: the most significant first across families. */
        double margin() {
            return p / level;
        }

        String describe(FeatureBins bins, double cellStd) {
            String[] parts = key.split(String.valueOf(SEPARATOR), 3);
            String value = FeatureBins.isGridToken(parts[1])
                    ? bins.describeGridToken(parts[0], parts[1], cellStd)
                    : parts[0] + " = " + RowFingerprints.describeToken(parts[1]);
            return String.format(
                    Locale.ROOT,
                    "%s with label '%s' in %d of %d %s vs %d of %d rows of %s (binomial p %.2g, level %.2g)",
                    value,
                    parts.length > 2 ? parts[2] : "",
                    batchCount,
                    batchRows,
                    side.rows,
                    referenceCount,
                    referenceRows,
                    against,
                    p,
                    level);
        }
    }
}
