package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.it.KafkaFixture;
import dev.lazaret.it.KafkaTestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model supply chain as a user runs it against a running Lazaret on a real broker: an approved batch, a release
 * trained on "every approved batch of fraud", {@code model verify} passing the released file and refusing a tampered
 * one, releases signed by a key out of its scope, by an unknown key or with a wrong signature, or naming a rejected or
 * an unknown batch, each refused with its reason, the ML BOM valid against CycloneDX 1.6, an unapproved version
 * in traffic alerting once and resolving when it is released, and a revocation that makes {@code model verify} refuse
 * the version and alerts for exactly the approved versions trained on the batch, and {@code trace} ranking a batch
 * seeded just under the null-share threshold first and listing exactly the versions trained on a batch, also from the
 * alert of a rejected batch. One broker and one Lazaret for all of it, the refused releases sent together.
 */
@Tag("integration")
@Timeout(300)
class ModelSupplyChainIT {
    private static final String MODEL_KEY = "ml-team-2026";

    @TempDir
    Path work;

    @Test
    void shouldReleaseVerifyRefuseTamperingAndRevoke() throws Exception {
        try (KafkaFixture kafka = KafkaFixture.start()) {
            String bs = kafka.bootstrapServers();
            Path keys = work.resolve("keys");
            Path producerKey = CliInstance.keygen(keys, CliInstance.KEY_ID);
            Path modelKey = CliInstance.keygen(keys, MODEL_KEY);
            Path keyring = Files.writeString(
                    work.resolve("keyring.json"),
                    "{\"keys\":{\"" + CliInstance.KEY_ID + "\":{\"public_key\":\"" + pub(keys, CliInstance.KEY_ID)
                            + "\",\"datasets\":[\"fraud\"]},\"" + MODEL_KEY + "\":{\"public_key\":\""
                            + pub(keys, MODEL_KEY) + "\",\"models\":[\"fraud-model\"]}}}");

            try (LazaretRuntime runtime = CliInstance.runtime(bs, work, keyring, Map.of())) {
                runtime.start();
                Path ref = DataFiles.csv(work.resolve("trusted.csv"), TestBatches.clean("r", 4_000, 1, 0));
                Cli.Result imported =
                        Cli.run("reference", "import", "--dataset", "fraud", "--bootstrap-servers", bs, ref.toString());
                assertThat(imported.exit()).as(imported.err()).isZero();
                Path a = DataFiles.csv(work.resolve("a.csv"), TestBatches.clean("a", 1_000, 2, 0));
                submit(bs, "batch-a", a, producerKey);
                assertThat(QuarantineCommandsIT.await(bs, "batch-a", v -> true).verdict())
                        .isEqualTo(Verdict.APPROVED);
                // approved, but with z1 null in 9.5% of its rows against the null-share threshold of 10%
                List<TrainingRecord> nearRows = new ArrayList<>();
                List<TrainingRecord> cleanB = TestBatches.clean("b", 1_000, 3, 0);
                for (int i = 0; i < cleanB.size(); i++) {
                    nearRows.add(i < 95 ? TestBatches.withFeature(cleanB.get(i), "z1", null) : cleanB.get(i));
                }
                Path b = DataFiles.jsonl(work.resolve("b.jsonl"), nearRows);
                submit(bs, "batch-b", b, producerKey);
                assertThat(QuarantineCommandsIT.await(bs, "batch-b", v -> true).verdict())
                        .isEqualTo(Verdict.APPROVED);
                // rejected: signed by a key the keyring does not know
                Path stranger = CliInstance.keygen(keys, "stranger");
                Path rejectedRows = DataFiles.csv(work.resolve("r.csv"), TestBatches.clean("r", 1_000, 4, 0));
                submit(bs, "batch-r", rejectedRows, stranger);
                assertThat(QuarantineCommandsIT.await(bs, "batch-r", v -> true).verdict())
                        .isEqualTo(Verdict.REJECTED);

                Path model = Files.writeString(work.resolve("model.onnx"), "weights v1");
                Cli.Result released = Cli.run(
                        "model",
                        "release",
                        "--model",
                        "fraud-model",
                        "--version",
                        "1",
                        "--artifact",
                        model.toString(),
                        "--trained-on",
                        "fraud",
                        "--framework",
                        "onnxruntime=1.18.0",
                        "--key",
                        modelKey.toString(),
                        "--bootstrap-servers",
                        bs);
                assertThat(released.exit()).as(released.err()).isZero();
                assertThat(released.out()).contains("2 training batches");
                Cli.Result verified = awaitVerdict(bs, "1", model);
                assertThat(verified.exit()).as(verified.err()).isZero();

                Path tampered = Files.writeString(
                        Files.createDirectories(work.resolve("tampered")).resolve("model.onnx"), "weights v1!");
                Cli.Result refused = verify(bs, "1", tampered);
                assertThat(refused.exit()).isEqualTo(3);
                assertThat(refused.err()).contains("model.onnx: SHA-256 ").contains("differs from the released");

                // refused, each with its reason: the producer's key may sign batches of fraud, not releases of the
                // model; a key of the model's id that is not the keyring's; a key the keyring does not know; a rejected
                // batch; a batch with no verdict. Sent together, judged in one run.
                Path impostor = CliInstance.keygen(work.resolve("impostor"), MODEL_KEY);
                release(bs, "2", model, "fraud:batch-a", producerKey);
                release(bs, "3", model, "fraud:batch-a", impostor);
                release(bs, "4", model, "fraud:batch-a", stranger);
                release(bs, "5", model, "fraud:batch-r", modelKey);
                release(bs, "6", model, "fraud:batch-unknown", modelKey);
                Cli.Result v2 = awaitVerdict(bs, "2", model);
                assertThat(v2.exit()).isEqualTo(3);
                assertThat(v2.err()).contains("may not sign releases of model 'fraud-model'");
                assertRefused(bs, "3", model, "the Ed25519 signature does not verify with key '" + MODEL_KEY + "'");
                assertRefused(bs, "4", model, "key 'stranger' is not in the keyring");
                assertRefused(bs, "5", model, "batch 'batch-r' of dataset 'fraud' is REJECTED");
                assertRefused(bs, "6", model, "batch 'batch-unknown' of dataset 'fraud' has no verdict (unknown)");

                Path bom = work.resolve("model.cdx.json");
                Cli.Result written = Cli.run(
                        "bom",
                        "--model",
                        "fraud-model",
                        "--version",
                        "1",
                        "--output",
                        bom.toString(),
                        "--bootstrap-servers",
                        bs);
                assertThat(written.exit()).as(written.err()).isZero();
                byte[] json = Files.readAllBytes(bom);
                assertThat(new JsonParser().validate(json, Version.VERSION_16))
                        .as(new String(json))
                        .isEmpty();
                assertThat(new String(json))
                        .contains("\"machine-learning-model\"")
                        .contains("\"batch:batch-a\"");

                // an unapproved version in traffic: one alert while it lasts, resolved by its release
                String alerts = "lazaret.alerts";
                long now = System.currentTimeMillis();
                List<ProducerRecord<String, String>> events = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    events.add(event(i % 2 == 0 ? "9" : "1", now + i));
                }
                KafkaTestClients.produce(bs, events);
                KafkaTestClients.awaitCommitted(
                        bs,
                        alerts,
                        r -> r.value().contains("\"FIRING\"") && r.value().contains("fraud-model@9"),
                        Duration.ofSeconds(60));
                KafkaTestClients.produce(bs, List.of(event("9", now + 200), event("9", now + 201)));
                release(bs, "9", model, "fraud", modelKey);
                KafkaTestClients.awaitCommitted(
                        bs,
                        alerts,
                        r -> r.value().contains("\"RESOLVED\"") && r.value().contains("fraud-model@9"),
                        Duration.ofSeconds(60));
                List<String> unapproved = KafkaTestClients.readAllCommitted(bs, alerts, Duration.ofSeconds(30)).stream()
                        .map(r -> r.value())
                        .filter(v -> v.contains("UNAPPROVED_MODEL_VERSION"))
                        .toList();
                assertThat(unapproved).hasSize(2);
                assertThat(unapproved.get(0)).contains("\"FIRING\"").contains("fraud-model@9");
                assertThat(unapproved.get(1)).contains("\"RESOLVED\"").contains("fraud-model@9");

                Cli.Result revoked = Cli.run(
                        "batches",
                        "revoke",
                        "batch-a",
                        "--operator",
                        "soc",
                        "--reason",
                        "poisoned",
                        "--bootstrap-servers",
                        bs);
                assertThat(revoked.exit()).as(revoked.err()).isZero();
                Cli.Result after = verify(bs, "1", model);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (after.exit() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    after = verify(bs, "1", model);
                }
                assertThat(after.exit()).isEqualTo(3);
                assertThat(after.err()).contains("trained on revoked batches: batch-a");
                // exactly the approved versions trained on batch-a: 1 and 9, not the refused 2, 3 and 4
                KafkaTestClients.awaitCommitted(
                        bs,
                        alerts,
                        r -> r.value().contains("MODEL_TRAINED_ON_REVOKED_DATA")
                                && r.value().contains("fraud-model@9"),
                        Duration.ofSeconds(60));
                List<String> revokedAlerts =
                        KafkaTestClients.readAllCommitted(bs, alerts, Duration.ofSeconds(30)).stream()
                                .map(r -> r.value())
                                .filter(v -> v.contains("MODEL_TRAINED_ON_REVOKED_DATA"))
                                .toList();
                assertThat(revokedAlerts).hasSize(2);
                assertThat(String.join("\n", revokedAlerts))
                        .contains("\"subject\":\"fraud-model@1\"")
                        .contains("\"subject\":\"fraud-model@9\"");

                // the blast radius: batch-b came within 5% of the null-share threshold, batch-a nowhere near one
                Cli.Result traced = Cli.run(
                        "trace", "--model", "fraud-model", "--version", "1", "--json", "--bootstrap-servers", bs);
                assertThat(traced.exit()).as(traced.err()).isZero();
                JsonNode ranked = JsonSerde.reader().readTree(traced.out()).get("batches");
                assertThat(ranked).hasSize(2);
                assertThat(ranked.get(0).get("batch_id").asText()).isEqualTo("batch-b");
                assertThat(ranked.get(0).get("nearest_check").get("check").asText())
                        .isEqualTo("null-share");
                assertThat(ranked.get(0).get("nearest_check").get("margin").asDouble())
                        .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(ranked.get(0).get("signer").asText()).isEqualTo(CliInstance.KEY_ID);
                assertThat(ranked.get(1).get("batch_id").asText()).isEqualTo("batch-a");
                assertThat(ranked.get(1).get("verdict").asText()).isEqualTo("REVOKED");
                Cli.Result table =
                        Cli.run("trace", "--model", "fraud-model", "--version", "1", "--bootstrap-servers", bs);
                assertThat(table.exit()).as(table.err()).isZero();
                assertThat(table.out())
                        .containsPattern("(?m)^1\\s+fraud\\s+batch-b\\s+APPROVED\\s+0\\.05000\\s+null-share")
                        .containsPattern("(?m)^2\\s+fraud\\s+batch-a\\s+REVOKED");
                // exactly the versions whose release names the batch: 1, the refused 2 to 4 and 9 for batch-a; 1 and 9
                // for b
                assertThat(tracedVersions(bs, "batch-a")).containsExactly("1", "2", "3", "4", "9");
                assertThat(tracedVersions(bs, "batch-b")).containsExactly("1", "9");
                Cli.Result unknown = Cli.run("trace", "--batch", "batch-zz", "--bootstrap-servers", bs);
                assertThat(unknown.exit()).isEqualTo(2);
                // an alert's subject: the revoked-data alert of version 1 traces version 1
                String alertId = KafkaTestClients.readAllCommitted(bs, alerts, Duration.ofSeconds(30)).stream()
                        .map(r -> r.value())
                        .filter(v -> v.contains("MODEL_TRAINED_ON_REVOKED_DATA") && v.contains("fraud-model@1\""))
                        .map(v -> readTree(v).get("alert_id").asText())
                        .findFirst()
                        .orElseThrow();
                Cli.Result fromAlert = Cli.run("trace", "--alert", alertId, "--json", "--bootstrap-servers", bs);
                assertThat(fromAlert.exit()).as(fromAlert.err()).isZero();
                assertThat(readTree(fromAlert.out()).get("version").asText()).isEqualTo("1");
                // a batch alert's subject is its batch: the versions trained on it, here the refused 5
                String rejectedId = KafkaTestClients.readAllCommitted(bs, alerts, Duration.ofSeconds(30)).stream()
                        .map(rec -> readTree(rec.value()))
                        .filter(alert -> alert.get("kind").asText().equals("BATCH_REJECTED")
                                && alert.get("window").asText().equals("batch-r"))
                        .map(alert -> alert.get("alert_id").asText())
                        .findFirst()
                        .orElseThrow();
                Cli.Result fromBatchAlert =
                        Cli.run("trace", "--alert", rejectedId, "--json", "--bootstrap-servers", bs);
                assertThat(fromBatchAlert.exit()).as(fromBatchAlert.err()).isZero();
                JsonNode traced5 = readTree(fromBatchAlert.out());
                assertThat(traced5.get("batch").asText()).isEqualTo("batch-r");
                assertThat(traced5.get("versions")).hasSize(1);
                assertThat(traced5.get("versions").get(0).get("version").asText())
                        .isEqualTo("5");
                assertThat(traced5.get("versions").get(0).get("status").asText())
                        .isEqualTo("REFUSED");
            }
        }
    }

    /** Submits {@code rows} as batch {@code batchId} of fraud from bank-a, signed with {@code key}. */
    private static void submit(String bs, String batchId, Path rows, Path key) {
        Cli.Result submitted = Cli.run(
                "submit",
                "--dataset",
                "fraud",
                "--source",
                "bank-a",
                "--key",
                key.toString(),
                "--batch-id",
                batchId,
                "--bootstrap-servers",
                bs,
                rows.toString());
        assertThat(submitted.exit()).as(submitted.err()).isZero();
    }

    /** Sends a release of fraud-model signed with {@code key}; the topology judges it asynchronously. */
    private static void release(String bs, String version, Path artifact, String trainedOn, Path key) {
        Cli.Result sent = Cli.run(
                "model",
                "release",
                "--model",
                "fraud-model",
                "--version",
                version,
                "--artifact",
                artifact.toString(),
                "--trained-on",
                trainedOn,
                "--key",
                key.toString(),
                "--bootstrap-servers",
                bs);
        assertThat(sent.exit()).as(sent.err()).isZero();
    }

    /** {@code model verify} refuses the version, with the verdict's reason. */
    private static void assertRefused(String bs, String version, Path file, String reason) throws InterruptedException {
        Cli.Result r = awaitVerdict(bs, version, file);
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err())
                .contains("release fraud-model@" + version + " was refused: ")
                .contains(reason);
    }

    private static List<String> tracedVersions(String bs, String batch) {
        Cli.Result r = Cli.run("trace", "--batch", batch, "--json", "--bootstrap-servers", bs);
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> versions = new ArrayList<>();
        readTree(r.out())
                .get("versions")
                .forEach(v -> versions.add(v.get("version").asText()));
        return versions;
    }

    private static JsonNode readTree(String json) {
        try {
            return JsonSerde.reader().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ProducerRecord<String, String> event(String version, long timestampMs) {
        return new ProducerRecord<>(
                "lazaret.inference.events",
                "fraud-model",
                "{\"event_id\":\"e-" + version + "-" + timestampMs + "\",\"model\":\"fraud-model\","
                        + "\"model_version\":\"" + version + "\",\"timestamp\":" + timestampMs
                        + ",\"features\":{\"x\":1.0},\"prediction\":\"1\",\"score\":0.9}");
    }

    private static String pub(Path keys, String keyId) throws Exception {
        return Files.readString(keys.resolve(keyId + ".pub")).trim();
    }

    private static Cli.Result verify(String bs, String version, Path file) {
        return Cli.run(
                "model",
                "verify",
                "--model",
                "fraud-model",
                "--version",
                version,
                "--bootstrap-servers",
                bs,
                file.toString());
    }

    /** Verifies until the version has a verdict (the release is judged asynchronously). */
    private static Cli.Result awaitVerdict(String bs, String version, Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Cli.Result r = verify(bs, version, file);
        while (r.err().contains("no release of") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            r = verify(bs, version, file);
        }
        return r;
    }
}
