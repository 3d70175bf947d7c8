package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Checks on labels: the overall label distribution, and the label distribution inside each feature bin. */
final class LabelShiftChecks {
    static final String LABEL_SHIFT = "label-shift";
    static final String LABEL_FLIP = "label-flip";
    private static final int MAX_EVIDENCE_BINS = 3;

    private LabelShiftChecks() {}

    /** G-test of batch vs reference label counts, flagged only above the TVD floor. Score: TVD. */
    static PoisoningSignal labelShift(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        List<String> labels =
                unionKeys(reference.labels().asMap(), batch.labels().asMap());
        long[] ref = counts(reference.labels().asMap(), labels);
        long[] cur = counts(batch.labels().asMap(), labels);
        ContingencyResult g = ContingencyStatistic.gTest(new long[][] {ref, cur});
        double tvd = ContingencyStatistic.totalVariation(ref, cur);
        boolean flagged = g.pValue() < config.labelShiftAlpha() && tvd >= config.labelShiftMinTvd();
        String evidence = String.format(
                "label shares %s in %d batch rows vs %s in %d reference rows; TVD %.4f, G %.2f, p %.3g",
                shares(labels, cur),
                batch.rows(),
                shares(labels, ref),
                reference.rows(),
                tvd,
                g.statistic(),
                g.pValue());
        return new PoisoningSignal(LABEL_SHIFT, tvd, config.labelShiftMinTvd(), flagged, evidence);
    }

    /**
     * Per (feature, bin) G-test of the label mix against the reference, Benjamini-Hochberg across all tested bins,
     * then the TVD floor. Score: the largest TVD among the bins that pass the FDR control.
     */
    static PoisoningSignal labelFlip(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        List<BinTest> tests = new ArrayList<>();
        reference
                .binLabels()
                .asMap()
                .forEach((feature, byBin) -> byBin.forEach((bin, refCounts) -> {
                    Map<String, Long> curCounts = batch.binLabels().counts(feature, bin);
                    if (total(refCounts) >= config.flipMinBinRows() && total(curCounts) >= config.flipMinBinRows()) {
                        List<String> labels = unionKeys(refCounts, curCounts);
                        long[] ref = counts(refCounts, labels);
                        long[] cur = counts(curCounts, labels);
                        double p = ContingencyStatistic.gTest(new long[][] {ref, cur})
                                .pValue();
                        tests.add(new BinTest(
                                feature, bin, labels, ref, cur, p, ContingencyStatistic.totalVariation(ref, cur)));
                    }
                }));
        boolean[] discovered = FalseDiscoveryStatistic.benjaminiHochberg(
                tests.stream().mapToDouble(BinTest::p).toArray(), config.flipFdr());
        List<BinTest> findings = new ArrayList<>();
        double score = 0;
        for (int i = 0; i < tests.size(); i++) {
            if (discovered[i]) {
                score = Math.max(score, tests.get(i).tvd());
                if (tests.get(i).tvd() >= config.flipMinTvd()) {
                    findings.add(tests.get(i));
                }
            }
        }
        findings.sort(Comparator.comparingDouble(BinTest::tvd).reversed());
        String evidence;
        if (findings.isEmpty()) {
            evidence = String.format(
                    "%d (feature, bin) label mixes tested, %d significant at FDR %.3g, none moved by TVD >= %.2f",
                    tests.size(), count(discovered), config.flipFdr(), config.flipMinTvd());
        } else {
            evidence = findings.stream()
                    .limit(MAX_EVIDENCE_BINS)
                    .map(t -> t.describe(reference.bins()))
                    .collect(Collectors.joining("; ", findings.size() + " bins with moved label mix: ", ""));
        }
        return new PoisoningSignal(LABEL_FLIP, score, config.flipMinTvd(), !findings.isEmpty(), evidence);
    }

    private record BinTest(
            String feature, String bin, List<String> labels, long[] ref, long[] cur, double p, double tvd) {
        String describe(FeatureBins bins) {
            return String.format(
                    "%s: label shares %s -> %s (%d reference rows, %d batch rows, TVD %.3f, p %.3g)",
                    bins.describe(feature, bin), shares(labels, ref), shares(labels, cur), sum(ref), sum(cur), tvd, p);
        }
    }

    static List<String> unionKeys(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return new ArrayList<>(keys);
    }

    static long[] counts(Map<String, Long> c, List<String> keys) {
        return keys.stream().mapToLong(k -> c.getOrDefault(k, 0L)).toArray();
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    static String shares(List<String> labels, long[] counts) {
        long n = sum(counts);
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            out.put(labels.get(i), String.format("%.3f", n == 0 ? 0 : counts[i] / (double) n));
        }
        return out.toString();
    }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }
}
