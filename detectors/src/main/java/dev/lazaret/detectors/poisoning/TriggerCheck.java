package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Backdoor-trigger candidates: a feature value (an exact value, or a narrow cell of a numeric feature's range) that
 * comes with one label far more often in the batch than in the reference's labelled sample. A dirty-label backdoor
 * plants exactly that: one value on a feature, even one well inside the reference's range, always with the attacker's
 * label.
 *
 * <p>For a (feature, value, label) seen {@code c} times among the batch's {@code n} rows and {@code r} times among the
 * sample's {@code m} rows, under "same population" {@code c} given {@code T = c + r} is binomial with chance {@code n /
 * (n + m)} (the exact conditional test of two Poisson rates), whatever the value's frequency and however the label
 * depends on it. Every (feature, value, label) in either is a hypothesis; Tarone's refinement of Bonferroni counts
 * only those whose smallest attainable p ({@code chance^T}) could reach the level, so the many values of a continuous
 * feature seen once or twice cost nothing. Flagged at the Tarone level of {@link #ALPHA} when the value is also
 * concentrated (at least {@code triggerMinBatchShare} of the batch) and at least {@code triggerMinLift} times its
 * sample share (plus one row, so an unseen value counts as seen once): effect floors for very large batches. Score:
 * that lift of the most significant candidate.
 */
final class TriggerCheck {
    static final String NAME = "backdoor-trigger";
    static final double ALPHA = 1e-3;
    private static final int MAX_EVIDENCE = 3;
    private static final char SEPARATOR = '\u0000';

    private TriggerCheck() {}

    static PoisoningSignal evaluate(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        long rows = batch.rows();
        NeighbourSample sample = reference.sample();
        if (rows == 0 || sample == null || sample.size() == 0) {
            return new PoisoningSignal(
                    NAME,
                    0,
                    config.triggerMinLift(),
                    false,
                    rows == 0 ? "empty batch" : "no labelled reference sample to compare with");
        }
        long sampleRows = sample.counts().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> sampleCounts = sampleCounts(reference.bins(), sample, config.triggerCellStd());
        Map<String, Long> batchCounts = new HashMap<>(batch.tokenLabelCounts());
        // a missing value is a data-quality matter (the missing-share checks), and the sample does not keep it
        batchCounts.keySet().removeIf(k -> k.contains(SEPARATOR + RowFingerprints.token(null) + SEPARATOR));
        double chance = rows / (double) (rows + sampleRows);
        long[] totals = new long[batchCounts.size() + sampleCounts.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : batchCounts.entrySet()) {
            totals[i++] = e.getValue() + sampleCounts.getOrDefault(e.getKey(), 0L);
        }
        for (Map.Entry<String, Long> e : sampleCounts.entrySet()) {
            if (!batchCounts.containsKey(e.getKey())) {
                totals[i++] = e.getValue();
            }
        }
        TaroneLevel tarone = TaroneLevel.of(java.util.Arrays.copyOf(totals, i), chance, ALPHA);
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Long> e : batchCounts.entrySet()) {
            long c = e.getValue();
            long r = sampleCounts.getOrDefault(e.getKey(), 0L);
            if (c < 2 || !tarone.counts(c + r)) {
                continue;
            }
            double p = BinomialDistribution.of(Math.toIntExact(c + r), chance).survivalProbability((int) c - 1);
            double lift = (c / (double) rows) / ((r + 1) / (double) (sampleRows + 1));
            candidates.add(new Candidate(e.getKey(), c, r, p, lift));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::p));
        List<Candidate> flagged = candidates.stream()
                .filter(c -> c.p() <= tarone.level()
                        && c.batchCount() >= config.triggerMinBatchShare() * rows
                        && c.lift() >= config.triggerMinLift())
                .collect(Collectors.toList());
        double score = flagged.isEmpty()
                ? candidates.stream()
                        .filter(c -> c.p() <= tarone.level())
                        .mapToDouble(Candidate::lift)
                        .max()
                        .orElse(0)
                : flagged.get(0).lift();
        String head = String.format(
                Locale.ROOT,
                "%d (feature, value, label) combinations could reach the level %.2g (alpha %.0e, Tarone); ",
                tarone.counted(),
                tarone.level(),
                ALPHA);
        List<Candidate> shown = flagged.isEmpty() ? candidates : flagged;
        String evidence = head
                + (shown.isEmpty()
                        ? "no value comes with one label more often than the reference's sample allows"
                        : shown.stream()
                                .limit(MAX_EVIDENCE)
                                .map(c -> c.describe(reference.bins(), config.triggerCellStd(), rows, sampleRows))
                                .collect(Collectors.joining(
                                        "; ",
                                        flagged.isEmpty()
                                                ? "most significant (below the effect floors): "
                                                : "trigger candidates: ",
                                        "")));
        return new PoisoningSignal(NAME, score, config.triggerMinLift(), !flagged.isEmpty(), evidence);
    }

    /** (feature, token, label) counts of the reference's labelled sample, keyed like the batch's token-label counts. */
    private static Map<String, Long> sampleCounts(FeatureBins bins, NeighbourSample sample, double cellStd) {
        Map<String, Long> out = new HashMap<>();
        List<NeighbourSample.Entry> entries = sample.entries();
        List<Long> counts = sample.counts();
        for (int i = 0; i < entries.size(); i++) {
            NeighbourSample.Entry entry = entries.get(i);
            long count = counts.get(i);
            for (Map.Entry<String, Object> f : entry.features().entrySet()) {
                // the sample keeps categorical values as tokens already, numeric ones as numbers
                Object value = f.getValue();
                String token = value instanceof String s ? s : RowFingerprints.token(value);
                out.merge(key(f.getKey(), token, entry.label()), count, Long::sum);
                String[] cells = bins.gridTokens(f.getKey(), value, cellStd);
                if (cells != null) {
                    for (String cell : cells) {
                        out.merge(key(f.getKey(), cell, entry.label()), count, Long::sum);
                    }
                }
            }
        }
        return out;
    }

    static String key(String feature, String token, String label) {
        return feature + SEPARATOR + token + SEPARATOR + label;
    }

    private record Candidate(String key, long batchCount, long sampleCount, double p, double lift) {
        String describe(FeatureBins bins, double cellStd, long rows, long sampleRows) {
            String[] parts = key.split(String.valueOf(SEPARATOR), 3);
            String value = FeatureBins.isGridToken(parts[1])
                    ? bins.describeGridToken(parts[0], parts[1], cellStd)
                    : parts[0] + " = " + RowFingerprints.describeToken(parts[1]);
            return String.format(
                    Locale.ROOT,
                    "%s with label '%s' in %d of %d batch rows vs %d of %d reference sample rows (binomial p %.2g)",
                    value,
                    parts[2],
                    batchCount,
                    rows,
                    sampleCount,
                    sampleRows,
                    p);
        }
    }
}
