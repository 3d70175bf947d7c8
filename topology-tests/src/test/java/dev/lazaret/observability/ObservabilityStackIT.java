package dev.lazaret.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.LazaretProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observability stack against real components: the runnable jar in demo mode on its embedded broker, Debian's
 * {@code prometheus} scraping it with the project's alert rules, and Debian's {@code prometheus-alertmanager} with
 * the project's routing, delivering to a webhook this test serves. Every dashboard panel's and every rule's PromQL
 * must be accepted and return data, and injected drift must reach the webhook as an alert.
 *
 * <p>Traffic: the demo's malformed records, plus what this test sends the way a user would: a trusted reference
 * ({@code lazaret reference import}), one batch signed with a trusted key and one with an unknown key
 * ({@code lazaret submit}), and inference events for one model in 2-second windows, first like the reference, then
 * shifted.
 *
 * <p>For speed the generated configuration scrapes and evaluates every second, the rules' {@code for} delays are set
 * to 0 and Alertmanager's group waits to 1 s; everything else is the project's files as they are.
 */
@Tag("integration")
@Timeout(720)
class ObservabilityStackIT {
    private static final Map<String, String> GRAFANA_BUILTINS =
            Map.of("__rate_interval", "30s", "__interval", "5s", "__range", "5m", "__range_s", "300");
    private static final TopicNames TOPICS = new TopicNames("lazaret.");
    /** The rule the injected drift must fire. */
    private static final String DRIFT_ALERT = "LazaretDatasetDrift";

    private static final String MODEL = "fraud-model";
    private static final String DATASET = "fraud";
    private static final long WINDOW_MS = 2_000;
    private static final int EVENTS_PER_WINDOW = 120;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    private HttpServer webhook;

