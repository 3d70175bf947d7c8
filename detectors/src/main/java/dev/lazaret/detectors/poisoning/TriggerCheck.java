package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Backdoor-trigger candidates: a feature value rare in the reference, concentrated in the batch and nearly pure in
 * one label. Score: the highest label purity among rare, concentrated values with enough support.
 */
final class TriggerCheck {
    static final String NAME = "backdoor-trigger";
    private static final int MAX_EVIDENCE = 3;

    private TriggerCheck() {}

    static PoisoningSignal evaluate(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        long rows = batch.rows();
        if (rows == 0) {
            return new PoisoningSignal(NAME, 0, config.triggerMinPurity(), false, "empty batch");
        }
        long minCount = Math.max(config.triggerMinSupport(), (long) Math.ceil(config.triggerMinBatchShare() * rows));
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, ItemsSketch<String>> e : batch.tokens().asMap().entrySet()) {
            String feature = e.getKey();
            for (ItemsSketch.Row<String> item : e.getValue().getFrequentItems(minCount, ErrorType.NO_FALSE_NEGATIVES)) {
                long support = item.getEstimate();
                double batchShare = support / (double) rows;
                double refShare = reference.rows() == 0
                        ? 0
                        : reference.tokens().estimate(feature, item.getItem()) / (double) reference.rows();
                double lift = refShare == 0 ? Double.POSITIVE_INFINITY : batchShare / refShare;
                if (support < minCount
                        || refShare >= config.triggerMaxReferenceShare()
                        || lift < config.triggerMinLift()) {
                    continue;
                }
                Map<String, Long> byLabel = batch.tokenLabelEstimates(feature, item.getItem());
                String top = null;
                long topCount = 0;
                for (Map.Entry<String, Long> l : byLabel.entrySet()) {
                    if (l.getValue() > topCount) {
                        top = l.getKey();
                        topCount = l.getValue();
                    }
                }
                double purity = Math.min(1.0, topCount / (double) support);
                String value = FeatureBins.isGridToken(item.getItem())
                        ? reference.bins().describeGridToken(feature, item.getItem(), config.triggerCellStd())
                        : feature + " = " + RowFingerprints.describeToken(item.getItem());
                candidates.add(new Candidate(value, support, batchShare, refShare, top, purity));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::purity).reversed());
        double score = candidates.isEmpty() ? 0 : candidates.get(0).purity();
        List<Candidate> flagged = candidates.stream()
                .filter(c -> c.purity() >= config.triggerMinPurity())
                .collect(Collectors.toList());
        String evidence;
        if (candidates.isEmpty()) {
            evidence = String.format(
                    "no value with reference share < %.3g%% reaches %d rows (%.3g%%) of %d batch rows",
                    100 * config.triggerMaxReferenceShare(), minCount, 100.0 * minCount / rows, rows);
        } else {
            evidence = (flagged.isEmpty() ? candidates : flagged)
                    .stream()
                            .limit(MAX_EVIDENCE)
                            .map(Candidate::describe)
                            .collect(Collectors.joining(
                                    "; ",
                                    flagged.isEmpty()
                                            ? "rare concentrated values, none label-pure: "
                                            : "trigger candidates: ",
                                    ""));
        }
        return new PoisoningSignal(NAME, score, config.triggerMinPurity(), !flagged.isEmpty(), evidence);
    }

    private record Candidate(
            String value, long support, double batchShare, double refShare, String label, double purity) {
        String describe() {
            return String.format(
                    "%s in %d rows (%.2f%% of batch vs %.4f%% of reference), label '%s' purity %.3f",
                    value, support, 100 * batchShare, 100 * refShare, label, purity);
        }
    }
}
