package dev.lazaret.app.bench;

/**
 * What one benchmark phase measured.
 *
 * @param name the phase
 * @param records records consumed in the throughput part
 * @param recordsPerSecond consumption rate from the first committed progress to completion
 * @param latency produced to output, in the paced part
 * @param afterClose output time after the window's close time (window end plus grace); null where there are no
 *     windows
 * @param peakHeapBytes highest sampled heap use (broker included: it shares the JVM)
 * @param peakRssBytes VmHWM of the process over the phase, or -1 when unreadable
 */
public record PhaseResult(
        String name,
        long records,
        double recordsPerSecond,
        Percentiles latency,
        Percentiles afterClose,
        long peakHeapBytes,
        long peakRssBytes) {}
