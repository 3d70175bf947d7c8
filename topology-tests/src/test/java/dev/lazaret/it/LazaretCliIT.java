package dev.lazaret.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.topics.TopicNames;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program as a user runs it: the runnable jar in its own process, on its embedded broker; SIGTERM stops it with
 * exit status 0, and the next start reuses the data directory.
 */
@Tag("integration")
@Timeout(400)
class LazaretCliIT {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");

    @TempDir
    Path work;

    @Test
    void shouldServeOnEmbeddedBrokerStopOnSigtermAndReuseItsDataOnRestart() throws Exception {
        int brokerPort = freePort();
        int controllerPort = freePort();
        int httpPort = freePort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path dataDir = work.resolve("data");
        List<String> args = List.of(
                "run",
                "--data-dir",
                dataDir.toString(),
                "--http-port",
                String.valueOf(httpPort),
                "--set",
                "embedded.broker.port=" + brokerPort,
                "--set",
                "embedded.controller.port=" + controllerPort,
                "--set",
                "kafka.commit.interval.ms=100",
                "--set",
                "drift.models=m:d",
                "--set",
                "drift.performance.estimate.models=m:score:1");

        Process first = start(args, work.resolve("first.log"));
        awaitReady(first, httpPort, work.resolve("first.log"));
        assertThat(listTopics(bootstrap)).containsAll(TOPICS.all());
        KafkaTestClients.produce(bootstrap, List.of(new ProducerRecord<>(TOPICS.inferenceEvents(), "m", "{broken")));
        assertThat(KafkaTestClients.readCommitted(bootstrap, TOPICS.deadLetter(), 1, Duration.ofSeconds(60)))
                .hasSize(1);
        assertThat(stop(first)).as("exit status after SIGTERM").isZero();

        Process second = start(args, work.resolve("second.log"));
        awaitReady(second, httpPort, work.resolve("second.log"));
        assertThat(Files.readString(work.resolve("second.log"))).contains("reused");
        KafkaTestClients.produce(bootstrap, List.of(new ProducerRecord<>(TOPICS.inferenceEvents(), "m", "[]")));
        List<ConsumerRecord<String, String>> dead =
                KafkaTestClients.readCommitted(bootstrap, TOPICS.deadLetter(), 3, Duration.ofSeconds(20));
        // The first dead letter survived the restart, and its input was not processed again.
        assertThat(dead)
                .extracting(r -> KafkaTestClients.header(r, DeadLetterHeaders.REASON))
                .containsExactly("MALFORMED_JSON", "NOT_AN_OBJECT");
        // an operator's recalibration request, through the CLI and the drift side, into the audit chain
        Process cli = start(
                List.of(
                        "model",
                        "recalibrate",
                        "--bootstrap-servers",
                        bootstrap,
                        "--model",
                        "m",
                        "--operator",
                        "ana",
                        "--reason",
                        "v2 rollout"),
                work.resolve("cli.log"));
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue())
                .as(Files.readString(work.resolve("cli.log")))
                .isZero();
        assertThat(KafkaTestClients.readCommitted(bootstrap, TOPICS.audit(), 1, Duration.ofSeconds(60)))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.value()).contains("\"RECALIBRATION_REQUESTED\"", "\"subject\":\"m\"", "ana"));
        assertThat(stop(second)).as("exit status after SIGTERM").isZero();
        // a clean run and restart log nothing a user would read as broken
        for (String log : List.of("first.log", "second.log")) {
            assertThat(Files.readAllLines(work.resolve(log))).as(log).noneMatch(line -> line.contains("[ERROR]"));
        }
    }

    @Test
    void shouldExitNonZeroWithOneLineOnABadConfigValue() throws Exception {
        Path log = work.resolve("bad.log");
        Process process = start(List.of("run", "--set", "topic.partitions=zero"), log);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(log))
                .containsExactly(
                        "lazaret: invalid value 'zero' for configuration key 'topic.partitions'; accepted: int [1,...,10000]");
    }

    static Path runnableJar() throws IOException {
        Path target = Path.of("..", "monitor-app", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-all.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target + "; run mvn package"));
        }
    }

    private static Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(runnableJar().toString());
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
    }

    private static void awaitReady(Process process, int httpPort, Path log) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("lazaret exited early:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("lazaret not ready within 90 s:\n" + Files.readString(log));
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux) and returns the exit status. */
    private static int stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lazaret did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    private static Set<String> listTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
