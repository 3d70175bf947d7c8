package dev.lazaret.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.topics.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
        int brokerPort = LazaretProcess.freePort();
        int controllerPort = LazaretProcess.freePort();
        int httpPort = LazaretProcess.freePort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path dataDir = work.resolve("data");
        List<String> args = List.of(
                "--data-dir",
                dataDir.toString(),
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

        LazaretProcess first = LazaretProcess.run(args, httpPort, work.resolve("first.log"));
        first.awaitReady(Duration.ofSeconds(90));
        assertThat(listTopics(bootstrap)).containsAll(TOPICS.all());
        KafkaTestClients.produce(bootstrap, List.of(new ProducerRecord<>(TOPICS.inferenceEvents(), "m", "{broken")));
        assertThat(KafkaTestClients.readCommitted(bootstrap, TOPICS.deadLetter(), 1, Duration.ofSeconds(60)))
                .hasSize(1);
        assertThat(first.stop()).as("exit status after SIGTERM").isZero();

        LazaretProcess second = LazaretProcess.run(args, httpPort, work.resolve("second.log"));
        second.awaitReady(Duration.ofSeconds(90));
        assertThat(second.log()).contains("reused");
        KafkaTestClients.produce(bootstrap, List.of(new ProducerRecord<>(TOPICS.inferenceEvents(), "m", "[]")));
        List<ConsumerRecord<String, String>> dead =
                KafkaTestClients.readCommitted(bootstrap, TOPICS.deadLetter(), 3, Duration.ofSeconds(20));
        // The first dead letter survived the restart, and its input was not processed again.
        assertThat(dead)
                .extracting(r -> KafkaTestClients.header(r, DeadLetterHeaders.REASON))
                .containsExactly("MALFORMED_JSON", "NOT_AN_OBJECT");
        // an operator's recalibration request, through the CLI and the drift side, into the audit chain
        Path cliLog = work.resolve("cli.log");
        Process cli = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        LazaretProcess.runnableJar().toString(),
                        "model",
                        "recalibrate",
                        "--bootstrap-servers",
                        bootstrap,
                        "--model",
                        "m",
                        "--operator",
                        "ana",
                        "--reason",
                        "v2 rollout"))
                .redirectErrorStream(true)
                .redirectOutput(cliLog.toFile())
                .start();
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(cliLog)).isZero();
        assertThat(KafkaTestClients.readCommitted(bootstrap, TOPICS.audit(), 1, Duration.ofSeconds(60)))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.value()).contains("\"RECALIBRATION_REQUESTED\"", "\"subject\":\"m\"", "ana"));
        assertThat(second.stop()).as("exit status after SIGTERM").isZero();
        // a clean run and restart log nothing a user would read as broken; the embedded KRaft controller's one error
        // for a heartbeat that waited too long in its queue reports a starved machine (seen at load average 19 on 2
        // cores while other builds ran), not a fault of the run
        for (String log : List.of("first.log", "second.log")) {
            assertThat(Files.readAllLines(work.resolve(log)))
                    .as(log)
                    .noneMatch(line -> line.contains("[ERROR]")
                            && !line.contains("processExpiredBrokerHeartbeat: controller event queue overloaded"));
        }
    }

    @Test
    void shouldExitNonZeroWithOneLineOnABadConfigValue() throws Exception {
        Path log = work.resolve("bad.log");
        LazaretProcess process =
                LazaretProcess.run(List.of("--set", "topic.partitions=zero"), LazaretProcess.freePort(), log);
        assertThat(process.exitStatus(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(Files.readAllLines(log))
                .containsExactly(
                        "lazaret: invalid value 'zero' for configuration key 'topic.partitions'; accepted: int [1,...,10000]");
    }

    private static Set<String> listTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
