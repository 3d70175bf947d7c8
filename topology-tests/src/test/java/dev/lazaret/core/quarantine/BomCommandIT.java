package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.it.KafkaFixture;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lazaret bom} as a user runs it against a running Lazaret on a real broker: two approved batches and a
 * rejected one give a schema-valid CycloneDX 1.6 BOM listing exactly the two, with the pinned reference.
 */
@Tag("integration")
@Timeout(300)
class BomCommandIT {
    @TempDir
    Path work;

    @Test
    void shouldListExactlyTheApprovedBatchesWhenTwoAreApprovedAndOneRejected() throws Exception {
        try (KafkaFixture kafka = KafkaFixture.start()) {
            String bs = kafka.bootstrapServers();
            Path keys = work.resolve("keys");
            Path goodKeyFile = CliInstance.keygen(keys, CliInstance.KEY_ID);
            Path rogueKeyFile = CliInstance.keygen(keys, "rogue");
            Path keyring = CliInstance.keyring(work, keys, CliInstance.KEY_ID);

            try (LazaretRuntime runtime = CliInstance.runtime(bs, work, keyring, Map.of())) {
                runtime.start();
                Path ref = DataFiles.csv(work.resolve("trusted.csv"), TestBatches.clean("r", 4_000, 1, 0));
                Cli.Result imported =
                        Cli.run("reference", "import", "--dataset", "fraud", "--bootstrap-servers", bs, ref.toString());
                assertThat(imported.exit()).as(imported.err()).isZero();

                Path a = DataFiles.csv(work.resolve("a.csv"), TestBatches.clean("a", 1_000, 2, 0));
                Path b = DataFiles.csv(work.resolve("b.csv"), TestBatches.clean("b", 1_200, 3, 0));
                String goodKey = goodKeyFile.toString();
                submit(bs, goodKey, "batch-a", a);
                submit(bs, goodKey, "batch-b", b);
                submit(bs, rogueKeyFile.toString(), "batch-rogue", a);
                BatchVerdict va = QuarantineCommandsIT.await(bs, "batch-a", v -> true);
                BatchVerdict vb = QuarantineCommandsIT.await(bs, "batch-b", v -> true);
                assertThat(va.verdict()).as(va.reason()).isEqualTo(Verdict.APPROVED);
                assertThat(vb.verdict()).as(vb.reason()).isEqualTo(Verdict.APPROVED);
                assertThat(QuarantineCommandsIT.await(bs, "batch-rogue", v -> true)
                                .verdict())
                        .isEqualTo(Verdict.REJECTED);

                Path out = work.resolve("fraud.cdx.json");
                Cli.Result bom =
                        Cli.run("bom", "--dataset", "fraud", "--output", out.toString(), "--bootstrap-servers", bs);
                assertThat(bom.exit()).as(bom.err()).isZero();
                byte[] json = Files.readAllBytes(out);
                assertThat(new JsonParser().validate(json, Version.VERSION_16))
                        .as(new String(json))
                        .isEmpty();
                JsonNode doc = new ObjectMapper().readTree(json);
                assertThat(doc.get("specVersion").asText()).isEqualTo("1.6");
                assertThat(doc.get("serialNumber").asText()).startsWith("urn:uuid:");
                List<String> names = new ArrayList<>();
                doc.get("components").forEach(c -> names.add(c.get("name").asText()));
                assertThat(names).hasSize(3).startsWith("batch-a", "batch-b");
                assertThat(names.get(2)).startsWith("import:");
                JsonNode first = doc.get("components").get(0);
                assertThat(first.get("hashes").get(0).get("content").asText()).isEqualTo(va.contentSha256Computed());
                assertThat(properties(first))
                        .containsEntry("lazaret:source", "bank-a")
                        .containsEntry("lazaret:signer.key_id", "bank-a-2026")
                        .containsEntry("lazaret:record_count", "1000")
                        .containsEntry("lazaret:verdict.decided_by", "policy")
                        .containsKey("lazaret:verdict.id");
                assertThat(properties(doc.get("components").get(1))).containsEntry("lazaret:record_count", "1200");
                assertThat(properties(doc.get("components").get(2))).containsEntry("lazaret:reference.records", "4000");

                // the same inputs give the same document, apart from the timestamp and serial number
                Cli.Result again = Cli.run("bom", "--dataset", "fraud", "--bootstrap-servers", bs);
                assertThat(again.exit()).isZero();
                JsonNode second = new ObjectMapper().readTree(again.out());
                assertThat(withoutHeader(second)).isEqualTo(withoutHeader(doc));

                Cli.Result unknown = Cli.run("bom", "--dataset", "frod", "--bootstrap-servers", bs);
                assertThat(unknown.exit()).isEqualTo(2);
                assertThat(own(unknown.err()))
                        .containsExactly("lazaret: no verdict for any batch of dataset 'frod' "
                                + "on lazaret.training.verdicts");
                assertThat(unknown.out()).isEmpty();
            }
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cli.Result unreachable = Cli.run(
                "bom", "--dataset", "fraud", "--bootstrap-servers", "127.0.0.1:" + closedPort, "--timeout-ms", "2000");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(own(unreachable.err())).hasSize(1).allMatch(l -> l.startsWith("lazaret: cannot read Kafka at"));
        assertThat(unreachable.err()).doesNotContain("Exception:").doesNotContain("\tat ");
    }

    private static void submit(String bs, String key, String batchId, Path file) {
        Cli.Result r = Cli.run(
                "submit",
                "--dataset",
                "fraud",
                "--source",
                "bank-a",
                "--key",
                key,
                "--batch-id",
                batchId,
                "--bootstrap-servers",
                bs,
                file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private static JsonNode withoutHeader(JsonNode bom) {
        JsonNode copy = bom.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("serialNumber");
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("metadata")).remove("timestamp");
        return copy;
    }

    /** The command's own stderr lines: in this JVM Kafka's client logs share stderr. */
    private static List<String> own(String err) {
        return err.lines().filter(l -> l.startsWith("lazaret")).toList();
    }

    private static Map<String, String> properties(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        node.get("properties")
                .forEach(p -> out.put(p.get("name").asText(), p.get("value").asText()));
        return out;
    }
}
