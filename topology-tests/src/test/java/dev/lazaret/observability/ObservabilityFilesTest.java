package dev.lazaret.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.app.StreamsHealth;
import dev.lazaret.core.alerts.AlertMetrics;
import dev.lazaret.core.drift.DriftMetrics;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.quarantine.metrics.QuarantineMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static checks of dashboards, alert rules, runbook and the metrics catalogue (docs/observability.md) against each other
 * and the metric contract.
 */
class ObservabilityFilesTest {

    @TempDir
    Path temp;

    @Test
    void shouldFindSelectorsAndSkipFunctionsKeywordsAndGroupingLabels() {
        String expr = "(sum by (topic) (rate(lazaret_dead_letters_total{reason=~\"a|b\", x=\"}\"}[5m])) "
                + "/ clamp_min(sum without (le) (rate(lazaret_input_records_total[5m] offset 1m)), 1e-9)) > 0.05 "
                + "and on (model) group_left up{job=\"lazaret\"} unless absent(process_uptime_seconds)";
        assertThat(PromQl.selectors(expr))
                .containsExactly(
                        "lazaret_dead_letters_total{reason=~\"a|b\", x=\"}\"}",
                        "lazaret_input_records_total",
                        "up{job=\"lazaret\"}",
                        "process_uptime_seconds");
        assertThat(PromQl.labelValues("label_values(lazaret_drift_score{model=~\"$model\"}, feature)"))
                .containsExactly("lazaret_drift_score{model=~\"$model\"}", "feature");
        assertThat(PromQl.substitute(
                        "rate(x{m=~\"$model\"}[$__rate_interval])",
                        Map.of("__rate_interval", "30s"),
                        Map.of("model", "a.b")))
                .isEqualTo("rate(x{m=~\"a\\\\.b\"}[30s])");
    }

    @Test
    void shouldUseACurrentSchemaStableUidsAndTheDatasourceVariable() {
        Map<String, JsonNode> dashboards = ObservabilityFiles.dashboards();
        assertThat(dashboards.keySet())
                .containsExactlyInAnyOrder(
                        "lazaret-overview.json",
                        "lazaret-quarantine.json",
                        "lazaret-model-drift.json",
                        "lazaret-pipeline.json");
        Set<String> uids = new HashSet<>();
        dashboards.forEach((file, dashboard) -> {
            assertThat(dashboard.path("schemaVersion").asInt()).as(file).isGreaterThanOrEqualTo(39);
            assertThat(dashboard.path("uid").asText()).as(file).isEqualTo(file.replace(".json", ""));
            assertThat(uids.add(dashboard.path("uid").asText())).isTrue();
            JsonNode ds = dashboard.path("templating").path("list").path(0);
            assertThat(ds.path("name").asText()).as(file).isEqualTo("DS_PROMETHEUS");
            assertThat(ds.path("type").asText()).isEqualTo("datasource");
            assertThat(ds.path("query").asText()).isEqualTo("prometheus");
            for (JsonNode panel : ObservabilityFiles.panels(dashboard)) {
                assertThat(panel.path("datasource").path("uid").asText())
                        .as(file + " " + panel.path("title"))
                        .isEqualTo("${DS_PROMETHEUS}");
                panel.path("targets")
                        .forEach(
                                t -> assertThat(t.path("datasource").path("uid").asText())
                                        .isEqualTo("${DS_PROMETHEUS}"));
            }
        });
    }

    @Test
    void shouldOfferDatasetModelAndFeatureVariables() {
        Map<String, JsonNode> dashboards = ObservabilityFiles.dashboards();
        assertThat(ObservabilityFiles.variableQueries(dashboards.get("lazaret-quarantine.json")))
                .containsKey("dataset");
        assertThat(ObservabilityFiles.variableQueries(dashboards.get("lazaret-model-drift.json")))
                .containsKeys("model", "feature");
        assertThat(ObservabilityFiles.variableQueries(dashboards.get("lazaret-overview.json")))
                .containsKeys("dataset", "model");
        dashboards
                .values()
                .forEach(d -> ObservabilityFiles.variableQueries(d)
                        .values()
                        .forEach(q -> assertThat(PromQl.labelValues(q)).as(q).isNotNull()));
    }

