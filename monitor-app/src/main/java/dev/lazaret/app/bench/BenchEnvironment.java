package dev.lazaret.app.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * What every phase shares: the broker, the sizes and where progress goes.
 *
 * @param bootstrapServers the embedded broker
 * @param admin a client of it
 * @param dataDir the run's fresh temporary directory (each phase takes a subdirectory)
 * @param partitions partitions of every input topic
 * @param streamThreads Kafka Streams threads of every phase's application, the passthrough's included
 * @param events records of the throughput part
 * @param pacedPerSecond records per second of the paced (latency) part
 * @param pacedSeconds duration of the paced part
 * @param monitorSettings Lazaret settings the drift and quarantine applications take over the bench's own
 * @param progress where progress lines go
 */
record BenchEnvironment(
        String bootstrapServers,
        Admin admin,
        Path dataDir,
        int partitions,
        int streamThreads,
        long events,
        int pacedPerSecond,
        int pacedSeconds,
        Map<String, String> monitorSettings,
        PrintStream progress) {

    CommittedProgress committedProgress() {
        return new CommittedProgress(admin, progress);
    }

    /** Generous: a phase that cannot do its events in this long is broken, not slow. */
    long timeoutMs() {
        return 600_000;
    }
}
