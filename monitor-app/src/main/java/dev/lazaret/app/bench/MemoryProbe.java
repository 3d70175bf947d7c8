package dev.lazaret.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak heap (sampled from the {@link MemoryMXBean}) and peak resident memory (the kernel's VmHWM) over a phase.
 * VmHWM is reset at the start by writing "5" to /proc/self/clear_refs where the kernel permits it; where it does
 * not, the figure is the process peak so far, and {@link #rssReset()} says so.
 */
final class MemoryProbe implements AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final long SAMPLE_MS = 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final boolean rssReset;
    private volatile boolean running = true;
    private volatile long peakHeap;

    MemoryProbe() {
        rssReset = resetHighWaterMark();
        peakHeap = memory.getHeapMemoryUsage().getUsed();
        sampler = new Thread(this::sample, "bench-memory-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    long peakHeapBytes() {
        return peakHeap;
    }

    /** VmHWM in bytes, or -1 when /proc is not readable. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    boolean rssReset() {
        return rssReset;
    }

    private void sample() {
        while (running) {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean resetHighWaterMark() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(1_000);
    }
}
