package dev.lazaret.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The deployment files checked by the tools that will read them: promtool (rules, config, rule unit tests), amtool
 * (Alertmanager config and its routing by severity) and docker-compose 1.29 (the compose file, offline). A missing
 * tool fails the test; .ci/run installs them.
 */
class DeploymentToolsTest {
    private static final Path ROOT = ObservabilityFiles.ROOT;

    @Test
    void shouldPassPromtoolRuleCheckAndRuleUnitTests() {
        String promtool = ObservabilityFiles.requireBinary("promtool", "prometheus");
        assertSucceeds(ObservabilityFiles.run(
                ROOT, 60, promtool, "check", "rules", "deploy/prometheus/rules/lazaret.rules.yml"));
        assertSucceeds(
                ObservabilityFiles.run(ROOT, 60, promtool, "check", "config", "deploy/prometheus/prometheus.yml"));
        ObservabilityFiles.Run tests = ObservabilityFiles.run(
                ROOT, 120, promtool, "test", "rules", "deploy/prometheus/tests/lazaret.rules.test.yml");
        assertSucceeds(tests);
        assertThat(tests.output()).contains("SUCCESS");
    }

    @Test
    void shouldRouteBySeverityInAValidAlertmanagerConfig() {
        String amtool = ObservabilityFiles.requireBinary("amtool", "prometheus-alertmanager");
        String config = "--config.file=deploy/alertmanager/alertmanager.yml";
        assertSucceeds(
                ObservabilityFiles.run(ROOT, 60, amtool, "check-config", "deploy/alertmanager/alertmanager.yml"));
        for (String[] route : new String[][] {
            {"critical", "lazaret-critical"}, {"warning", "lazaret-warning"}, {"info", "lazaret-info"}
        }) {
            ObservabilityFiles.Run run = ObservabilityFiles.run(
                    ROOT,
                    60,
                    amtool,
                    "config",
                    "routes",
                    "test",
                    config,
                    "--verify.receivers=" + route[1],
                    "severity=" + route[0],
                    "alertname=LazaretDatasetDrift");
            assertSucceeds(run);
        }
    }

    @Test
    void shouldValidateTheComposeFileOffline() {
        String compose = ObservabilityFiles.requireBinary("docker-compose", "docker-compose");
        assertSucceeds(ObservabilityFiles.run(ROOT, 120, compose, "-f", "docker-compose.yml", "config", "-q"));
        ObservabilityFiles.Run services =
                ObservabilityFiles.run(ROOT, 120, compose, "-f", "docker-compose.yml", "config", "--services");
        assertSucceeds(services);
        assertThat(services.output().lines()).contains("kafka", "lazaret", "prometheus", "alertmanager", "grafana");
    }

    @Test
    void shouldMountAndCopyOnlyFilesThatExist() throws Exception {
        com.fasterxml.jackson.databind.JsonNode compose = ObservabilityFiles.YAML.readTree(
                ROOT.resolve("docker-compose.yml").toFile());
        compose.path("services")
                .forEach(service -> service.path("volumes").forEach(volume -> {
                    String source = volume.asText().split(":")[0];
                    if (source.startsWith("./")) {
                        assertThat(ROOT.resolve(source)).as(volume.asText()).exists();
                    }
                }));
        assertThat(ROOT.resolve(compose.path("services")
                        .path("lazaret")
                        .path("build")
                        .path("dockerfile")
                        .asText()))
                .exists();
        for (String line : java.nio.file.Files.readAllLines(ROOT.resolve("monitor-app/Dockerfile"))) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] parts = line.split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    assertThat(ROOT.resolve(parts[i])).as(line).exists();
                }
            }
        }
        // Prometheus scrapes the service the compose file names, and reaches Alertmanager there.
        String prometheus = java.nio.file.Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        assertThat(prometheus).contains("\"lazaret:8080\"", "\"alertmanager:9093\"");
    }

    private static void assertSucceeds(ObservabilityFiles.Run run) {
        assertThat(run.exit()).as(run.output()).isZero();
    }
}
