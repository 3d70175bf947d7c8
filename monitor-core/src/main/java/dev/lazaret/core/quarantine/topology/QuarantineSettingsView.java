package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.detectors.embedding.ProjectionSettings;

/** The quarantine settings the processor reads, taken from the configuration once. */
record QuarantineSettingsView(
        long batchTimeoutMs,
        int chunkRecords,
        int releaseChunkBytes,
        long punctuateIntervalMs,
        long replayFilterRecords,
        ProjectionSettings projections,
        int evaluationThreads) {

    static QuarantineSettingsView of(MonitorConfig config) {
        return new QuarantineSettingsView(
                config.getLong(QuarantineSettings.BATCH_TIMEOUT_MS_CONFIG),
                config.getInt(QuarantineSettings.RELEASE_CHUNK_RECORDS_CONFIG),
                config.getInt(QuarantineSettings.RELEASE_CHUNK_BYTES_CONFIG),
                config.getLong(QuarantineSettings.PUNCTUATE_INTERVAL_MS_CONFIG),
                config.getLong(QuarantineSettings.REPLAY_FILTER_CAPACITY_CONFIG),
                QuarantineSettings.embeddingProjections(config),
                config.getInt(QuarantineSettings.EVALUATION_THREADS_CONFIG));
    }
}
