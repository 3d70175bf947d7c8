package dev.lazaret.core.quarantine;

import static dev.lazaret.core.quarantine.QuarantineHarness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTopologyTest {
    private static final int N = 2_000;

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

    private BatchVerdict only(List<BatchVerdict> verdicts) {
        assertThat(verdicts).hasSize(1);
        return verdicts.get(0);
    }

    @Test
    void shouldApproveAndReleaseEveryRecordOnceWhenRecordsArriveBeforeManifest() {
        List<TrainingRecord> batch = TestBatches.clean("b1", N, 2, 0);
        q.send(batch);
        q.send(batches.manifest("b1", batch));
        q.settle();

        BatchVerdict v = only(q.readVerdicts());
        assertThat(v.verdict()).as(v.reason()).isEqualTo(Verdict.APPROVED);
        assertThat(v.contentSha256Computed()).isEqualTo(v.contentSha256Claimed());
        assertThat(v.checks()).allMatch(c -> c.status() == CheckStatus.PASS);
        List<TestRecord<String, String>> out = q.approved.readRecordsToList();
        assertThat(out).hasSize(N);
        assertThat(out)
                .extracting(r -> QuarantineHarness.header(r, "lazaret.verdict"))
                .containsOnly("APPROVED");
        assertThat(out)
                .extracting(r -> QuarantineHarness.header(r, "lazaret.batch.id"))
                .containsOnly("b1");
        assertThat(out).extracting(TestRecord::value).doesNotHaveDuplicates();
        assertThat(q.rejected.isEmpty()).isTrue();
        assertThat(q.registry
                        .get("lazaret.quarantine.batches")
                        .tag("dataset", "fraud")
                        .tag("verdict", "approved")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(q.registry
                        .get("lazaret.quarantine.records.released")
                        .tag("outcome", "approved")
                        .counter()
                        .count())
                .isEqualTo(N);
    }

    @Test
    void shouldLeaveTheReleaseOutOfTheTransactionOfAVerdictReachedOnAnInput() {
        List<TrainingRecord> batch = TestBatches.clean("b-own", N, 2, 0);
        q.send(batch);
        q.send(batches.manifest("b-own", batch));

        // records in seq order are judged live: the manifest that completes the batch carries its verdict
        assertThat(only(q.readVerdicts()).verdict()).isEqualTo(Verdict.APPROVED);
        q.driver.advanceWallClockTime(java.time.Duration.ofMillis(100));
        assertThat(q.approved.isEmpty())
                .as("released by the punctuation before the verdict's commit")
                .isTrue();
        q.settle();
        assertThat(q.approved.getQueueSize()).isEqualTo(N);
    }

    @Test
    void shouldHoldBackOtherBatchesReleaseForOnePunctuationAfterAVerdict() {
        // release chunks of the smallest byte budget, so that a 2,000-record batch takes several
        q.close();
        q = new QuarantineHarness(
                dir.resolve("state-small-chunks"),
                batches.writeKeyring(dir),
                Map.of(QuarantineSettings.RELEASE_CHUNK_BYTES_CONFIG, String.valueOf(1 << 16)));
        q.importReference("import:test", TestBatches.clean("ref", 5_000, 1, 0));
        List<TrainingRecord> first = TestBatches.clean("b-first", N, 2, 0);
        q.send(first);
        q.send(batches.manifest("b-first", first));
        q.driver.advanceWallClockTime(java.time.Duration.ofMillis(100));
        q.driver.advanceWallClockTime(java.time.Duration.ofMillis(100));
        long releasedBefore = q.approved.getQueueSize();
        assertThat(releasedBefore)
                .as("the first chunk of the first batch")
                .isPositive()
                .isLessThan(N);

        List<TrainingRecord> second = TestBatches.clean("b-second", N, 3, 0);
        q.send(second);
        q.send(batches.manifest("b-second", second));
        q.driver.advanceWallClockTime(java.time.Duration.ofMillis(100));
        assertThat(q.approved.getQueueSize())
                .as("a chunk of the first batch in the second verdict's transaction")
                .isEqualTo(releasedBefore);
        q.driver.advanceWallClockTime(java.time.Duration.ofMillis(100));
        assertThat(q.approved.getQueueSize()).isGreaterThan(releasedBefore);
        q.settle();
        assertThat(q.approved.getQueueSize()).isEqualTo(2L * N);
        assertThat(q.readVerdicts()).extracting(BatchVerdict::verdict).containsOnly(Verdict.APPROVED);
    }

    @Test
    void shouldApproveWhenManifestArrivesFirstAndRecordsOutOfOrder() {
        List<TrainingRecord> batch = new ArrayList<>(TestBatches.clean("b2", N, 3, 0));
        q.send(batches.manifest("b2", batch));
        Collections.shuffle(batch, new java.util.Random(7));
        q.send(batch);
        q.settle();

        assertThat(only(q.readVerdicts()).verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(q.approved.getQueueSize()).isEqualTo(N);
    }

    @Test
    void shouldRejectWhenASeqArrivesTwice() {
        List<TrainingRecord> batch = TestBatches.clean("b3", N, 4, 0);
        q.send(batches.manifest("b3", batch));
        q.send(batch.subList(0, 10));
        q.send(List.of(batch.get(5)));
        q.send(batch.subList(10, N));
        q.settle();

        BatchVerdict v = only(q.readVerdicts());
        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(check(v, "seq-unique").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(v.duplicateSeqs()).isEqualTo(1);
        assertThat(q.rejected.getQueueSize()).isEqualTo(N + 1);
        assertThat(q.approved.isEmpty()).isTrue();
    }

    @Test
    void shouldRejectAsIncompleteWhenASeqIsMissingAtTheTimeout() {
        List<TrainingRecord> batch = TestBatches.clean("b4", N, 5, 0);
        q.send(batches.manifest("b4", batch));
        List<TrainingRecord> partial = new ArrayList<>(batch);
        partial.remove(17);
        q.send(partial);
        q.settle();
        assertThat(q.readVerdicts()).as("no verdict before the timeout").isEmpty();

        q.driver.advanceWallClockTime(java.time.Duration.ofMillis(QuarantineHarness.TIMEOUT_MS));
        q.settle();

        BatchVerdict v = only(q.readVerdicts());
        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(check(v, "incomplete").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(v, "record-count").evidence()).contains("1999 distinct");
        assertThat(q.rejected.getQueueSize()).isEqualTo(N - 1);
    }

    @Test
    void shouldRejectTamperedRecordOnContentHash() {
        List<TrainingRecord> batch = new ArrayList<>(TestBatches.clean("b5", N, 6, 0));
        BatchManifest manifest = batches.manifest("b5", batch);
        batch.set(
                100,
                TestBatches.withLabel(batch.get(100), "0".equals(batch.get(100).label()) ? "1" : "0"));
        q.send(batch);
        q.send(manifest);
        q.settle();

        BatchVerdict v = only(q.readVerdicts());
        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(check(v, "content-hash").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(v, "signature").status()).isEqualTo(CheckStatus.PASS);
        assertThat(v.contentSha256Computed()).isNotEqualTo(v.contentSha256Claimed());
        assertThat(v.integrityFailed()).isTrue();
        assertThat(q.rejected.getQueueSize()).isEqualTo(N);
    }

    @Test
    void shouldRejectBadSignatureUnknownKeyAndKeyNotAllowedForTheDataset() {
        List<TrainingRecord> a = TestBatches.clean("bad-sig", 200, 8, 0);
        BatchManifest signed = batches.manifest("bad-sig", a);
        BatchManifest altered = new BatchManifest(
                signed.batchId(),
                signed.dataset(),
                signed.source(),
                signed.recordCount(),
                signed.contentSha256(),
                "2027-01-01T00:00:00Z",
                signed.keyId(),
                signed.signature());
        List<TrainingRecord> b = TestBatches.clean("unknown-key", 200, 9, 0);
        BatchManifest unknown = TestBatches.sign(
                new BatchManifest(
                        "unknown-key",
                        "fraud",
                        "bank-a",
                        200,
                        dev.lazaret.core.quarantine.integrity.ContentHash.of(b),
                        "2026-11-22T10:00:00Z",
                        "nobody",
                        ""),
                batches.key);
        List<TrainingRecord> c = TestBatches.clean("wrong-dataset", 200, 10, 0);
        BatchManifest notAllowed = TestBatches.sign(
                new BatchManifest(
                        "wrong-dataset",
                        "fraud",
                        "bank-a",
                        200,
                        dev.lazaret.core.quarantine.integrity.ContentHash.of(c),
                        "2026-11-22T10:00:00Z",
                        TestBatches.OTHER_KEY_ID,
                        ""),
                batches.otherKey);
        q.send(a);
        q.send(altered);
        q.send(b);
        q.send(unknown);
        q.send(c);
        q.send(notAllowed);
        q.settle();

        Map<String, BatchVerdict> byBatch = new java.util.HashMap<>();
        q.readVerdicts().forEach(v -> byBatch.put(v.batchId(), v));
        assertThat(byBatch).hasSize(3);
        assertThat(byBatch.values()).extracting(BatchVerdict::verdict).containsOnly(Verdict.REJECTED);
        assertThat(check(byBatch.get("bad-sig"), "signature").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(byBatch.get("bad-sig"), "key-known").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(byBatch.get("unknown-key"), "key-known").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(byBatch.get("wrong-dataset"), "signature").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(byBatch.get("wrong-dataset"), "key-allowed").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(q.rejected.getQueueSize()).isEqualTo(600);
        assertThat(q.registry
                        .get("lazaret.quarantine.integrity.failures")
                        .tag("reason", "signature")
                        .counter()
                        .count())
                .as("bad signature, and unverifiable with an unknown key")
                .isEqualTo(2.0);
    }

    @Test
    void shouldRejectReplayedBatchIdWithoutTouchingTheFirstBatch() {
        List<TrainingRecord> batch = TestBatches.clean("b7", N, 11, 0);
        q.send(batch);
        q.send(batches.manifest("b7", batch));
        q.settle();
        assertThat(only(q.readVerdicts()).verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(q.approved.readRecordsToList()).hasSize(N);

        q.send(batches.manifest("b7", batch));
        q.send(batch);
        q.settle();

        BatchVerdict replay = only(q.readVerdicts());
        assertThat(replay.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(check(replay, "batch-replay").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(q.rejected.getQueueSize()).isEqualTo(N);
        assertThat(q.approved.isEmpty()).as("nothing more approved").isTrue();
    }

    @Test
    void shouldHoldAShiftedBatchThenReleaseItOnTheOperatorsDecision() {
        List<TrainingRecord> batch = TestBatches.clean("b8", N, 12, 1.0);
        q.send(batch);
        q.send(batches.manifest("b8", batch));
        q.settle();
        BatchVerdict held = only(q.readVerdicts());
        assertThat(held.verdict()).as(held.reason()).isEqualTo(Verdict.HELD);
        assertThat(check(held, "feature-shift").status()).isEqualTo(CheckStatus.HOLD);
        assertThat(check(held, "feature-shift").evidence()).contains("y:");
        assertThat(q.approved.isEmpty() && q.rejected.isEmpty())
                .as("held records stay in quarantine")
                .isTrue();

        q.decide("b8", "RELEASE", "alice", "seasonal shift, expected");
        q.settle();

        BatchVerdict released = only(q.readVerdicts());
        assertThat(released.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(released.decidedBy().name()).isEqualTo("alice");
        assertThat(released.previousVerdict()).isEqualTo(Verdict.HELD);
        assertThat(released.reason()).contains("seasonal shift");
        assertThat(q.approved.getQueueSize()).isEqualTo(N);
    }

    @Test
    void shouldDeadLetterUnsignedAndForgedDecisionsAndKeepTheBatchHeld() {
        List<TrainingRecord> batch = TestBatches.clean("b10", N, 14, 1.0);
        q.send(batch);
        q.send(batches.manifest("b10", batch));
        q.settle();
        assertThat(only(q.readVerdicts()).verdict()).isEqualTo(Verdict.HELD);

        String unsigned = "{\"batch_id\":\"b10\",\"decision\":\"RELEASE\",\"operator\":\"alice\",\"reason\":\"x\"}";
        // signed with a key the keyring does not know, under alice's key id
        String forged = TestBatches.decision("b10", "RELEASE", "mallory", "x").replace("mallory-2026", "alice-2026");
        // alice's genuine signature, with the name changed afterwards
        String renamed = TestBatches.decision("b10", "RELEASE", "alice", "x").replace("\"alice\"", "\"bob\"");
        q.decisions.pipeInput("b10", unsigned);
        q.decisions.pipeInput("b10", forged);
        q.decisions.pipeInput("b10", renamed);
        q.settle();

        assertThat(q.readVerdicts()).as("no decision took effect").isEmpty();
        assertThat(q.approved.isEmpty() && q.rejected.isEmpty()).isTrue();
        var missing = q.deadLetters.readRecord();
        assertThat(QuarantineHarness.header(missing, "lazaret.dlq.reason")).isEqualTo("MISSING_FIELD");
        assertThat(QuarantineHarness.header(missing, "lazaret.dlq.detail")).contains("key_id");
        for (String refused : List.of(forged, renamed)) {
            var dead = q.deadLetters.readRecord();
            assertThat(QuarantineHarness.header(dead, "lazaret.dlq.detail"))
                    .contains("decision on batch b10 refused: the Ed25519 signature does not verify with operator key "
                            + "'alice-2026'");
            assertThat(new String(dead.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the decision's original bytes")
                    .isEqualTo(refused);
        }

        q.decide("b10", "RELEASE", "alice", "seasonal");
        q.settle();
        BatchVerdict released = only(q.readVerdicts());
        assertThat(released.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(released.reason()).contains("signed with operator key alice-2026");
    }

    @Test
    void shouldHoldThenRejectOnTheOperatorsDecisionAndDeadLetterADecisionOnANonHeldBatch() {
        List<TrainingRecord> batch = TestBatches.clean("b9", N, 13, 1.0);
        q.send(batch);
        q.send(batches.manifest("b9", batch));
        q.settle();
        assertThat(only(q.readVerdicts()).verdict()).isEqualTo(Verdict.HELD);

        q.decide("b9", "REJECT", "bob", "unexplained shift");
        // spaced and with a field the contract does not know: a re-encoding would differ from these bytes
        String late = TestBatches.decision("b9", "RELEASE", "alice", "too late")
                .replace("{", "{ ")
                .replace(",", ", ")
                .replace("}", ", \"ticket\": 42 }");
        q.decisions.pipeInput("b9", late);
        q.settle();

        BatchVerdict rejected = only(q.readVerdicts());
        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.decidedBy().name()).isEqualTo("bob");
        assertThat(q.rejected.getQueueSize()).isEqualTo(N);
        assertThat(q.approved.isEmpty()).isTrue();
        var dead = q.deadLetters.readRecord();
        assertThat(QuarantineHarness.header(dead, "lazaret.dlq.detail")).contains("not held");
        // the source is the decisions topic, not the quarantine's repartition topics it crossed
        assertThat(QuarantineHarness.header(dead, "lazaret.dlq.source.topic"))
                .isEqualTo(QuarantineHarness.TOPICS.trainingDecisions());
        assertThat(QuarantineHarness.header(dead, "lazaret.dlq.source.offset")).isEqualTo("1");
        assertThat(new String(dead.value(), java.nio.charset.StandardCharsets.UTF_8))
                .as("the decision's original bytes")
                .isEqualTo(late);
        assertThat(dead.headers().lastHeader("lazaret.source.value"))
                .as("the internal header stays inside")
                .isNull();
    }

    @Test
    void shouldRejectALabelFlippedBatch() {
        List<TrainingRecord> batch = new ArrayList<>(TestBatches.clean("b10", N, 14, 0));
        for (int i = 0; i < batch.size(); i++) {
            TrainingRecord r = batch.get(i);
            if (((Double) r.features().get("x")) > 1.0) {
                batch.set(i, TestBatches.withLabel(r, "0"));
            }
        }
        q.send(batch);
        q.send(batches.manifest("b10", batch));
        q.settle();

        BatchVerdict v = only(q.readVerdicts());
        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(check(v, "label-flip").status())
                .as(check(v, "label-flip").evidence())
                .isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void shouldCatchASlowPoisonerBecauseTheReferenceDoesNotMove() {
        List<Verdict> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "slow-" + i;
            // every batch moves y a little further: 0.08 sd per batch
            List<TrainingRecord> batch = TestBatches.clean(id, N, 100 + i, 0.08 * i);
            q.send(batch);
            q.send(batches.manifest(id, batch));
            q.settle();
            BatchVerdict v = only(q.readVerdicts());
            assertThat(v.referenceId()).isEqualTo("import:test");
            outcomes.add(v.verdict());
            if (Verdict.HELD.equals(v.verdict())) {
                q.decide(id, "REJECT", "soc", "slow drift");
                q.settle();
                q.readVerdicts();
            }
        }
        assertThat(outcomes.get(0)).isEqualTo(Verdict.APPROVED);
        assertThat(outcomes.get(1)).isEqualTo(Verdict.APPROVED);
        assertThat(outcomes.get(7)).isEqualTo(Verdict.HELD);
        assertThat(q.profiles.isEmpty())
                .as("an imported reference is never replaced by batches")
                .isTrue();
    }
}
