package dev.lazaret.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The project's observability files, read the way Grafana and Prometheus read them. */
final class ObservabilityFiles {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final YAMLMapper YAML = new YAMLMapper();
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DASHBOARDS = ROOT.resolve("dashboards");
    static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus");
    static final Path RULES = PROMETHEUS.resolve("rules/lazaret.rules.yml");
    static final Path RULE_TESTS = PROMETHEUS.resolve("tests/lazaret.rules.test.yml");
    static final Path ALERTMANAGER = ROOT.resolve("deploy/alertmanager/alertmanager.yml");
    static final Path RUNBOOK = ROOT.resolve("docs/runbook.md");
    static final Path METRICS_CATALOGUE = ROOT.resolve("docs/observability.md");

    private ObservabilityFiles() {}

    /** One PromQL expression of a dashboard panel. */
    record PanelQuery(String dashboard, String panel, String refId, String expr) {}

    /** One alerting rule. */
    record Rule(String group, String alert, String expr, Map<String, String> labels, Map<String, String> annotations) {}

    static Map<String, JsonNode> dashboards() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Panels of a dashboard, rows' nested panels included, rows themselves excluded. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                panel.path("panels").forEach(out::add);
            } else {
                out.add(panel);
            }
        }
        return out;
    }

    static List<PanelQuery> panelQueries() {
        List<PanelQuery> out = new ArrayList<>();
        dashboards().forEach((file, dashboard) -> {
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    out.add(new PanelQuery(
                            file,
                            panel.path("title").asText(),
                            target.path("refId").asText(),
                            target.path("expr").asText()));
                }
            }
        });
        return out;
    }

    /** The dashboards' query variables in declaration order: name to query. */
    static Map<String, String> variableQueries(JsonNode dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                out.put(
                        variable.path("name").asText(),
                        query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return out;
    }

    static List<Rule> rules() {
        return rules(RULES);
    }

    static List<Rule> rules(Path file) {
        List<Rule> out = new ArrayList<>();
        try {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    out.add(new Rule(
                            group.path("name").asText(),
                            rule.path("alert").asText(null),
                            rule.path("expr").asText(),
                            strings(rule.path("labels")),
                            strings(rule.path("annotations"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Lazaret's metric contract (resource lazaret-metrics.txt): Prometheus name to "type labels". */
    static Map<String, String> lazaretMetrics() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : resourceLines("lazaret-metrics.txt")) {
            String[] parts = line.split("\\s+", 2);
            out.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return out;
    }

    /** Kafka Streams, client, JVM and process metric names of a real scrape (resource runtime-metric-names.txt). */
    static List<String> runtimeMetricNames() {
        return resourceLines("runtime-metric-names.txt");
    }

    private static List<String> resourceLines(String name) {
        try (InputStream in = ObservabilityFiles.class.getResourceAsStream("/observability/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource observability/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The absolute path of a command on PATH; fails the test, naming the Debian package, when it is missing. */
    static String requireBinary(String command, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(command + " is not on PATH: install Debian's " + debianPackage
                + " package (apt-get install -y --no-install-recommends " + debianPackage + "; .ci/run does this)");
    }

    /** Result of a finished command: exit status and combined output. */
    record Run(int exit, String output) {}

    static Run run(Path workDir, long timeoutSeconds, String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
