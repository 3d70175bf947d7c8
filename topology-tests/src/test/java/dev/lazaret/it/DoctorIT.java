package dev.lazaret.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.app.Main;
import dev.lazaret.app.doctor.Partitioners;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.topics.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lazaret doctor} against a real broker: missing topics, unequal co-partitioned counts, keyring, exit codes. */
@Tag("integration")
@Timeout(180)
class DoctorIT {
    @TempDir
    Path work;

    @Test
    void shouldReportEachProblemAndExit1AndExit0WhenTheClusterIsConsistent() throws Exception {
        try (KafkaFixture kafka = KafkaFixture.start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String bs = kafka.bootstrapServers();
            TopicNames good = new TopicNames("good.");
            TopicNames skewed = new TopicNames("skewed.");
            create(admin, good, Map.of());
            create(admin, skewed, Map.of(skewed.trainingDecisions(), 1, skewed.inferenceFeedback(), 2));
            Path keyring = Files.writeString(
                    work.resolve("keyring.json"),
                    "{\"keys\":{\"bank-a-2026\":{\"public_key\":\""
                            + Ed25519.encode(Ed25519.generate().getPublic())
                            + "\",\"datasets\":[\"fraud\"],\"sources\":[\"bank-a\"]}}}");

            Run ok = doctor(
                    "--bootstrap-servers",
                    bs,
                    "--topic-prefix",
                    "good.",
                    "--keyring",
                    keyring.toString(),
                    "--key",
                    "b-42");
            assertThat(ok.exit()).as(ok.out()).isZero();
            assertThat(ok.out())
                    .contains("doctor: topic good.training.records: 3 partitions")
                    .contains("key bank-a-2026: datasets [fraud], sources [bank-a]")
                    .contains("key 'b-42' on good.training.records (3 partitions): partition "
                            + Partitioners.javaMurmur2("b-42", 3) + " with Java's murmur2")
                    .contains("partition " + Partitioners.librdkafkaCrc32("b-42", 3) + " with librdkafka's default")
                    .endsWith("doctor: no problems found\n")
                    .doesNotContain("problem:");

            Run bad = doctor("--bootstrap-servers", bs, "--topic-prefix", "skewed.", "--keyring", "missing.json");
            assertThat(bad.exit()).as(bad.out()).isEqualTo(1);
            assertThat(bad.out().lines().filter(l -> l.startsWith("problem: ")))
                    .containsExactly(
                            "problem: partition counts differ: {skewed.training.records=3,"
                                    + " skewed.training.manifests=3, skewed.training.decisions=1}; Lazaret joins these"
                                    + " by key within a partition, so they must be equal",
                            "problem: partition counts differ: {skewed.inference.events=3,"
                                    + " skewed.inference.feedback=2, skewed.model.recalibrations=3}; Lazaret joins these by key"
                                    + " within a partition,"
                                    + " so they must be equal",
                            "problem: keyring file missing.json does not exist");

            Run empty = doctor("--bootstrap-servers", bs, "--topic-prefix", "none.");
            assertThat(empty.exit()).isEqualTo(1);
            assertThat(empty.out()).contains("problem: topic none.training.records does not exist");

            Run unreachable = doctor("--bootstrap-servers", "127.0.0.1:1", "--timeout-ms", "2000");
            assertThat(unreachable.exit()).isEqualTo(1);
            assertThat(unreachable.out()).contains("problem: cannot reach Kafka at 127.0.0.1:1");

            assertThat(doctor("--timeout-ms", "soon").exit()).isEqualTo(2);
        }
    }

    private static void create(Admin admin, TopicNames names, Map<String, Integer> counts) throws Exception {
        List<NewTopic> topics = names.all().stream()
                .map(t -> new NewTopic(t, counts.getOrDefault(t, 3), (short) 1))
                .toList();
        admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        // a created topic reaches the broker's metadata a moment after CreateTopics returns
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(names.all()).allTopicNames().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private record Run(int exit, String out) {}

    private static synchronized Run doctor(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            var commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(o, true));
            String[] full = new String[args.length + 1];
            full[0] = "doctor";
            System.arraycopy(args, 0, full, 1, args.length);
            int exit = commandLine.execute(full);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }
}
