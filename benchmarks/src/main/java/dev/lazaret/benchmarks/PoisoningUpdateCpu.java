package dev.lazaret.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link PoisoningUpdateBenchmark}'s two per-row updates timed by this thread's CPU time instead of the wall clock:
 * on a machine that other work oversubscribes, JMH's wall-clock scores carry error bars larger than themselves, while
 * a thread's CPU time moves much less. Each round starts a fresh batch (and candidate) and feeds it {@code rows} rows,
 * as a batch of that size sees them (the label-consistency votes of its first rows included).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.lazaret.benchmarks.PoisoningUpdateCpu [rows] [warm-up
 * rounds] [rounds]} (defaults 50000 2 3). Prints µs of CPU per row for each measured round.
 */
public final class PoisoningUpdateCpu {
    private PoisoningUpdateCpu() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PoisoningUpdateBenchmark bench = new PoisoningUpdateBenchmark();
        bench.setUp();
        for (boolean batch : new boolean[] {true, false}) {
            StringBuilder line = new StringBuilder(batch ? "batch update" : "candidate reference update");
            line.append(", µs CPU per row:");
            for (int r = 0; r < warmUp + rounds; r++) {
                bench.newBatch();
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < rows; i++) {
                    if (batch) {
                        bench.batchUpdatePerRowOf20Features();
                    } else {
                        bench.candidateReferenceUpdatePerRowOf20Features();
                    }
                }
                double micros = (threads.getCurrentThreadCpuTime() - start) / 1e3 / rows;
                line.append(String.format(Locale.ROOT, r < warmUp ? " (warm-up %.1f)" : " %.1f", micros));
            }
            System.out.println(line);
        }
    }
}
