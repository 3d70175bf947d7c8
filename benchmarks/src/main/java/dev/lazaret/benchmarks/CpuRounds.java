package dev.lazaret.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntPredicate;

/** Rounds of an operation timed by this thread's CPU time, as the {@code *Cpu} harnesses print them. */
final class CpuRounds {
    private CpuRounds() {}

    /**
     * Runs {@code operation} on 0 to {@code count - 1} in each of {@code warmUp + rounds} rounds and returns {@code
     * title} followed by each round's ns of CPU per operation (warm-up rounds in parentheses).
     *
     * @param operation true when the operation gave what was expected (a valid parse)
     * @throws IllegalStateException if it did not every time
     */
    static String nanosPerOperation(String title, int count, int warmUp, int rounds, IntPredicate operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder line = new StringBuilder(title);
        long expected = 0;
        for (int r = 0; r < warmUp + rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < count; i++) {
                if (operation.test(i)) {
                    expected++;
                }
            }
            double nanos = (double) (threads.getCurrentThreadCpuTime() - start) / count;
            line.append(String.format(Locale.ROOT, r < warmUp ? " (warm-up %.0f)" : " %.0f", nanos));
        }
        if (expected != (long) count * (warmUp + rounds)) {
            throw new IllegalStateException(
                    "only " + expected + " of " + (long) count * (warmUp + rounds) + " as expected");
        }
        return line.toString();
    }
}
