package dev.lazaret.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseDefaultsWhenNothingIsSet() {
        MonitorConfig config = ConfigLoader.load(null, Map.of(), Map.of());

        assertThat(config.usesEmbeddedBroker()).isTrue();
        assertThat(config.getInt(MonitorConfig.HTTP_PORT_CONFIG)).isEqualTo(8080);
        assertThat(config.getString(MonitorConfig.TOPIC_PREFIX_CONFIG)).isEqualTo("lazaret.");
    }

    @Test
    void shouldLetEnvironmentOverrideFileAndFlagsOverrideEnvironment() throws Exception {
        Path file = dir.resolve("lazaret.properties");
        Files.writeString(file, "http.port=1000\ntopic.partitions=4\napplication.id=from-file\n");

        MonitorConfig config = ConfigLoader.load(
                file,
                Map.of(
                        "LAZARET_HTTP_PORT",
                        "2000",
                        "LAZARET_TOPIC_PARTITIONS",
                        "5",
                        "PATH",
                        "/usr/bin",
                        "LAZARET_JAVA_OPTS",
                        "-Xmx512m"),
                Map.of("http.port", "3000"));

        assertThat(config.getInt(MonitorConfig.HTTP_PORT_CONFIG)).isEqualTo(3000);
        assertThat(config.getInt(MonitorConfig.TOPIC_PARTITIONS_CONFIG)).isEqualTo(5);
        assertThat(config.getString(MonitorConfig.APPLICATION_ID_CONFIG)).isEqualTo("from-file");
    }

    @Test
    void shouldPassKafkaSettingsThroughWithoutThePrefix() {
        MonitorConfig config = ConfigLoader.load(
                null, Map.of("LAZARET_KAFKA_COMMIT_INTERVAL_MS", "250"), Map.of("kafka.producer.linger.ms", "5"));

        assertThat(config.kafkaOverrides())
                .containsEntry("commit.interval.ms", "250")
                .containsEntry("producer.linger.ms", "5");
    }

    @Test
    void shouldRejectAnUnknownKeyNamingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("http.prot", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.prot'")
                .hasMessageContaining("'1'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldRejectABadValueNamingKeyValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("log.level", "loud")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'loud' for configuration key 'log.level'; accepted: one of "
                        + "[trace, debug, info, warn, error]");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LAZARET_HTTP_PORT", "70000"), Map.of()))
                .hasMessageContaining("'http.port'")
                .hasMessageContaining("[0,...,65535]");
    }

    @Test
    void shouldAcceptBinaryAndMulticlassEstimationTargetsAndRejectBadMulticlassForms() {
        assertThat(ConfigLoader.load(
                                null,
                                Map.of(),
                                Map.of("drift.performance.estimate.models", "fraud:score:1,iris:scores:a|b|c"))
                        .getList("drift.performance.estimate.models"))
                .containsExactly("fraud:score:1", "iris:scores:a|b|c");
        for (String bad : List.of("iris:score:a|b", "iris:scores:a|a", "iris:scores:a||b")) {
            assertThatThrownBy(
                            () -> ConfigLoader.load(null, Map.of(), Map.of("drift.performance.estimate.models", bad)))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("drift.performance.estimate.models")
                    .hasMessageContaining("model:scores:a|b|c (2 to 32 distinct classes)");
        }
    }

    @Test
    void shouldReportAnUnreadableFile() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.properties");
    }
}
