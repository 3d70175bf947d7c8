package dev.lazaret.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The results as a Markdown table: per phase, the median over the runs of each figure (records/s with its range),
 * and its rate as a ratio to the passthrough baseline (the first phase) of the same runs.
 */
final class BenchReport {
    private BenchReport() {}

    /** @param runs each run's results, phases in the same order in every run, the baseline first */
    static String markdown(List<List<PhaseResult>> runs) {
        Map<String, List<PhaseResult>> byPhase = new LinkedHashMap<>();
        for (List<PhaseResult> run : runs) {
            for (PhaseResult r : run) {
                byPhase.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
            }
        }
        List<List<PhaseResult>> phases = new ArrayList<>(byPhase.values());
        double baseline = median(phases.get(0), PhaseResult::recordsPerSecond);
        boolean acknowledged = runs.stream()
                .flatMap(List::stream)
                .anyMatch(r -> r.lastRecordSource() == LastRecordLatency.Source.ACKNOWLEDGED);
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "medians of %d run%s (records/s: median, min–max)%n",
                runs.size(),
                runs.size() == 1 ? "" : "s"));
        out.append("| phase | records | records/s | range | ratio to passthrough | p50 ms | p99 ms "
                + "| after window close p50/p99 ms | "
                + (acknowledged ? "last record acked → verdict" : "last record stored → verdict")
                + " p50/p99 ms | wall s | CPU s (process) | CPU s (stream threads) | peak heap MiB | peak RSS MiB |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<PhaseResult> p : phases) {
            PhaseResult first = p.get(0);
            double rate = median(p, PhaseResult::recordsPerSecond);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,.0f | %,.0f–%,.0f | %.2f | %s | %s | %s | %s | %.1f | %.1f | %.1f | %d | %s |%n",
                    first.name(),
                    first.records(),
                    rate,
                    min(p, PhaseResult::recordsPerSecond),
                    max(p, PhaseResult::recordsPerSecond),
                    rate / baseline,
                    ms(median(p, r -> r.latency().p50Ms())),
                    ms(median(p, r -> r.latency().p99Ms())),
                    pair(p, PhaseResult::afterClose),
                    pair(p, PhaseResult::afterLastRecord),
                    median(p, r -> r.cpu().wallSeconds()),
                    median(p, r -> r.cpu().processSeconds()),
                    median(p, r -> r.cpu().streamThreadSeconds()),
                    (long) max(p, r -> r.peakHeapBytes()) >> 20,
                    p.stream().anyMatch(r -> r.peakRssBytes() < 0)
                            ? "n/a"
                            : Long.toString((long) max(p, r -> r.peakRssBytes()) >> 20)));
        }
        for (List<PhaseResult> p : phases.subList(1, phases.size())) {
            out.append(String.format(
                    Locale.ROOT,
                    "ratio %s/passthrough: %.2f%n",
                    p.get(0).name(),
                    median(p, PhaseResult::recordsPerSecond) / baseline));
        }
        if (acknowledged) {
            out.append("last record → verdict starts at the producer's acknowledgement of the batch's last record "
                    + "(the verdicts carry no last_record_ms)\n");
        }
        for (List<PhaseResult> p : phases) {
            for (int run = 0; run < p.size(); run++) {
                for (String note : p.get(run).notes()) {
                    out.append(String.format(
                            Locale.ROOT, "%s, run %d: %s%n", p.get(0).name(), run + 1, note));
                }
            }
        }
        return out.toString();
    }

    /**
     * One phase of one run, printed as it ends. The table's medians hide which run was which; this shows, for one,
     * a first run whose passthrough went at a third of the later runs' rate (in a fresh JVM the JIT has not compiled
     * Kafka's paths yet), and the ratio to the same run's passthrough beside it.
     */
    static String runLine(int run, PhaseResult result, PhaseResult passthrough) {
        return String.format(
                Locale.ROOT,
                "bench: run %d, %s: %,.0f records/s, %.2f × this run's passthrough (%,.0f), CPU s %.1f (stream threads)%n",
                run,
                result.name(),
                result.recordsPerSecond(),
                result.recordsPerSecond() / passthrough.recordsPerSecond(),
                passthrough.recordsPerSecond(),
                result.cpu().streamThreadSeconds());
    }

    private static String pair(List<PhaseResult> p, java.util.function.Function<PhaseResult, Percentiles> latency) {
        if (p.stream().anyMatch(r -> latency.apply(r) == null)) {
            return "-";
        }
        return ms(median(p, r -> latency.apply(r).p50Ms())) + " / "
                + ms(median(p, r -> latency.apply(r).p99Ms()));
    }

    /** Milliseconds, or "-" where there were no samples (a scale-out phase has no paced part). */
    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** The median (the mean of the middle two for an even count). */
    static double median(List<PhaseResult> p, ToDoubleFunction<PhaseResult> figure) {
        double[] v = p.stream().mapToDouble(figure).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    private static double min(List<PhaseResult> p, ToDoubleFunction<PhaseResult> figure) {
        return Arrays.stream(p.stream().mapToDouble(figure).toArray()).min().orElse(Double.NaN);
    }

    private static double max(List<PhaseResult> p, ToDoubleFunction<PhaseResult> figure) {
        return Arrays.stream(p.stream().mapToDouble(figure).toArray()).max().orElse(Double.NaN);
    }
}
