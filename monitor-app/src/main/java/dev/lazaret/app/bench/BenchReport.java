package dev.lazaret.app.bench;

import java.util.List;
import java.util.Locale;

/** The results as a Markdown table, each phase's rate also as a ratio to the passthrough baseline (the first). */
final class BenchReport {
    private BenchReport() {}

    static String markdown(List<PhaseResult> results) {
        double baseline = results.get(0).recordsPerSecond();
        StringBuilder out = new StringBuilder();
        out.append("| phase | records | records/s | ratio to passthrough | p50 ms | p99 ms "
                + "| after window close p50/p99 ms | peak heap MiB | peak RSS MiB |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PhaseResult r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,.0f | %.2f | %.0f | %.0f | %s | %d | %s |%n",
                    r.name(),
                    r.records(),
                    r.recordsPerSecond(),
                    r.recordsPerSecond() / baseline,
                    r.latency().p50Ms(),
                    r.latency().p99Ms(),
                    r.afterClose() == null
                            ? "-"
                            : String.format(
                                    Locale.ROOT,
                                    "%.0f / %.0f",
                                    r.afterClose().p50Ms(),
                                    r.afterClose().p99Ms()),
                    r.peakHeapBytes() >> 20,
                    r.peakRssBytes() < 0 ? "n/a" : Long.toString(r.peakRssBytes() >> 20)));
        }
        for (PhaseResult r : results.subList(1, results.size())) {
            out.append(String.format(
                    Locale.ROOT, "ratio %s/passthrough: %.2f%n", r.name(), r.recordsPerSecond() / baseline));
        }
        return out.toString();
    }
}
