package dev.lazaret.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time over a phase, beside its wall time. Two figures, because the bench is one process: the whole process
 * (the monitor's Kafka Streams threads, but also the embedded broker, the bench's producers and readers, JIT and
 * GC), and the stream threads of the measured application alone (thread names start with its application id), which
 * is the monitor's own processing.
 */
final class CpuProbe {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final String threadPrefix;
    private final long startNanos;
    private final long startProcessCpu;
    private final Map<Long, Long> startThreadCpu;

    /** @param threadPrefix the application id, which begins the names of its stream threads */
    CpuProbe(String threadPrefix) {
        this.threadPrefix = threadPrefix;
        this.startNanos = System.nanoTime();
        this.startProcessCpu = os.getProcessCpuTime();
        this.startThreadCpu = threadCpu();
    }

    /** CPU and wall seconds since construction. */
    CpuTime stop() {
        long wall = System.nanoTime() - startNanos;
        long process = os.getProcessCpuTime() - startProcessCpu;
        long streams = 0;
        for (Map.Entry<Long, Long> t : threadCpu().entrySet()) {
            streams += t.getValue() - startThreadCpu.getOrDefault(t.getKey(), 0L);
        }
        return new CpuTime(wall / 1e9, process / 1e9, streams / 1e9);
    }

    private Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return cpu;
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(threadPrefix)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }

    /**
     * @param wallSeconds elapsed
     * @param processSeconds CPU of the whole process (broker, producers and readers included), or negative if the JVM
     *     cannot tell
     * @param streamThreadSeconds CPU of the application's threads (names starting with its application id)
     */
    record CpuTime(double wallSeconds, double processSeconds, double streamThreadSeconds) {}
}
