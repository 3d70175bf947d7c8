package dev.lazaret.app.bench;

import java.util.List;

/**
 * What one run of one benchmark phase measured.
 *
 * @param name the phase
 * @param records records consumed in the throughput part
 * @param recordsPerSecond consumption rate from the first committed progress to completion
 * @param latency produced to output, in the paced part (quarantine: manifest sent to verdict)
 * @param afterClose output time after the window's close time (window end plus grace); null where there are no
 *     windows
 * @param afterLastRecord quarantine: a batch's last record to its verdict; null elsewhere
 * @param lastRecordSource where {@code afterLastRecord} starts ({@link LastRecordLatency.Source}); null with it
 * @param cpu wall and CPU seconds of the phase
 * @param peakHeapBytes highest sampled heap use (broker included: it shares the JVM)
 * @param peakRssBytes VmHWM of the process over the phase, or -1 when unreadable
 * @param notes lines printed under the table (the partition spread of a scale-out phase)
 */
public record PhaseResult(
        String name,
        long records,
        double recordsPerSecond,
        Percentiles latency,
        Percentiles afterClose,
        Percentiles afterLastRecord,
        LastRecordLatency.Source lastRecordSource,
        CpuProbe.CpuTime cpu,
        long peakHeapBytes,
        long peakRssBytes,
        List<String> notes) {

    public PhaseResult {
        notes = List.copyOf(notes);
    }
}
