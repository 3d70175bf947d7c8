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
import org.apache.datasketches.frequencies.LongsSketch;

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
 *
 * <p>Values are counted by 64-bit keys ({@link TokenHashes}); the text the evidence shows comes from the batch's named
 * token sketch ({@link TokenSketches#named}: every value seen twice, as a candidate must be) or from the reference
 * sample's rows, whose values are kept.
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
    private static final long MISSING = TokenHashes.value(null);

    private TriggerCheck() {}

    static PoisoningSignal evaluate(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        long rows = batch.rows();
        if (rows == 0) {
            return new PoisoningSignal(NAME, 0, config.triggerMinLift(), false, "empty batch");
        }
        Map<Key, Long> batchCounts = new HashMap<>(batch.tokenLabelCounts());
        // a missing value is a data-quality matter (the missing-share checks), and the sample does not keep it
        batchCounts.keySet().removeIf(k -> k.token() == MISSING);
        // the text of the values the sample and the outvoted rows hold, for evidence
        Map<Key, String> names = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        NeighbourSample sample = reference.sample();
        boolean sampled = sample != null && sample.size() > 0;
        long sampleRows =
                sampled ? sample.counts().stream().mapToLong(Long::longValue).sum() : 0;
        Map<Key, Long> sampleCounts = sampled
                ? sampleCounts(
                        reference.bins(), sample.entries(), sample.counts(), config.triggerCellStd(), null, names)
                : Map.of();
        if (sampled) {
            candidates.addAll(family(
                    pairs(batchCounts, sampleCounts),
                    rows,
                    sampleRows,
                    effectiveShare(sample.counts(), sample),
                    Side.ALL,
                    "the reference's labelled sample"));
        }
        if (reference.rows() > 0) {
            candidates.addAll(
                    family(valueFamily(reference, batchCounts), rows, reference.rows(), 1, Side.ALL, "the reference"));
        }
        LabelConsistency index = batch.consistency();
        if (sampled && index != null) {
            VoteSample votes = batch.votes();
            Map<Key, Long> outvoted = new HashMap<>();
            votes.outvotedRows()
                    .forEach(row -> countTokens(
                            reference.bins(),
                            row.values(),
                            row.label(),
                            row.count(),
                            config.triggerCellStd(),
                            outvoted,
                            names));
            // the reference rows that vote as the batch's do: those held out of the sample when there are enough
            // (LabelConsistency#referenceVotes), else the sample's own rows, each left out of its vote
            boolean heldOut = index.votesHeldOut();
            List<NeighbourSample.Entry> voters = heldOut ? sample.heldOut() : sample.entries();
            List<Long> voterCounts = heldOut ? sample.heldOutCounts() : sample.counts();
            int[] own = index.referenceVotes().own();
            boolean[] strongly = new boolean[own.length];
            for (int i = 0; i < own.length; i++) {
                strongly[i] = VoteSample.stronglyOutvoted(own[i]);
            }
            Map<Key, Long> referenceOutvoted =
                    sampleCounts(reference.bins(), voters, voterCounts, config.triggerCellStd(), strongly, names);
            candidates.addAll(family(
                    pairs(outvoted, referenceOutvoted),
                    votes.outvotedExposure(),
                    voterCounts.stream().mapToLong(Long::longValue).sum(),
                    effectiveShare(voterCounts, sample),
                    Side.OUTVOTED,
                    heldOut
                            ? "the reference's rows held out of its labelled sample as strongly outvoted by it"
                            : "the reference's labelled sample as strongly outvoted by their own neighbours"));
        }
        candidates.sort(Candidate.MOST_SIGNIFICANT_FIRST);
        List<Candidate> significant =
                candidates.stream().filter(c -> c.p() <= c.level()).collect(Collectors.toList());
        List<Candidate> flagged = significant.stream()
                .filter(c -> c.batchCount() >= config.triggerMinBatchShare() * c.batchRows()
                        && (c.side() == Side.OUTVOTED
                                ? c.lift() >= OUTVOTED_MIN_LIFT
                                : c.lift() >= config.triggerMinLift()
                                        && pureEnough(
                                                c.batchCount(),
                                                batch.tokenCountUpperBound(
                                                        c.key().feature(),
                                                        c.key().token()),
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
                        .map(c -> c.describe(reference.bins(), config.triggerCellStd(), text(c.key(), batch, names)))
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
    private static double naturalOtherLabels(Candidate c, Map<Key, Long> sampleCounts, long sampleRows, long rows) {
        if (sampleRows == 0) {
            return 0;
        }
        Key value = c.key().value();
        long other = 0;
        for (Map.Entry<Key, Long> e : sampleCounts.entrySet()) {
            if (e.getKey().value().equals(value) && !e.getKey().equals(c.key())) {
                other += e.getValue();
            }
        }
        return rows * (double) other / sampleRows;
    }

    /** The text of a key's value: from the batch's named tokens, else from the sample's rows; {@code null} if lost. */
    private static String text(Key key, BatchPoisoningAccumulator batch, Map<Key, String> names) {
        String text = batch.tokens().nameOf(key.feature(), key.token());
        return text != null ? text : names.get(key.value());
    }

    /**
     * Per (feature, value): the batch's rows with the value and its most common label there, against the value's
     * count over the whole reference (any label: conservative for the label). Keyed by (feature, value, that label).
     */
    private static Map<Key, long[]> valueFamily(PoisoningReference reference, Map<Key, Long> batchCounts) {
        Map<Key, long[]> top = new HashMap<>();
        Map<Key, Key> topKey = new HashMap<>();
        batchCounts.forEach((k, c) -> {
            Key value = k.value();
            long[] best = top.get(value);
            if (best == null || c > best[0]) {
                top.put(value, new long[] {c});
                topKey.put(value, k);
            }
        });
        Map<Key, long[]> family = new HashMap<>();
        top.forEach((value, c) -> {
            long r = reference.tokens().upperBound(value.feature(), value.token());
            family.put(topKey.get(value), new long[] {c[0], r});
        });
        reference.tokens().asMap().forEach((feature, sketch) -> {
            for (LongsSketch.Row row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
                Key value = new Key(feature, row.getItem(), "");
                if (!top.containsKey(value) && row.getItem() != MISSING) {
                    family.put(value, new long[] {0, row.getUpperBound()});
                }
            }
        });
        return family;
    }

    /** Each key of either side with its {batch, reference} counts. */
    private static Map<Key, long[]> pairs(Map<Key, Long> batchCounts, Map<Key, Long> referenceCounts) {
        Map<Key, long[]> family = new HashMap<>();
        batchCounts.forEach((k, c) -> family.put(k, new long[] {c, referenceCounts.getOrDefault(k, 0L)}));
        referenceCounts.forEach((k, r) -> family.putIfAbsent(k, new long[] {0, r}));
        return family;
    }

    /**
     * The effective share of rows counted by sample contents with these counts ({@link ContentSample#effectiveRows}:
     * 1 when no content repeats). The labelled sample is a sample of the reference's contents chosen by hash, each
     * counted as often as it occurred, and a content's copies carry every one of its values and its label together,
     * so a value held by one content of 75 copies is nearly one observation, not 75, unless the sample holds nearly
     * every content of the reference.
     */
    static double effectiveShare(List<Long> counts, NeighbourSample sample) {
        return effectiveShare(
                counts, ContentSample.of(counts.size(), sample.distinctContents(), sample.rowsRepresented()));
    }

    static double effectiveShare(List<Long> counts, ContentSample design) {
        double rows = 0;
        double squares = 0;
        for (long c : counts) {
            rows += c;
            squares += (double) c * c;
        }
        return rows == 0 ? 1 : design.effectiveRows(rows, squares, rows) / rows;
    }

    /**
     * The candidates of one family of tests: every key seen at least twice in the batch that can reach the level. The
     * reference's counts and rows are taken at {@code referenceScale} of their value (its effective share, {@link
     * #effectiveShare}), rounded.
     */
    private static List<Candidate> family(
            Map<Key, long[]> counted,
            long rows,
            long referenceRowsCounted,
            double referenceScale,
            Side side,
            String against) {
        if (referenceScale >= 1) {
            return family(counted, rows, referenceRowsCounted, side, against);
        }
        Map<Key, long[]> scaled = new HashMap<>();
        counted.forEach((key, v) -> scaled.put(key, new long[] {v[0], Math.round(v[1] * referenceScale)}));
        return family(
                scaled,
                rows,
                Math.max(1, Math.round(referenceRowsCounted * referenceScale)),
                side,
                against + " (at its effective size: " + referenceRowsCounted + " rows whose contents repeat)");
    }

    private static List<Candidate> family(
            Map<Key, long[]> counts, long rows, long referenceRows, Side side, String against) {
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

    /**
     * (feature, token, label) counts of reference rows kept in the labelled sample ({@code entries}, each occurring
     * {@code counts} times) over the entries {@code only} marks (all when {@code null}), keyed like the batch's
     * token-label counts; each value's text goes into {@code names}.
     */
    private static Map<Key, Long> sampleCounts(
            FeatureBins bins,
            List<NeighbourSample.Entry> entries,
            List<Long> counts,
            double cellStd,
            boolean[] only,
            Map<Key, String> names) {
        Map<Key, Long> out = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (only == null || only[i]) {
                NeighbourSample.Entry entry = entries.get(i);
                countTokens(bins, entry.features(), entry.label(), counts.get(i), cellStd, out, names);
            }
        }
        return out;
    }

    /**
     * Adds {@code count} to each (feature, token, label) of one row's kept values ({@link NeighbourSample#values}):
     * the exact value's token and, for numbers, its grid cells; and each token's text to {@code names}.
     */
    private static void countTokens(
            FeatureBins bins,
            Map<String, Object> values,
            String label,
            long count,
            double cellStd,
            Map<Key, Long> out,
            Map<Key, String> names) {
        long[] cells = new long[2];
        for (Map.Entry<String, Object> f : values.entrySet()) {
            String feature = f.getKey();
            // kept values hold categorical values as tokens already, numeric ones as numbers
            Object value = f.getValue();
            String token = value instanceof String s ? s : RowFingerprints.token(value);
            long key = value instanceof String s ? TokenHashes.ofText(s) : TokenHashes.value(value);
            count(new Key(feature, key, label), token, count, out, names);
            if (bins.gridCells(feature, value, cellStd, cells)) {
                for (int g = 0; g < cells.length; g++) {
                    count(
                            new Key(feature, TokenHashes.cell(g, cells[g]), label),
                            FeatureBins.gridToken(g, cells[g]),
                            count,
                            out,
                            names);
                }
            }
        }
    }

    private static void count(Key key, String text, long count, Map<Key, Long> out, Map<Key, String> names) {
        out.merge(key, count, Long::sum);
        names.putIfAbsent(key.value(), text);
    }

    /**
     * A (feature, value, label) the check counts: the value as its token's key ({@link TokenHashes}); the label is
     * empty for a value's count over every label.
     */
    record Key(String feature, long token, String label) {
        /** This key's (feature, value), with the empty label. */
        Key value() {
            return label.isEmpty() ? this : new Key(feature, token, "");
        }
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
            Key key,
            long batchCount,
            long batchRows,
            long referenceCount,
            long referenceRows,
            double p,
            double level,
            double lift,
            Side side,
            String against) {
        /**
         * By {@link #margin}, ties broken by side and key: the candidates come out of hash maps, whose iteration order
         * is no contract, and the score and evidence must not change with it.
         */
        static final Comparator<Candidate> MOST_SIGNIFICANT_FIRST = Comparator.comparingDouble(Candidate::margin)
                .thenComparing(Candidate::side)
                .thenComparing(c -> c.key().feature())
                .thenComparingLong(c -> c.key().token())
                .thenComparing(c -> c.key().label());

        /** How far below its family's level: the most significant first across families. */
        double margin() {
            return p / level;
        }

        /** @param text the text of the value's token, or {@code null} when it was not kept */
        String describe(FeatureBins bins, double cellStd, String text) {
            String feature = key.feature();
            String value = text == null
                    ? String.format(
                            Locale.ROOT, "%s = the value of key %016x (its text was not kept)", feature, key.token())
                    : FeatureBins.isGridToken(text)
                            ? bins.describeGridToken(feature, text, cellStd)
                            : feature + " = " + RowFingerprints.describeToken(text);
            return String.format(
                    Locale.ROOT,
                    "%s with label '%s' in %d of %d %s vs %d of %d rows of %s (binomial p %.2g, level %.2g)",
                    value,
                    key.label(),
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
