package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.app.verdicts.BatchHistory;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer and operator commands as a user runs them, against a running Lazaret on a real broker: keygen, submit
 * (CSV and JSONL), reference import and promote, batches list, show, release and reject, and each one's bad input.
 */
@Tag("integration")
@Timeout(300)
class QuarantineCommandsIT {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");

    @TempDir
    Path work;

    @Test
    void shouldRunEveryProducerAndOperatorCommandAgainstARunningInstance() throws Exception {
        try (KafkaFixture kafka = KafkaFixture.start()) {
            String bs = kafka.bootstrapServers();
            Path keys = work.resolve("keys");

            Cli.Result keygen = Cli.run("keygen", "--key-id", "bank-a-2026", "--out", keys.toString());
            assertThat(keygen.exit()).as(keygen.err()).isZero();
            assertThat(keys.resolve("bank-a-2026.key")).exists();
            assertThat(keygen.out()).contains("\"bank-a-2026\": {\"public_key\": \"");
            assertThat(Cli.run("keygen", "--key-id", "bank-a-2026", "--out", keys.toString())
                            .exit())
                    .as("never overwrites a private key")
                    .isEqualTo(2);
            assertThat(Cli.run("keygen", "--key-id", "rogue", "--out", keys.toString())
                            .exit())
                    .isZero();
            Path aliceKey = CliInstance.keygen(keys, "alice-2026");
            Path bobKey = CliInstance.keygen(keys, "bob-2026");
            Path keyring = CliInstance.keyring(
                    work, keys, CliInstance.KEY_ID, Map.of("alice", "alice-2026", "bob", "bob-2026"));

            try (LazaretRuntime runtime = CliInstance.runtime(bs, work, keyring, Map.of())) {
                runtime.start();
                String key = keys.resolve("bank-a-2026.key").toString();
                String[] kafkaArgs = {"--bootstrap-servers", bs};

                Path ref = DataFiles.csv(work.resolve("trusted.csv"), TestBatches.clean("r", 4_000, 1, 0));
                Cli.Result imported = Cli.run(
                        cat(new String[] {"reference", "import", "--dataset", "fraud"}, kafkaArgs, ref.toString()));
                assertThat(imported.exit()).as(imported.err()).isZero();
                assertThat(imported.out()).contains("reference is now import:");
                List<ConsumerRecord<String, String>> profiles =
                        KafkaTestClients.readCommitted(bs, TOPICS.profiles(), 1, Duration.ofSeconds(30));
                assertThat(profiles).hasSize(1);
                assertThat(KafkaTestClients.header(profiles.get(0), "lazaret.reference.id"))
                        .startsWith("import:");

                Path csv = DataFiles.csv(work.resolve("clean.csv"), TestBatches.clean("c", 1_500, 2, 0));
                Path jsonl = DataFiles.jsonl(work.resolve("clean.jsonl"), TestBatches.clean("j", 1_500, 3, 0));
                Path shifted = DataFiles.csv(work.resolve("shifted.csv"), TestBatches.clean("s", 1_500, 4, 1.0));
                Path shifted2 = DataFiles.csv(work.resolve("shifted2.csv"), TestBatches.clean("s2", 1_500, 5, 1.0));
                Path other = DataFiles.csv(work.resolve("other.csv"), TestBatches.clean("o", 1_500, 6, 0));
                submit(kafkaArgs, key, "csv-1", csv);
                submit(kafkaArgs, key, "jsonl-1", jsonl);
                submit(kafkaArgs, key, "held-1", shifted);
                submit(kafkaArgs, key, "held-2", shifted2);
                submit(kafkaArgs, keys.resolve("rogue.key").toString(), "rogue-1", csv);
                assertThat(await(bs, "jsonl-1", v -> true).verdict()).isEqualTo(Verdict.APPROVED);
                BatchVerdict csvVerdict = await(bs, "csv-1", v -> true);
                assertThat(csvVerdict.verdict()).as(csvVerdict.reason()).isEqualTo(Verdict.APPROVED);
                assertThat(csvVerdict.checks()).allMatch(c -> c.status() == CheckStatus.PASS);
                // a second, different submission under an approved batch's id: a split view, the first one stands
                submit(kafkaArgs, key, "csv-1", other);
                BatchVerdict replay = await(bs, "csv-1", v -> Verdict.REJECTED.equals(v.verdict()));
                assertThat(failing(replay)).contains("batch-replay");
                BatchVerdict rogue = await(bs, "rogue-1", v -> true);
                assertThat(rogue.verdict()).isEqualTo(Verdict.REJECTED);
                assertThat(failing(rogue)).contains("key-known", "signature");
                assertThat(await(bs, "held-1", v -> true).verdict()).isEqualTo(Verdict.HELD);
                assertThat(await(bs, "held-2", v -> true).verdict()).isEqualTo(Verdict.HELD);

                // a replay of a held batch's id is refused and leaves the batch held, and releasable
                submit(kafkaArgs, key, "held-1", shifted);
                BatchVerdict heldReplay = await(bs, "held-1", v -> Verdict.REJECTED.equals(v.verdict()));
                assertThat(failing(heldReplay)).contains("batch-replay");

                // the operator's view follows each batch, not the last message about its id
                Cli.Result list = Cli.run(cat(new String[] {"batches", "list"}, kafkaArgs));
                assertThat(list.exit()).as(list.err()).isZero();
                assertThat(list.out()).containsPattern("jsonl-1 +fraud +APPROVED +policy +0 ");
                assertThat(list.out()).containsPattern("csv-1 +fraud +APPROVED +policy +1 ");
                assertThat(list.out()).containsPattern("held-1 +fraud +HELD +policy +1 ");
                assertThat(list.out()).containsPattern("rogue-1 +fraud +REJECTED");
                Cli.Result held = Cli.run(cat(new String[] {"batches", "list", "--held"}, kafkaArgs));
                assertThat(held.out()).contains("held-1", "held-2").doesNotContain("jsonl-1");
                Cli.Result show = Cli.run(cat(new String[] {"batches", "show", "--batch", "held-1"}, kafkaArgs));
                assertThat(show.exit()).isZero();
                assertThat(show.out()).contains("verdict HELD by policy").containsPattern("hold +feature-shift");
                assertThat(show.out())
                        .containsPattern("replay refused at \\S+ \\(verdict lazaret\\.training\\.verdicts-\\d+@\\d+\\)")
                        .contains("was already decided");
                Cli.Result showApproved = Cli.run(cat(new String[] {"batches", "show", "--batch", "csv-1"}, kafkaArgs));
                assertThat(showApproved.out())
                        .contains("verdict APPROVED by policy")
                        .contains("received 1500")
                        .containsPattern("replay refused at ");

                // a decision signed with bob's key under alice's name reaches the topic but decides nothing
                Cli.Result impostor = Cli.run(cat(
                        new String[] {
                            "batches",
                            "release",
                            "--batch",
                            "held-1",
                            "--operator",
                            "alice",
                            "--reason",
                            "mine",
                            "--key",
                            bobKey.toString()
                        },
                        kafkaArgs));
                assertThat(impostor.exit()).as(impostor.err()).isZero();
                ConsumerRecord<String, String> refused = KafkaTestClients.readCommitted(
                                bs, TOPICS.deadLetter(), 1, Duration.ofSeconds(60))
                        .get(0);
                assertThat(KafkaTestClients.header(refused, "lazaret.dlq.detail"))
                        .contains("operator key 'bob-2026' belongs to operator 'bob', not 'alice'");
                Cli.Result release = Cli.run(cat(
                        new String[] {
                            "batches",
                            "release",
                            "--batch",
                            "held-1",
                            "--operator",
                            "alice",
                            "--reason",
                            "seasonal",
                            "--key",
                            aliceKey.toString()
                        },
                        kafkaArgs));
                assertThat(release.exit()).as(release.err()).isZero();
                Cli.Result reject = Cli.run(cat(
                        new String[] {
                            "batches",
                            "reject",
                            "--batch",
                            "held-2",
                            "--operator",
                            "bob",
                            "--reason",
                            "unexplained",
                            "--key",
                            bobKey.toString()
                        },
                        kafkaArgs));
                assertThat(reject.exit()).as(reject.err()).isZero();
                BatchVerdict released =
                        await(bs, "held-1", v -> !Verdict.HELD.equals(v.verdict()) && !BatchHistory.isReplay(v));
                assertThat(released.verdict()).isEqualTo(Verdict.APPROVED);
                assertThat(released.decidedBy().name()).isEqualTo("alice");
                assertThat(released.previousVerdict()).isEqualTo(Verdict.HELD);
                assertThat(released.reason()).contains("seasonal");
                BatchVerdict rejected = await(bs, "held-2", v -> !Verdict.HELD.equals(v.verdict()));
                assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
                assertThat(rejected.decidedBy().name()).isEqualTo("bob");
                assertThat(rejected.reason()).contains("unexplained");

                // the candidate of an approved batch is published when its release ends; promotion pins it
                Cli.Result promote = awaitPromotion(kafkaArgs, "jsonl-1");
                assertThat(promote.out()).contains("reference is now batch:jsonl-1");
                List<ConsumerRecord<String, String>> pinned =
                        KafkaTestClients.readCommitted(bs, TOPICS.profiles(), 2, Duration.ofSeconds(30));
                assertThat(pinned)
                        .extracting(r -> KafkaTestClients.header(r, "lazaret.reference.id"))
                        .last()
                        .isEqualTo("batch:jsonl-1");

                // eleven entries: seven policy verdicts (two of them replays), two operator decisions, the import and
                // the promotion
                Cli.Result audit = awaitAudit(kafkaArgs, 11);
                assertThat(audit.exit()).as(audit.out() + audit.err()).isZero();
                List<ConsumerRecord<String, String>> chain =
                        KafkaTestClients.readCommitted(bs, TOPICS.audit(), 11, Duration.ofSeconds(30));
                forge(bs, "altered.", chain, 4, chain.get(4).value().replace("\"appended_ms\":", "\"appended_ms\":1"));
                Cli.Result altered =
                        Cli.run("audit", "verify", "--bootstrap-servers", bs, "--topic-prefix", "altered.");
                assertThat(altered.exit()).isEqualTo(3);
                assertThat(altered.out()).contains("TAMPERED after 4 good entries: offset 4: entry altered");
                forge(bs, "removed.", chain, 4, null);
                Cli.Result removed =
                        Cli.run("audit", "verify", "--bootstrap-servers", bs, "--topic-prefix", "removed.");
                assertThat(removed.exit()).isEqualTo(3);
                assertThat(removed.out()).contains("offset 4: entry seq 5 where seq 4 was expected");

                // bad input: one line on stderr, exit 2
                assertBadInput(
                        Cli.run(cat(
                                new String[] {
                                    "batches",
                                    "release",
                                    "--batch",
                                    "jsonl-1",
                                    "--operator",
                                    "x",
                                    "--reason",
                                    "y",
                                    "--key",
                                    aliceKey.toString()
                                },
                                kafkaArgs)),
                        "is not held (APPROVED)");
                assertBadInput(
                        Cli.run(cat(new String[] {"batches", "show", "--batch", "nope"}, kafkaArgs)),
                        "no verdict for batch 'nope'");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"reference", "promote", "--dataset", "fraud", "--batch", "held-2"},
                                kafkaArgs)),
                        "only approved batches");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"reference", "promote", "--dataset", "other", "--batch", "jsonl-1"},
                                kafkaArgs)),
                        "belongs to dataset 'fraud'");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"reference", "import", "--dataset", "fraud"}, kafkaArgs, "missing.csv")),
                        "cannot read missing.csv");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"submit", "--dataset", "fraud", "--source", "bank-a", "--key", key},
                                kafkaArgs,
                                "missing.csv")),
                        "cannot read missing.csv");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {
                                    "submit", "--dataset", "fraud", "--source", "bank-a", "--key", ref.toString()
                                },
                                kafkaArgs,
                                csv.toString())),
                        "key file " + ref + " holds no Ed25519 private key");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"submit", "--dataset", "fraud", "--source", "bank-a", "--key", "nokey.key"
                                },
                                kafkaArgs,
                                csv.toString())),
                        "key file nokey.key does not exist");
                Path ragged = Files.writeString(work.resolve("ragged.csv"), "a,b,label\n1,2,L0\n3,L1\n");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"submit", "--dataset", "fraud", "--source", "bank-a", "--key", key},
                                kafkaArgs,
                                ragged.toString())),
                        "ragged.csv:3: 2 fields, but the header has 3 columns");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"reference", "import", "--dataset", "fraud"},
                                kafkaArgs,
                                ragged.toString())),
                        "ragged.csv:3: 2 fields, but the header has 3 columns");
                Path quoted = Files.writeString(work.resolve("target.csv"), "a,\"b,c\",target\n1,2,L0\n");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"submit", "--dataset", "fraud", "--source", "bank-a", "--key", key},
                                kafkaArgs,
                                quoted.toString())),
                        "target.csv:1: no column 'label' (--label-column); columns present: a, b,c, target");
                assertBadInput(
                        Cli.run(cat(
                                new String[] {"reference", "import", "--dataset", "fraud", "--label-column", "y"},
                                kafkaArgs,
                                quoted.toString())),
                        "target.csv:1: no column 'y' (--label-column); columns present: a, b,c, target");
                assertBadInput(Cli.run("keygen"), "Missing required option: '--key-id=<keyId>'");
                assertBadInput(Cli.run("batches", "show"), "Missing required option: '--batch=<batch>'");
                assertBadInput(Cli.run("submit", "--dataset", "fraud"), "Missing required options");
            }
        }
    }

    private static void submit(String[] kafkaArgs, String key, String batchId, Path file) {
        Cli.Result r = Cli.run(cat(
                new String[] {"submit", "--dataset", "fraud", "--source", "bank-a", "--key", key, "--batch-id", batchId
                },
                kafkaArgs,
                file.toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("submitted batch " + batchId + ": 1500 records, content_sha256 ");
    }

    private static Cli.Result awaitPromotion(String[] kafkaArgs, String batchId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Cli.Result r;
        do {
            r = Cli.run(
                    cat(new String[] {"reference", "promote", "--dataset", "fraud", "--batch", batchId}, kafkaArgs));
            if (r.exit() == 0) {
                return r;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("promotion of " + batchId + " kept failing: " + r.err());
    }

    private static Cli.Result awaitAudit(String[] kafkaArgs, int entries) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Cli.Result r;
        do {
            r = Cli.run(cat(new String[] {"audit", "verify"}, kafkaArgs));
            if (r.out().contains("chain intact, " + entries + " entries")) {
                return r;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("audit chain never reached " + entries + " entries: " + r.out() + r.err());
    }

    /** Copies {@code chain} to a new audit topic under {@code prefix}, with entry {@code at} replaced or left out. */
    private static void forge(
            String bs, String prefix, List<ConsumerRecord<String, String>> chain, int at, String replacement)
            throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bs);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(prefix + "audit", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        List<ProducerRecord<String, String>> copy = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            String value = i == at ? replacement : chain.get(i).value();
            if (value != null) {
                copy.add(new ProducerRecord<>(prefix + "audit", chain.get(i).key(), value));
            }
        }
        KafkaTestClients.produce(bs, copy);
    }

    private static void assertBadInput(Cli.Result r, String message) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        // in this JVM Kafka's client logs and banners share stderr, so look at the command's own lines
        List<String> own = r.err().lines().filter(l -> l.startsWith("lazaret")).toList();
        assertThat(own).hasSize(1);
        assertThat(r.err()).doesNotContain("Usage:").doesNotContain("Exception");
        assertThat(own.get(0)).startsWith("lazaret: ").contains(message);
    }

    private static List<String> failing(BatchVerdict v) {
        return v.checks().stream()
                .filter(c -> c.status() == CheckStatus.FAIL)
                .map(c -> c.check().label())
                .toList();
    }

    /** The first verdict of {@code batchId} matching {@code which}, waiting up to 60 s for it. */
    static BatchVerdict await(String bs, String batchId, Predicate<BatchVerdict> which) {
        return read(KafkaTestClients.awaitCommitted(
                        bs,
                        TOPICS.trainingVerdicts(),
                        r -> {
                            BatchVerdict v = read(r.value());
                            return v.batchId().equals(batchId) && which.test(v);
                        },
                        Duration.ofSeconds(60))
                .value());
    }

    private static BatchVerdict read(String json) {
        try {
            return JsonSerde.reader().readValue(json, BatchVerdict.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] cat(String[] head, String[] more, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(more));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
