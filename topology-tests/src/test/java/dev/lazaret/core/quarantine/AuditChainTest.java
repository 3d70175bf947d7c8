package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.audit.AuditEntry;
import dev.lazaret.core.quarantine.audit.AuditEvent;
import dev.lazaret.core.quarantine.audit.AuditVerifier;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditChainTest {
    @TempDir
    Path dir;

    private final TestBatches batches = new TestBatches();
    private QuarantineHarness q;

    @BeforeEach
    void setUp() {
        q = new QuarantineHarness(dir.resolve("state"), batches.writeKeyring(dir), Map.of());
        q.importReference("import:test", TestBatches.clean("ref", 5_000, 1, 0));
    }

    @AfterEach
    void tearDown() {
        q.close();
    }

    /** A clean batch, a held batch an operator releases, and a reference change: four chained entries. */
    private List<String> chain() {
        List<TrainingRecord> clean = TestBatches.clean("a1", 1_000, 2, 0);
        q.send(clean);
        q.send(batches.manifest("a1", clean));
        q.settle();
        List<TrainingRecord> shifted = TestBatches.clean("a2", 1_000, 3, 1.0);
        q.send(shifted);
        q.send(batches.manifest("a2", shifted));
        q.settle();
        q.decide("a2", "RELEASE", "alice", "seasonal");
        q.settle();
        q.auditRequests.pipeInput(
                "fraud",
                new String(
                        QuarantineTopics.referenceChange("fraud", "batch:a1", "promote", "carol"),
                        StandardCharsets.UTF_8));
        return q.audit.readValuesToList();
    }

    @Test
    void shouldChainEveryVerdictDecisionAndReferenceChangeWhenTheyHappen() {
        List<AuditEntry> entries = chain().stream().map(AuditChainTest::entry).toList();

        assertThat(entries)
                .extracting(AuditEntry::kind)
                .containsExactly(AuditEvent.VERDICT, AuditEvent.VERDICT, AuditEvent.DECISION, AuditEvent.REFERENCE);
        assertThat(entries).extracting(AuditEntry::seq).containsExactly(0L, 1L, 2L, 3L);
        assertThat(entries).extracting(AuditEntry::subject).containsExactly("a1", "a2", "a2", "fraud");
        assertThat(entries.get(0).prevSha256()).isEqualTo(AuditEntry.GENESIS);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).prevSha256()).isEqualTo(entries.get(i - 1).sha256());
        }
        BatchVerdict decision = read(entries.get(2).payload(), BatchVerdict.class);
        assertThat(decision.decidedBy().name()).isEqualTo("alice");
        assertThat(decision.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(entries.get(3).payload()).contains("\"by\":\"carol\"").contains("batch:a1");
        assertThat(AuditVerifier.verify(stored(chain(entries))).intact()).isTrue();
    }

    @Test
    void shouldNameTheOffsetWhenAnEntryIsAltered() {
        List<String> values = new ArrayList<>(chain());
        assertThat(values.get(1)).contains("HELD");
        values.set(1, values.get(1).replace("HELD", "APPROVED"));

        AuditVerifier.Result result = AuditVerifier.verify(stored(values));

        assertThat(result.intact()).isFalse();
        assertThat(result.entries()).isEqualTo(1);
        assertThat(result.problem()).startsWith("offset 1: entry altered");
    }

    @Test
    void shouldNameTheOffsetWhenAnEntryIsRemoved() {
        List<String> values = new ArrayList<>(chain());
        values.remove(2);

        AuditVerifier.Result result = AuditVerifier.verify(stored(values));

        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).startsWith("offset 2: entry seq 3 where seq 2 was expected");
    }

    @Test
    void shouldNameTheOffsetWhenAnEntryIsRehashedButItsSuccessorIsNot() {
        List<AuditEntry> entries =
                new ArrayList<>(chain().stream().map(AuditChainTest::entry).toList());
        AuditEntry forged = AuditEntry.chain(
                1,
                entries.get(0).sha256(),
                new AuditEvent(AuditEvent.VERDICT, "a2", "fraud", "{\"verdict\":\"APPROVED\"}"),
                entries.get(1).appendedMs());
        entries.set(1, forged);

        AuditVerifier.Result result = AuditVerifier.verify(stored(chain(entries)));

        assertThat(result.problem()).startsWith("offset 2: broken link");
    }

    private static List<String> chain(List<AuditEntry> entries) {
        return entries.stream().map(AuditChainTest::json).toList();
    }

    private static List<AuditVerifier.Stored> stored(List<String> values) {
        List<AuditVerifier.Stored> stored = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            stored.add(new AuditVerifier.Stored(i, values.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return stored;
    }

    private static AuditEntry entry(String json) {
        return read(json, AuditEntry.class);
    }

    private static String json(AuditEntry e) {
        try {
            return JsonSerde.writer().writeValueAsString(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JsonSerde.reader().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