    @TempDir
    Path work;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void shouldAnswerEveryDashboardAndRuleQueryAndDeliverTheDriftAlertToAWebhook() throws Exception {
        String prometheusBin = ObservabilityFiles.requireBinary("prometheus", "prometheus");
        String alertmanagerBin = ObservabilityFiles.requireBinary("prometheus-alertmanager", "prometheus-alertmanager");

        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();

        int httpPort = LazaretProcess.freePort();
        int brokerPort = LazaretProcess.freePort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path keys = Files.createDirectories(work.resolve("keys"));
        cli(List.of("keygen", "--key-id", "bank-a-2026", "--out", keys.toString()));
        cli(List.of("keygen", "--key-id", "intruder", "--out", keys.toString()));
        Path keyring = work.resolve("keyring.json");
        Files.writeString(
                keyring,
                "{\"keys\": {\"bank-a-2026\": {\"public_key\": \""
                        + Files.readString(keys.resolve("bank-a-2026.pub")).strip()
                        + "\", \"datasets\": [\"" + DATASET + "\"], \"sources\": [\"bank-a\"]}}}");
        Process monitor = startMonitor(httpPort, brokerPort, keyring);
        int alertmanagerPort = LazaretProcess.freePort();
        int prometheusPort = LazaretProcess.freePort();
        String am = "http://127.0.0.1:" + alertmanagerPort;
        String prom = "http://127.0.0.1:" + prometheusPort;
        start(
                "alertmanager",
                List.of(
                        alertmanagerBin,
                        "--config.file="
                                + writeAlertmanagerConfig(webhook.getAddress().getPort()),
                        "--storage.path=" + Files.createDirectories(work.resolve("am-data")),
                        "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                        "--cluster.listen-address="));
        start(
                "prometheus",
                List.of(
                        prometheusBin,
                        "--config.file=" + writePrometheusConfig(httpPort, alertmanagerPort),
                        "--storage.tsdb.path=" + Files.createDirectories(work.resolve("prom-data")),
                        "--web.listen-address=127.0.0.1:" + prometheusPort));
        awaitHttp200(am + "/-/ready", Duration.ofSeconds(60), "alertmanager");
        awaitHttp200(prom + "/-/ready", Duration.ofSeconds(60), "prometheus");
        awaitReady(monitor, httpPort);

        // Traffic: a trusted reference, two signed batches (one key trusted, one not), clean inference windows.
        Random random = new Random(42);
        cli(List.of(
                "reference",
                "import",
                "--bootstrap-servers",
                bootstrap,
                "--dataset",
                DATASET,
                csv("trusted.csv", 600, false, random).toString()));
        cli(List.of(
                "submit",
                "--bootstrap-servers",
                bootstrap,
                "--dataset",
                DATASET,
                "--source",
                "bank-a",
                "--key",
                keys.resolve("bank-a-2026.key").toString(),
                csv("clean.csv", 300, false, random).toString()));
        cli(List.of(
                "submit",
                "--bootstrap-servers",
                bootstrap,
                "--dataset",
                DATASET,
                "--source",
                "bank-a",
                "--key",
                keys.resolve("intruder.key").toString(),
                csv("forged.csv", 300, false, random).toString()));
        long base = (System.currentTimeMillis() / WINDOW_MS) * WINDOW_MS;
        int[] nextWindow = {0};
        String judged = eventually(Duration.ofSeconds(90), () -> {
            sendWindows(bootstrap, base, nextWindow[0], 2, false, random);
            nextWindow[0] += 2;
            sleep(3_000);
            JsonNode r = json(get(prom + "/api/v1/query?query="
                            + encode("sum(lazaret_drift_windows_total{result=\"judged\"}) >= 2")))
                    .path("data")
                    .path("result");
            return r.isEmpty() ? null : "judged";
        });
        assertThat(judged)
                .as("clean windows judged against the reference; lazaret log:\n%s", log("lazaret"))
                .isNotNull();

        // 1. The application registers every metric the contract, the dashboards and the rules name.
        Set<String> needed = new TreeSet<>(ObservabilityFiles.lazaretMetrics().keySet());
        ObservabilityFiles.panelQueries().forEach(q -> needed.addAll(PromQl.metricNames(q.expr())));
        ObservabilityFiles.rules().forEach(r -> needed.addAll(PromQl.metricNames(r.expr())));
        needed.remove("up");
        Set<String> missing = eventually(Duration.ofSeconds(200), () -> {
            Set<String> names = ObservabilityFilesTest.scrapedNames(get("http://127.0.0.1:" + httpPort + "/metrics"));
            Set<String> m = new TreeSet<>(needed);
            m.removeAll(names);
            return m;
        });
        assertThat(missing)
                .as("metric names missing from a real scrape of the demo")
                .isEmpty();

        // 2. Every panel query of every dashboard, with its variables resolved as Grafana would, returns series.
        int[] panelQueries = {0};
        List<String> dashboardFailures = eventually(Duration.ofSeconds(150), () -> {
            panelQueries[0] = 0;
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, JsonNode> d : ObservabilityFiles.dashboards().entrySet()) {
                Map<String, String> vars = resolveVariables(prom, d.getKey(), d.getValue(), failures);
                for (JsonNode panel : ObservabilityFiles.panels(d.getValue())) {
                    for (JsonNode target : panel.path("targets")) {
                        panelQueries[0]++;
                        String where = d.getKey() + " / " + panel.path("title").asText() + " / "
                                + target.path("refId").asText();
                        checkQuery(prom, where, target.path("expr").asText(), vars, failures);
                    }
                }
            }
            return failures;
        });
        assertThat(dashboardFailures).as("dashboard queries without data").isEmpty();

        // 3. Prometheus loaded every rule and evaluates it without error; every selector of every rule has data.
        List<ObservabilityFiles.Rule> rules = ObservabilityFiles.rules();
        List<String> ruleFailures = eventually(Duration.ofSeconds(60), () -> {
            List<String> failures = new ArrayList<>();
            JsonNode groups = json(get(prom + "/api/v1/rules")).path("data").path("groups");
            int loaded = 0;
            for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                    loaded++;
                    if (!"ok".equals(rule.path("health").asText())) {
                        failures.add(rule.path("name").asText() + ": health "
                                + rule.path("health").asText() + " "
                                + rule.path("lastError").asText());
                    }
                }
            }
            if (loaded != rules.size()) {
                failures.add("Prometheus loaded " + loaded + " rules, the file has " + rules.size());
            }
            for (ObservabilityFiles.Rule rule : rules) {
                checkAccepted(prom, rule.alert(), rule.expr(), failures);
                for (String selector : PromQl.selectors(rule.expr())) {
                    checkQuery(prom, rule.alert() + " selector", selector, Map.of(), failures);
                }
            }
            return failures;
        });
        assertThat(ruleFailures).as("alert rules").isEmpty();

