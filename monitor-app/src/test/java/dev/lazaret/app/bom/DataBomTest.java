package dev.lazaret.app.bom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazaret.app.verdicts.RecordedVerdict;
import dev.lazaret.app.verdicts.TestVerdicts;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class DataBomTest {
    private static final String TOPIC = TestVerdicts.TOPIC;
    private static final BomHeader HEADER = new BomHeader(
            Instant.parse("2026-11-22T10:00:00Z"), UUID.fromString("3e671687-395b-41f5-a30f-a58921a69b79"), "0.1.0");

    private final TestVerdicts verdicts = new TestVerdicts();

    @Test
    void shouldListOnlyTheApprovedBatchesWhenVerdictsAreMixed() throws Exception {
        verdict("b-2", "fraud", Verdict.APPROVED, "policy", null, hash('2'));
        verdict("b-1", "fraud", Verdict.APPROVED, "policy", null, hash('1'));
        verdict("b-rejected", "fraud", Verdict.REJECTED, "policy", null, hash('3'));
        verdict("b-held-released", "fraud", Verdict.HELD, "policy", null, hash('4'));
        verdict("b-held-rejected", "fraud", Verdict.HELD, "policy", null, hash('5'));
        verdict("b-held-released", "fraud", Verdict.APPROVED, "alice", Verdict.HELD, hash('4'));
        verdict("b-held-rejected", "fraud", Verdict.REJECTED, "bob", Verdict.HELD, hash('5'));
        verdict("b-still-held", "fraud", Verdict.HELD, "policy", null, hash('6'));
        verdict("other-dataset", "churn", Verdict.APPROVED, "policy", null, hash('7'));
        // a replayed id is rejected, but the first batch's records stay approved
        verdict("b-1", "fraud", Verdict.REJECTED, "policy", null, hash('8'));

        ApprovedData data = ApprovedData.of("fraud", verdicts.all());
        JsonNode bom = validated(data, Optional.of(reference()));

        assertThat(data.batchesSeen()).isEqualTo(6);
        JsonNode components = bom.get("components");
        List<String> names = new ArrayList<>();
        components.forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).containsExactly("b-1", "b-2", "b-held-released", "import:abc");
        JsonNode b1 = components.get(0);
        assertThat(b1.get("type").asText()).isEqualTo("data");
        assertThat(b1.get("hashes").get(0).get("alg").asText()).isEqualTo("SHA-256");
        assertThat(b1.get("hashes").get(0).get("content").asText()).isEqualTo(hash('1'));
        assertThat(b1.get("data").get(0).get("type").asText()).isEqualTo("dataset");
        assertThat(properties(b1))
                .containsEntry("lazaret:source", "bank-a")
                .containsEntry("lazaret:signer.key_id", "bank-a-2026")
                .containsEntry("lazaret:record_count", "1500")
                .containsEntry("lazaret:verdict.id", TOPIC + "-0@1")
                .containsEntry("lazaret:verdict.decided_by", "policy")
                .containsEntry("lazaret:verdict.decided_at", "2026-11-22T09:00:01Z");
        JsonNode released = components.get(2);
        assertThat(properties(released))
                .containsEntry("lazaret:verdict.decided_by", "alice")
                .containsEntry("lazaret:verdict.previous", "HELD")
                .containsEntry("lazaret:verdict.id", TOPIC + "-0@5");
        assertThat(bom.get("metadata").get("timestamp").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(bom.get("serialNumber").asText()).isEqualTo("urn:uuid:" + HEADER.serialNumber());
        assertThat(bom.get("metadata")
                        .get("tools")
                        .get("components")
                        .get(0)
                        .get("name")
                        .asText())
                .isEqualTo("lazaret");
        assertThat(properties(bom.get("metadata")))
                .containsEntry("lazaret:approved.batches", "3")
                .containsEntry("lazaret:approved.records", "4500")
                .containsEntry("lazaret:reference.id", "import:abc");
    }

    @Test
    void shouldSummariseTheReferenceWhenOneIsPinned() throws Exception {
        verdict("b-1", "fraud", Verdict.APPROVED, "policy", null, hash('1'));

        JsonNode bom = validated(ApprovedData.of("fraud", verdicts.all()), Optional.of(reference()));

        JsonNode ref = bom.get("components").get(1);
        assertThat(ref.get("bom-ref").asText()).isEqualTo("reference:import:abc");
        assertThat(ref.get("hashes").get(0).get("content").asText()).matches("[0-9a-f]{64}");
        assertThat(properties(ref))
                .containsEntry("lazaret:reference.records", "3")
                .containsEntry("lazaret:reference.features", "2")
                .containsEntry("lazaret:reference.feature.amount.kind", "numeric")
                .containsEntry("lazaret:reference.feature.amount.count", "3")
                .containsEntry("lazaret:reference.feature.amount.null_count", "1")
                .containsEntry("lazaret:reference.feature.country.kind", "categorical");
    }

    @Test
    void shouldWriteAnEmptyValidBomWhenNothingIsApprovedAndThereIsNoReference() throws Exception {
        verdict("b-rejected", "fraud", Verdict.REJECTED, "policy", null, hash('3'));

        JsonNode bom = validated(ApprovedData.of("fraud", verdicts.all()), Optional.empty());

        assertThat(bom.get("components")).isEmpty();
        assertThat(properties(bom.get("metadata"))).containsEntry("lazaret:reference.id", "none");
    }

    @Test
    void shouldWriteTheSameBytesWhenTheSameVerdictsArriveInAnotherPartitionOrder() {
        verdict("b-2", "fraud", Verdict.APPROVED, "policy", null, hash('2'));
        verdict("b-1", "fraud", Verdict.APPROVED, "policy", null, hash('1'));
        List<RecordedVerdict> reversed = new ArrayList<>(verdicts.all());
        java.util.Collections.reverse(reversed);

        byte[] first = DataBom.toJson(ApprovedData.of("fraud", verdicts.all()), Optional.of(reference()), HEADER);
        byte[] second = DataBom.toJson(ApprovedData.of("fraud", reversed), Optional.of(reference()), HEADER);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldFailValidationWhenAComponentBreaksTheSchema() throws Exception {
        // guards the guard: the validator must reject what the schema forbids, or the other tests prove nothing
        verdict("b-1", "fraud", Verdict.APPROVED, "policy", null, "not-a-sha256");

        byte[] json = DataBom.toJson(ApprovedData.of("fraud", verdicts.all()), Optional.empty(), HEADER);

        assertThat(new JsonParser().validate(json, Version.VERSION_16)).isNotEmpty();
    }

    private static JsonNode validated(ApprovedData data, Optional<ReferenceSummary> reference) throws Exception {
        byte[] json = DataBom.toJson(data, reference, HEADER);
        assertThat(new JsonParser().validate(json, Version.VERSION_16))
                .as(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .isEmpty();
        return new ObjectMapper().readTree(json);
    }

    private static Map<String, String> properties(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        node.get("properties")
                .forEach(p -> out.put(p.get("name").asText(), p.get("value").asText()));
        return out;
    }

    private static ReferenceSummary reference() {
        DatasetProfile profile = DatasetProfile.create();
        Map<String, Object> row = new HashMap<>();
        row.put("amount", 10.0);
        row.put("country", "FR");
        profile.update(row, "legit");
        row.put("amount", 20.0);
        profile.update(row, "fraud");
        row.put("amount", null);
        profile.update(row, "legit");
        return ReferenceSummary.of("import:abc", ProfileCodec.encode(profile));
    }

    private void verdict(
            String batch, String dataset, Verdict outcome, String decidedBy, Verdict previous, String sha) {
        verdicts.add(batch, dataset, outcome, decidedBy, previous, sha);
    }

    private static String hash(char c) {
        return TestVerdicts.hash(c);
    }
}
