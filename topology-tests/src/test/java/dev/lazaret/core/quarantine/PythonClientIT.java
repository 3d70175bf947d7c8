package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.config.DriftSettings;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/python/produce_batch.py} (confluent-kafka, librdkafka) against a running Lazaret: its signed batch is
 * approved, its records land on the partition Java's murmur2 gives their key, and its inference events are parsed.
 */
@Tag("integration")
@Timeout(300)
class PythonClientIT {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");
    private static final Path SCRIPT = Path.of("..", "examples", "python", "produce_batch.py");
    private static final int EVENTS = 20;

    @TempDir
    Path work;

    @Test
    void shouldApproveABatchAndParseTheEventsThatThePythonExampleProduces() throws Exception {
        String python = pythonWithKafkaClient();
        try (KafkaFixture kafka = KafkaFixture.start()) {
            String bs = kafka.bootstrapServers();
            Path keys = work.resolve("keys");
            CliInstance.keygen(keys, CliInstance.KEY_ID);
            Path keyring = CliInstance.keyring(work, keys, CliInstance.KEY_ID);
            try (LazaretRuntime runtime =
                    CliInstance.runtime(bs, work, keyring, Map.of(DriftSettings.MODELS_CONFIG, "fraud-model:fraud"))) {
                runtime.start();
                Path reference = DataFiles.csv(work.resolve("trusted.csv"), TestBatches.clean("r", 4_000, 1, 0));
                Cli.Result imported = Cli.run(
                        "reference", "import", "--dataset", "fraud", "--bootstrap-servers", bs, reference.toString());
                assertThat(imported.exit()).as(imported.err()).isZero();

                Path batch = DataFiles.csv(work.resolve("batch.csv"), TestBatches.clean("p", 1_500, 2, 0));
                Run produced = run(
                        python,
                        SCRIPT.toString(),
                        "--bootstrap-servers",
                        bs,
                        "--key",
                        keys.resolve("bank-a-2026.key").toString(),
                        "--dataset",
                        "fraud",
                        "--source",
                        "bank-a",
                        "--batch-id",
                        "py-1",
                        "--model",
                        "fraud-model",
                        "--events",
                        String.valueOf(EVENTS),
                        batch.toString());
                assertThat(produced.exit()).as(produced.output()).isZero();
                assertThat(produced.output()).contains("submitted batch py-1: 1500 records");

                BatchVerdict verdict = QuarantineCommandsIT.await(bs, "py-1", v -> true);
                assertThat(verdict.verdict()).as(verdict.reason()).isEqualTo(Verdict.APPROVED);
                assertThat(verdict.checks()).allMatch(c -> c.status() == CheckStatus.PASS);

                List<ConsumerRecord<String, String>> records =
                        KafkaTestClients.readCommitted(bs, TOPICS.trainingRecords(), 1_500, Duration.ofSeconds(30));
                int partitions = 3;
                int murmur2 = Utils.toPositive(Utils.murmur2("py-1".getBytes(StandardCharsets.UTF_8))) % partitions;
                assertThat(records).hasSize(1_500).allMatch(r -> r.partition() == murmur2);

                // parsed, and none dead-lettered (an event of a model outside drift.models would be, as UNKNOWN_MODEL)
                awaitMetric(runtime.httpPort(), "valid", EVENTS);
                assertThat(metric(runtime.httpPort(), "invalid")).isZero();
            }
        }
    }

    /**
     * The first Python 3 with confluent_kafka and cryptography: {@code python3} on the PATH, else Debian's own (a
     * pyenv or venv python3 first on the PATH does not see Debian's python3-confluent-kafka).
     */
    private static String pythonWithKafkaClient() throws Exception {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                if (run(candidate, "-c", "import confluent_kafka, cryptography").exit() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        throw new AssertionError("no python3 with confluent_kafka and cryptography: "
                + "apt-get install python3-confluent-kafka python3-cryptography (.ci/test-tools.sh does as root)");
    }

    private record Run(int exit, String output) {}

    private static Run run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static void awaitMetric(int httpPort, String result, double atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double seen = 0;
        while (System.nanoTime() < deadline) {
            seen = metric(httpPort, result);
            if (seen >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("inference events " + result + ": " + seen + " after 60 s, expected " + atLeast);
    }

    private static double metric(int httpPort, String result) throws Exception {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        List<Double> values = new ArrayList<>();
        // the topic tag is the contract's name, without the prefix
        Matcher m = Pattern.compile("(?m)^lazaret_input_records_total\\{([^}]*)} (\\S+)$")
                .matcher(body);
        while (m.find()) {
            if (m.group(1).contains("result=\"" + result + "\"") && m.group(1).contains("topic=\"inference.events\"")) {
                values.add(Double.parseDouble(m.group(2)));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
