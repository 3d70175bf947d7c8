package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lazaret submit} never reports success for records Kafka did not take, and fails in bounded time. */
@Tag("integration")
@Timeout(300)
class CliSafetyIT {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");

    @TempDir
    Path work;

    @Test
    void shouldFailWithTheRowAndReasonWhenARecordIsTooLargeAndWhenTopicsAreMissing() throws Exception {
        try (KafkaFixture kafka = KafkaFixture.start()) {
            String bs = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bs))) {
                admin.createTopics(List.of(
                                new NewTopic(TOPICS.trainingRecords(), 1, (short) 1),
                                new NewTopic(TOPICS.trainingManifests(), 1, (short) 1)))
                        .all()
                        .get();
            }
            Path keys = work.resolve("keys");
            assertThat(Cli.run("keygen", "--key-id", "k1", "--out", keys.toString())
                            .exit())
                    .isZero();
            String key = keys.resolve("k1.key").toString();
            Path bigCell = Files.writeString(
                    work.resolve("bigcell.csv"), "x,c,label\n1,a,0\n2," + "b".repeat(1_100_000) + ",1\n3,c,0\n");

            // refused before sending: above Lazaret's input.max.record.bytes
            Cli.Result refused = Cli.run(
                    "submit",
                    "--bootstrap-servers",
                    bs,
                    "--dataset",
                    "fraud",
                    "--source",
                    "s",
                    "--key",
                    key,
                    "--batch-id",
                    "bigcell-1",
                    bigCell.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("row 2 (seq 1) is", "the limit is 1000000", "bigcell-1 not submitted");
            assertThat(refused.out()).doesNotContain("submitted batch");

            // with the client limit raised, the broker refuses it: reported, not counted as sent
            Cli.Result brokerRefused = Cli.run(
                    "submit",
                    "--bootstrap-servers",
                    bs,
                    "--dataset",
                    "fraud",
                    "--source",
                    "s",
                    "--key",
                    key,
                    "--max-record-bytes",
                    "5000000",
                    "--batch-id",
                    "bigcell-2",
                    bigCell.toString());
            assertThat(brokerRefused.exit()).isEqualTo(1);
            assertThat(brokerRefused.err())
                    .contains("row 2 (seq 1) was not written to " + TOPICS.trainingRecords())
                    .contains("RecordTooLarge")
                    .contains("bigcell-2 not submitted");
            assertThat(KafkaTestClients.readCommitted(bs, TOPICS.trainingManifests(), 1, Duration.ofSeconds(3)))
                    .as("no manifest for a batch that was not sent whole")
                    .isEmpty();

            // topics that do not exist: a bounded failure, not retries for ever
            long start = System.nanoTime();
            Cli.Result missing = Cli.run(
                    "submit",
                    "--bootstrap-servers",
                    bs,
                    "--topic-prefix",
                    "nope.",
                    "--timeout",
                    "5",
                    "--dataset",
                    "fraud",
                    "--source",
                    "s",
                    "--key",
                    key,
                    bigCell.toString());
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err()).contains("topic nope.training.records not available within 5 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));

            // and a good file still goes through
            Path ok = Files.writeString(work.resolve("ok.csv"), "x,c,label\n1,a,0\n2,b,1\n");
            Cli.Result sent = Cli.run(
                    "submit",
                    "--bootstrap-servers",
                    bs,
                    "--dataset",
                    "fraud",
                    "--source",
                    "s",
                    "--key",
                    key,
                    "--batch-id",
                    "ok-1",
                    ok.toString());
            assertThat(sent.exit()).as(sent.err()).isZero();
            assertThat(sent.out()).contains("submitted batch ok-1: 2 records");
        }
    }
}
