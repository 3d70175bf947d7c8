package dev.lazaret.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private static final String LOG = "org.slf4j.simpleLogger.log.";

    @Test
    void shouldKeepKafkasRoutineWarningsOutOfTheLogWhenTheLevelIsInfo() {
        Map<String, String> levels = Logging.levels("info");

        assertThat(levels)
                .containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "warn")
                .containsEntry(LOG + "dev.lazaret", "info")
                .containsEntry(LOG + "kafka.server.ReplicaManager", "off")
                .containsEntry(LOG + "org.apache.kafka.clients.consumer.internals", "error")
                .containsEntry(LOG + "org.apache.kafka.streams.StreamsConfig", "error");
        // a state directory under /tmp is the user's to fix: Streams' warning stays
        assertThat(levels).doesNotContainKey(LOG + "org.apache.kafka.streams.processor.internals.StateDirectory");
    }

    @Test
    void shouldBringBackKafkasFullDetailWhenTheLevelIsDebug() {
        Map<String, String> levels = Logging.levels("debug");

        assertThat(levels).containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "info");
        assertThat(levels.keySet())
                .noneMatch(key -> key.startsWith(LOG + "kafka") || key.startsWith(LOG + "org.apache"));
        assertThat(Logging.levels("trace")).containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
}