    @Test
    void shouldDescribeEveryPanelAndGiveItAQuery() {
        ObservabilityFiles.dashboards().forEach((file, dashboard) -> {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : ObservabilityFiles.panels(dashboard)) {
                String where = file + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as(where + " id").isTrue();
                assertThat(panel.path("description").asText()).as(where).isNotBlank();
                assertThat(panel.path("targets")).as(where).isNotEmpty();
                panel.path("targets")
                        .forEach(t ->
                                assertThat(t.path("expr").asText()).as(where).isNotBlank());
            }
        });
    }

    @Test
    void shouldMatchWhatTheGeneratorWrites() throws Exception {
        String python = ObservabilityFiles.requireBinary("python3", "python3");
        ObservabilityFiles.Run run =
                ObservabilityFiles.run(ObservabilityFiles.ROOT, 60, python, "dashboards/generate.py", temp.toString());
        assertThat(run.exit()).as(run.output()).isZero();
        for (String file : ObservabilityFiles.dashboards().keySet()) {
            assertThat(Files.readString(ObservabilityFiles.DASHBOARDS.resolve(file)))
                    .as(file + " is stale: run python3 dashboards/generate.py")
                    .isEqualTo(Files.readString(temp.resolve(file)));
        }
    }

    @Test
    void shouldQueryOnlyMetricsTheApplicationRegisters() {
        Set<String> known = knownMetricNames();
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (ObservabilityFiles.PanelQuery q : ObservabilityFiles.panelQueries()) {
            for (String name : PromQl.metricNames(q.expr())) {
                if (!known.contains(name)) {
                    unknown.computeIfAbsent(name, k -> new TreeSet<>()).add(q.dashboard() + " / " + q.panel());
                }
            }
        }
        ObservabilityFiles.dashboards()
                .forEach((file, d) -> ObservabilityFiles.variableQueries(d)
                        .forEach((var, query) -> PromQl.metricNames(PromQl.labelValues(query)[0]).stream()
                                .filter(name -> !known.contains(name))
                                .forEach(name -> unknown.computeIfAbsent(name, k -> new TreeSet<>())
                                        .add(file + " variable " + var))));
        for (ObservabilityFiles.Rule rule : ObservabilityFiles.rules()) {
            PromQl.metricNames(rule.expr()).stream()
                    .filter(name -> !known.contains(name))
                    .forEach(name ->
                            unknown.computeIfAbsent(name, k -> new TreeSet<>()).add("rule " + rule.alert()));
        }
        assertThat(unknown).as("metrics queried but never registered").isEmpty();
        // And the dashboards show every metric of the contract somewhere.
        Set<String> used = new TreeSet<>();
        ObservabilityFiles.panelQueries().forEach(q -> used.addAll(PromQl.metricNames(q.expr())));
        assertThat(used).containsAll(ObservabilityFiles.lazaretMetrics().keySet());
    }

    /**
     * What the application registers: the meters the code binds (scraped from a Prometheus registry here), the
     * contract's Lazaret meters, the Kafka Streams and client metrics of a real scrape, and Prometheus's own up.
     */
    static Set<String> knownMetricNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registerLazaretMeters(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Set<String> known = new HashSet<>(scrapedNames(registry.scrape()));
        registry.close();
        known.addAll(ObservabilityFiles.lazaretMetrics().keySet());
        known.addAll(ObservabilityFiles.runtimeMetricNames());
        known.add("up");
        return known;
    }

    /** The meters Lazaret's binders register at start, for one dataset and one model. */
    static void registerLazaretMeters(PrometheusMeterRegistry registry) {
        new InputMetrics(registry).register("inference.events");
        new QuarantineMetrics(Set.of("fraud"), 1).bindTo(registry);
        DriftMetrics drift = new DriftMetrics(registry, 10);
        drift.registerModels(List.of("fraud-model"));
        drift.registerEstimatedModels(List.of("fraud-model"));
        new AlertMetrics(registry);
        new StreamsHealth().bindTo(registry);
    }

    @Test
    void shouldCatalogueEveryMeterTheCodeRegistersInTheDocsAndTheContract() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registerLazaretMeters(registry);
        Set<String> registered = scrapedNames(registry.scrape());
        registry.close();
        String catalogue = Files.readString(ObservabilityFiles.METRICS_CATALOGUE);
        Set<String> contract = new HashSet<>();
        ObservabilityFiles.lazaretMetrics()
                .keySet()
                .forEach(n -> contract.add(n.replaceAll("_(bucket|count|sum)$", "")));
        for (String name : registered) {
            if (name.startsWith("lazaret_")) {
                String base = name.replaceAll("_(bucket|count|sum|max)$", "");
                assertThat(catalogue)
                        .as("docs/observability.md catalogue row for " + base)
                        .contains("`" + base + "`");
                if (!name.equals("lazaret_drift_references_rejected_total")) {
                    assertThat(contract).as("contract list has " + name).contains(base);
                }
            }
        }
        assertThat(registered)
                .contains("lazaret_quarantine_batches_total", "lazaret_drift_dataset_drift", "lazaret_alerts_firing");
    }

    static Set<String> scrapedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    @Test
    void shouldGiveEveryRuleSummaryDescriptionSeverityAndARunbookSection() throws Exception {
        String runbook = Files.readString(ObservabilityFiles.RUNBOOK);
        Set<String> anchors = new HashSet<>();
        Matcher heading = Pattern.compile("(?m)^#{2,3} (.+)$").matcher(runbook);
        while (heading.find()) {
            anchors.add(heading.group(1)
                    .strip()
                    .toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9_ -]", "")
                    .replace(' ', '-'));
        }
        List<ObservabilityFiles.Rule> rules = ObservabilityFiles.rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(12);
        List<String> names = new ArrayList<>();
        for (ObservabilityFiles.Rule rule : rules) {
            names.add(rule.alert());
            assertThat(rule.alert()).as(rule.expr()).startsWith("Lazaret");
            assertThat(rule.annotations()).as(rule.alert()).containsKeys("summary", "description", "runbook_url");
            assertThat(rule.labels().get("severity"))
                    .as(rule.alert())
                    .matches("info|warning|critical|\\{\\{ \\$labels\\.severity \\| toLower }}");
            String url = rule.annotations().get("runbook_url");
            // The instance's own /runbook page (the packaged docs/runbook.md), as the alerts topic links; when the
            // instance is down, the repository's file.
            assertThat(url).matches("(http://\\{\\{ \\$labels\\.instance }}/runbook|docs/runbook\\.md)#[a-z_]+");
            assertThat(anchors).as("runbook section for " + rule.alert()).contains(url.substring(url.indexOf('#') + 1));
            assertThat(runbook).as("runbook names " + rule.alert()).contains(rule.alert());
        }
        assertThat(names)
                .doesNotHaveDuplicates()
                .contains(
                        "LazaretDatasetDrift",
                        "LazaretFeatureDrift",
                        "LazaretPerformanceDegradation",
                        "LazaretBatchRejected",
                        "LazaretBatchHeld",
                        "LazaretIntegrityFailure",
                        "LazaretDeadLetterRate",
                        "LazaretMonitorDown",
                        "LazaretConsumerLag");
        // The alert stage links to #<kind in lower case>: every kind has its section.
        for (dev.lazaret.core.alerts.AlertKind kind : dev.lazaret.core.alerts.AlertKind.values()) {
            assertThat(anchors).contains(kind.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void shouldCatalogueEveryMetricInTheDocs() throws Exception {
        String catalogue = Files.readString(ObservabilityFiles.METRICS_CATALOGUE);
        ObservabilityFiles.lazaretMetrics().forEach((name, typeAndLabels) -> {
            String base = name.replaceAll("_(bucket|count|sum)$", "");
            assertThat(catalogue)
                    .as("docs/observability.md catalogue row for " + base)
                    .contains("`" + base + "`");
            String[] typeThenLabels = typeAndLabels.split("\\s+", 2);
            String labels = typeThenLabels.length > 1 ? typeThenLabels[1] : ""; // a meter without labels
            for (String label : labels.isEmpty() ? new String[0] : labels.split(",")) {
                assertThat(catalogue)
                        .as("docs/observability.md names label " + label)
                        .contains("`" + label + "`");
            }
        });
    }
}