        // 4. Before the shift no drift alert fires; after it the drift rule fires and reaches the webhook.
        assertThat(webhookBodies).noneMatch(body -> body.contains(DRIFT_ALERT));
        assertThat(get(prom + "/api/v1/alerts")).doesNotContain(DRIFT_ALERT);
        String delivered = eventually(Duration.ofSeconds(180), () -> {
            sendWindows(bootstrap, base, nextWindow[0], 2, true, random);
            nextWindow[0] += 2;
            sleep(2_000);
            for (String body : webhookBodies) {
                JsonNode payload = json(body);
                for (JsonNode alert : payload.path("alerts")) {
                    if (DRIFT_ALERT.equals(
                                    alert.path("labels").path("alertname").asText())
                            && "firing".equals(alert.path("status").asText())) {
                        return body;
                    }
                }
            }
            return null;
        });
        assertThat(delivered)
                .as(
                        "a drift alert at the webhook; Prometheus alerts now: %s; webhook got: %s",
                        get(prom + "/api/v1/alerts"), webhookBodies)
                .isNotNull();
        JsonNode payload = json(delivered);
        JsonNode alert = payload.path("alerts").path(0);
        assertThat(alert.path("labels").path("model").asText()).isEqualTo(MODEL);
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("receiver").asText()).isEqualTo("lazaret-critical");
        // The runbook link resolves: the monitor serves the runbook, with the alert's section.
        String runbookUrl = alert.path("annotations").path("runbook_url").asText();
        assertThat(runbookUrl).isEqualTo("http://127.0.0.1:" + httpPort + "/runbook#dataset_drift");
        assertThat(get(runbookUrl.substring(0, runbookUrl.indexOf('#')))).contains("id=\"dataset_drift\"");
        assertThat(payload.path("receiver").asText()).startsWith("lazaret-");
        System.out.printf(
                "observability: %d dashboards, %d panel queries and %d rules evaluated on Prometheus; delivered %s "
                        + "(%s, model %s) to receiver %s%n",
                ObservabilityFiles.dashboards().size(),
                panelQueries[0],
                rules.size(),
                alert.path("labels").path("alertname").asText(),
                alert.path("labels").path("severity").asText(),
                alert.path("labels").path("model").asText(),
                payload.path("receiver").asText());
    }

    /** Resolves query variables in order, each to the first value Prometheus has for it, as Grafana lists them. */
    private Map<String, String> resolveVariables(String prom, String dashboard, JsonNode d, List<String> failures) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DS_PROMETHEUS", "unused");
        ObservabilityFiles.variableQueries(d).forEach((name, query) -> {
            String[] lv = PromQl.labelValues(query);
            String selector = rawSubstitute(lv[0], values);
            JsonNode data = json(get(prom + "/api/v1/label/" + lv[1] + "/values?match[]=" + encode(selector)))
                    .path("data");
            Set<String> options = new TreeSet<>();
            data.forEach(v -> options.add(v.asText()));
            if (options.isEmpty()) {
                failures.add(dashboard + " variable " + name + ": no values for " + query);
                values.put(name, "none");
            } else {
                values.put(name, options.iterator().next());
            }
        });
        values.remove("DS_PROMETHEUS");
        return values;
    }

    private static String rawSubstitute(String expr, Map<String, String> values) {
        String out = expr;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("$" + e.getKey(), PromQl.regexEscape(e.getValue()));
        }
        return out;
    }

    private void checkQuery(String prom, String where, String expr, Map<String, String> vars, List<String> failures) {
        String query;
        try {
            query = PromQl.substitute(expr, GRAFANA_BUILTINS, vars);
        } catch (IllegalArgumentException e) {
            failures.add(where + ": " + e.getMessage());
            return;
        }
        JsonNode response = json(get(prom + "/api/v1/query?query=" + encode(query)));
        if (!"success".equals(response.path("status").asText())) {
            failures.add(where + ": rejected: " + response.path("error").asText() + " in " + query);
        } else if (response.path("data").path("result").isEmpty()) {
            failures.add(where + ": no series for " + query);
        }
    }

    private void checkAccepted(String prom, String where, String expr, List<String> failures) {
        JsonNode response = json(get(prom + "/api/v1/query?query=" + encode(expr)));
        if (!"success".equals(response.path("status").asText())) {
            failures.add(where + ": rejected: " + response.path("error").asText());
        }
    }

    private Path writePrometheusConfig(int httpPort, int alertmanagerPort) throws IOException {
        // The project's rules, with their `for` delays removed so the test does not wait minutes.
        JsonNode rules = ObservabilityFiles.YAML.readTree(ObservabilityFiles.RULES.toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("for")) {
                    ((ObjectNode) rule).put("for", "0s");
                }
            }
        }
        Path rulesFile = work.resolve("lazaret.rules.yml");
        ObservabilityFiles.YAML.writeValue(rulesFile.toFile(), rules);
        String config = """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:%d"]
                scrape_configs:
                  - job_name: lazaret
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(rulesFile, alertmanagerPort, httpPort);
        Path file = work.resolve("prometheus.yml");
        Files.writeString(file, config);
        return file;
    }

    /** The project's Alertmanager config, every webhook pointed at this test, group waits shortened to 1 s. */
    private Path writeAlertmanagerConfig(int webhookPort) throws IOException {
        ObjectNode config = (ObjectNode) ObservabilityFiles.YAML.readTree(ObservabilityFiles.ALERTMANAGER.toFile());
        shortenWaits((ObjectNode) config.path("route"));
        for (JsonNode receiver : config.path("receivers")) {
            for (JsonNode hook : receiver.path("webhook_configs")) {
                ((ObjectNode) hook)
                        .put(
                                "url",
                                "http://127.0.0.1:" + webhookPort + "/"
                                        + receiver.path("name").asText());
            }
        }
        Path file = work.resolve("alertmanager.yml");
        ObservabilityFiles.YAML.writeValue(file.toFile(), config);
        return file;
    }

    private static void shortenWaits(ObjectNode route) {
        route.put("group_wait", "1s");
        route.put("group_interval", "1s");
        if (route.path("routes") instanceof ArrayNode children) {
            children.forEach(child -> shortenWaits((ObjectNode) child));
        }
    }

    private Process startMonitor(int httpPort, int brokerPort, Path keyring) throws IOException {
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of(
                "demo",
                "--data-dir",
                work.resolve("data").toString(),
                "--http-port",
                String.valueOf(httpPort),
                "--set",
                "embedded.broker.port=" + brokerPort,
                "--set",
                "embedded.controller.port=" + LazaretProcess.freePort(),
                "--set",
                "drift.models=" + MODEL + ":" + DATASET,
                "--set",
                "drift.window.size.ms=" + WINDOW_MS,
                "--set",
                "drift.window.grace.ms=0",
                "--set",
                "drift.window.min.count=50",
                "--set",
                // the estimation panels need an estimated model; without labels it stays uncalibrated (NaN gauges)
                "drift.performance.estimate.models=" + MODEL + ":score:1",
                "--set",
                "quarantine.keyring.file=" + keyring));
        return start("lazaret", command);
    }

    private static List<String> java() throws IOException {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-jar",
                LazaretProcess.runnableJar().toString());
    }

    /** Runs a lazaret CLI command to completion; fails the test with its output if it fails. */
    private void cli(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(java());
        command.addAll(args);
        ObservabilityFiles.Run run = ObservabilityFiles.run(work, 120, command.toArray(String[]::new));
        assertThat(run.exit())
                .as("lazaret " + String.join(" ", args) + ":\n" + run.output())
                .isZero();
    }

    /** A CSV of {@code rows} records: amount ~ N(100, 10), age ~ N(40, 5), country FR or DE, label 0 or 1. */
    private Path csv(String name, int rows, boolean shifted, Random random) throws IOException {
        StringBuilder sb = new StringBuilder("amount,age,country,label\n");
        for (int i = 0; i < rows; i++) {
            sb.append(amount(shifted, random))
                    .append(',')
                    .append(age(random))
                    .append(',')
                    .append(country(shifted, random))
                    .append(',')
                    .append(random.nextInt(2))
                    .append('\n');
        }
        Path file = work.resolve(name);
        Files.writeString(file, sb);
        return file;
    }

    private static long amount(boolean shifted, Random random) {
        return Math.round((shifted ? 160 : 100) + 10 * random.nextGaussian());
    }

    /** Never shifted: with three features, one false alarm in a clean window cannot make half of them drift. */
    private static long age(Random random) {
        return Math.round(40 + 5 * random.nextGaussian());
    }

    private static String country(boolean shifted, Random random) {
        return shifted ? "US" : (random.nextBoolean() ? "FR" : "DE");
    }

    /**
     * Sends {@code count} event-time windows of inference events from window index {@code first} on, plus one
     * event at the start of the next window, which closes the last of them.
     */
    private static void sendWindows(String bootstrap, long base, int first, int count, boolean shifted, Random random) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int w = first; w <= first + count; w++) {
                int events = w == first + count ? 1 : EVENTS_PER_WINDOW;
                for (int i = 0; i < events; i++) {
                    long ts = base + w * WINDOW_MS + (i * (WINDOW_MS - 1)) / EVENTS_PER_WINDOW;
                    int prediction = random.nextInt(2);
                    String value = "{\"event_id\":\"e-" + w + "-" + i + "\",\"model\":\"" + MODEL
                            + "\",\"model_version\":\"1\",\"timestamp\":" + ts + ",\"features\":{\"amount\":"
                            + amount(shifted, random) + ",\"age\":" + age(random) + ",\"country\":\""
                            + country(shifted, random)
                            + "\"},\"prediction\":" + prediction + ",\"score\":" + (shifted ? 0.9 : 0.5) + "}";
                    producer.send(new ProducerRecord<>(TOPICS.inferenceEvents(), MODEL, value));
                }
            }
            producer.flush();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile())
                .directory(work.toFile())
                .start();
        processes.add(process);
        return process;
    }

    private void awaitReady(Process monitor, int httpPort) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!monitor.isAlive()) {
                throw new AssertionError("lazaret exited early:\n" + log("lazaret"));
            }
            if (status("http://127.0.0.1:" + httpPort + "/readyz") == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("lazaret not ready within 120 s:\n" + log("lazaret"));
    }

    private void awaitHttp200(String url, Duration timeout, String name) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(url) == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready at " + url + ":\n" + log(name));
    }

    /**
     * Polls until the supplier returns an empty collection or a non-null non-collection, or the time is up; returns
     * the last value (the failures to report).
     */
    private static <T> T eventually(Duration timeout, java.util.function.Supplier<T> attempt)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = attempt.get();
        while (!done(last) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            last = attempt.get();
        }
        return last;
    }

    private static boolean done(Object value) {
        return value instanceof java.util.Collection<?> c ? c.isEmpty() : value != null;
    }

    private String log(String name) {
        try {
            String text = Files.readString(work.resolve(name + ".log"));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private int status(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String get(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return ObservabilityFiles.JSON.readTree(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
