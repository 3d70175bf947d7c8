package dev.lazaret.core.quarantine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchJudge;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.integrity.CanonicalForms;
import dev.lazaret.core.quarantine.integrity.ContentHash;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.Keyring;
import dev.lazaret.core.quarantine.integrity.Signing;
import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.policy.QuarantinePolicy;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch lifecycle driven directly: inputs and ticks in, commands out, carried out against maps. */
class BatchLifecycleTest {
    private static final String DATASET = "fraud";
    private static final String KEY_ID = "bank-a-2026";
    private static final long TIMEOUT_MS = 60_000;
    private static final long T0 = 1_000_000;

    private final KeyPair key = Ed25519.generate();
    private final KeyPair aliceKey = Ed25519.generate();
    private final KeyPair carolKey = Ed25519.generate();
    private final Keyring keyring = new Keyring(
            Map.of(KEY_ID, new Keyring.Entry(KEY_ID, key.getPublic(), Set.of(DATASET), Set.of("bank-a"))),
            Map.of(
                    "alice-2026",
                    new Keyring.OperatorKey("alice-2026", aliceKey.getPublic(), "alice", Set.of(DATASET)),
                    "carol-2026",
                    new Keyring.OperatorKey("carol-2026", carolKey.getPublic(), "carol", Set.of("churn"))));
    private final MapStores stores = new MapStores();

    private BatchLifecycle lifecycle(boolean bootstrap) {
        DatasetPolicy d = DatasetPolicy.defaults();
        QuarantinePolicy policy =
                new QuarantinePolicy(new DatasetPolicy(d.actions(), d.thresholds(), d.sources(), bootstrap), Map.of());
        return new BatchLifecycle(new BatchJudge(keyring), policy, TIMEOUT_MS, 10_000);
    }

    @Test
    void shouldJudgeStraightAwayWhenTheLastRecordCompletesABatchThatArrivedInOrder() {
        BatchLifecycle lifecycle = lifecycle(true);
        List<TrainingRecord> batch = records("b-1", 5);
        for (TrainingRecord r : batch.subList(0, 4)) {
            stores.apply(lifecycle.on(BatchInput.RecordIn.of(r), stores.state("b-1"), stores, T0));
        }
        stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest("b-1", batch)), stores.state("b-1"), stores, T0));
        assertThat(stores.state("b-1").status()).isEqualTo(BatchState.Status.COLLECTING);

        stores.apply(lifecycle.on(BatchInput.RecordIn.of(batch.get(4)), stores.state("b-1"), stores, T0 + 5));

        BatchVerdict verdict = stores.onlyVerdict();
        assertThat(verdict.verdict()).as(verdict.reason()).isEqualTo(Verdict.APPROVED);
        assertThat(verdict.contentSha256Computed()).isEqualTo(verdict.contentSha256Claimed());
        assertThat(verdict.firstRecordMs()).isEqualTo(T0);
        assertThat(verdict.lastRecordMs()).isEqualTo(T0 + 5);
        assertThat(verdict.verdictMs()).isEqualTo(T0 + 5);
        BatchState state = stores.state("b-1");
        assertThat(state.status()).isEqualTo(BatchState.Status.RELEASING);
        assertThat(state.received()).isEqualTo(5);
        assertThat(stores.records).hasSize(5);
        assertThat(stores.work).containsKey("b-1");
    }

    @Test
    void shouldStartEvaluatingOverTheStoreWhenTheLiveEvaluationWasForgotten() {
        BatchLifecycle lifecycle = lifecycle(true);
        List<TrainingRecord> batch = records("b-1", 5);
        for (TrainingRecord r : batch.subList(0, 4)) {
            stores.apply(lifecycle.on(BatchInput.RecordIn.of(r), stores.state("b-1"), stores, T0));
        }
        lifecycle.forgetLiveEvaluations();
        stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest("b-1", batch)), stores.state("b-1"), stores, T0));
        stores.apply(lifecycle.on(BatchInput.RecordIn.of(batch.get(4)), stores.state("b-1"), stores, T0 + 5));

        BatchState state = stores.state("b-1");
        assertThat(state.status()).isEqualTo(BatchState.Status.EVALUATING);
        assertThat(state.lastRecordMs()).isEqualTo(T0 + 5);
        assertThat(stores.verdicts).isEmpty();
        assertThat(stores.runUntilDecided(lifecycle, "b-1", 100, T0 + 10)).isEqualTo(2);
        BatchVerdict verdict = stores.onlyVerdict();
        assertThat(verdict.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(verdict.lastRecordMs()).isEqualTo(T0 + 5);
    }

    @Test
    void shouldSendABatchToThePassWhenTheLiveEvaluationsAreFullOrItsSeqsArriveOutOfOrder() {
        DatasetPolicy d = DatasetPolicy.defaults();
        QuarantinePolicy policy =
                new QuarantinePolicy(new DatasetPolicy(d.actions(), d.thresholds(), d.sources(), true), Map.of());
        BatchLifecycle lifecycle = new BatchLifecycle(
                new BatchJudge(keyring),
                policy,
                TIMEOUT_MS,
                10_000,
                ProjectionSettings.DEFAULTS,
                ReleaseStep.DEFAULT_CHUNK_BYTES,
                1,
                new EvaluationLanes(1, 2));
        List<TrainingRecord> first = records("b-1", 3);
        List<TrainingRecord> second = records("b-2", 3);
        List<TrainingRecord> third = records("b-3", 3);
        for (int i = 0; i < 3; i++) {
            // b-1 takes the one live evaluation; b-2 finds none free
            stores.apply(lifecycle.on(BatchInput.RecordIn.of(first.get(i)), stores.state("b-1"), stores, T0));
            stores.apply(lifecycle.on(BatchInput.RecordIn.of(second.get(i)), stores.state("b-2"), stores, T0));
        }
        for (String id : List.of("b-1", "b-2")) {
            List<TrainingRecord> batch = id.equals("b-1") ? first : second;
            stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest(id, batch)), stores.state(id), stores, T0));
        }
        assertThat(stores.onlyVerdict().batchId()).isEqualTo("b-1");
        assertThat(stores.state("b-2").status()).isEqualTo(BatchState.Status.EVALUATING);

        // the live evaluation is free again, but b-3's seq 1 comes before its seq 0
        for (int i : new int[] {1, 0, 2}) {
            stores.apply(lifecycle.on(BatchInput.RecordIn.of(third.get(i)), stores.state("b-3"), stores, T0));
        }
        stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest("b-3", third)), stores.state("b-3"), stores, T0));
        assertThat(stores.verdicts).isEmpty();
        assertThat(stores.state("b-3").status()).isEqualTo(BatchState.Status.EVALUATING);
    }

    @Test
    void shouldKeepARepeatedSeqUnderItsOwnKeyAndCountItWhenItArrivesTwice() {
        BatchLifecycle lifecycle = lifecycle(true);
        TrainingRecord r = records("b-1", 1).get(0);
        stores.apply(lifecycle.on(BatchInput.RecordIn.of(r), null, stores, T0));
        List<BatchCommand> second = lifecycle.on(BatchInput.RecordIn.of(r), stores.state("b-1"), stores, T0);
        stores.apply(second);

        assertThat(stores.records).hasSize(2);
        assertThat(stores.state("b-1").duplicateSeqs()).isEqualTo(1);
        assertThat(stores.state("b-1").distinctSeqs()).isEqualTo(1);
    }

    @Test
    void shouldRejectAnIncompleteBatchOnlyWhenTheTimeoutHasPassed() {
        BatchLifecycle lifecycle = lifecycle(true);
        stores.apply(lifecycle.on(BatchInput.RecordIn.of(records("b-1", 1).get(0)), null, stores, T0));

        assertThat(lifecycle.tick(stores.state("b-1"), 100, stores, T0 + TIMEOUT_MS - 1))
                .isEqualTo(new BatchLifecycle.Step(List.of(), 0, false));

        BatchLifecycle.Step step = lifecycle.tick(stores.state("b-1"), 100, stores, T0 + TIMEOUT_MS);
        stores.apply(step.commands());
        BatchVerdict verdict = stores.onlyVerdict();
        assertThat(verdict.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(verdict.verdictMs()).isEqualTo(T0 + TIMEOUT_MS);
        assertThat(failing(verdict)).contains(CheckName.INCOMPLETE);
        assertThat(stores.state("b-1").status()).isEqualTo(BatchState.Status.RELEASING);

        stores.apply(lifecycle
                .tick(stores.state("b-1"), 100, stores, T0 + TIMEOUT_MS)
                .commands());
        assertThat(stores.released).containsExactly("REJECTED:0");
        assertThat(stores.decided).containsEntry("b-1", Verdict.REJECTED);
        assertThat(stores.batches).isEmpty();
    }

    @Test
    void shouldEvaluateInChunksApproveReleaseInSeqOrderAndBootstrapTheReference() {
        BatchLifecycle lifecycle = lifecycle(true);
        List<TrainingRecord> batch = records("b-1", 10);
        List<TrainingRecord> shuffled = new ArrayList<>(batch);
        java.util.Collections.shuffle(shuffled, new Random(3));
        for (TrainingRecord r : shuffled) {
            stores.apply(lifecycle.on(BatchInput.RecordIn.of(r), stores.state("b-1"), stores, T0));
        }
        stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest("b-1", batch)), stores.state("b-1"), stores, T0));

        int ticks = stores.runUntilDecided(lifecycle, "b-1", 4, T0 + 10);

        assertThat(ticks)
                .as("10 records in chunks of 4: three evaluation and three release ticks")
                .isEqualTo(6);
        BatchVerdict verdict = stores.onlyVerdict();
        assertThat(verdict.verdict()).as(verdict.reason()).isEqualTo(Verdict.APPROVED);
        assertThat(verdict.decidedBy().isPolicy()).isTrue();
        assertThat(verdict.contentSha256Computed()).isEqualTo(verdict.contentSha256Claimed());
        assertThat(stores.released)
                .containsExactly(
                        "APPROVED:0",
                        "APPROVED:1",
                        "APPROVED:2",
                        "APPROVED:3",
                        "APPROVED:4",
                        "APPROVED:5",
                        "APPROVED:6",
                        "APPROVED:7",
                        "APPROVED:8",
                        "APPROVED:9");
        assertThat(stores.records).isEmpty();
        assertThat(stores.work).isEmpty();
        assertThat(stores.filters).containsKey(DATASET);
        assertThat(stores.candidates).containsKey("b-1");
        assertThat(stores.pinned).containsKey(DATASET);
        assertThat(ReferenceBundleCodec.decode(stores.pinned.get(DATASET)).referenceId())
                .isEqualTo("batch:b-1");
        assertThat(stores.audits).containsExactly(DATASET + ":batch:b-1:bootstrap:policy");
        assertThat(stores.decided).containsEntry("b-1", Verdict.APPROVED);
    }

    @Test
    void shouldHoldWithoutAReferenceAndReleaseOnTheOperatorsWord() {
        BatchLifecycle lifecycle = lifecycle(false);
        List<TrainingRecord> batch = records("b-1", 3);
        for (TrainingRecord r : batch) {
            stores.apply(lifecycle.on(BatchInput.RecordIn.of(r), stores.state("b-1"), stores, T0));
        }
        stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest("b-1", batch)), stores.state("b-1"), stores, T0));
        stores.apply(lifecycle.tick(stores.state("b-1"), 100, stores, T0 + 1).commands());
        BatchVerdict held = stores.onlyVerdict();
        assertThat(held.verdict()).isEqualTo(Verdict.HELD);
        assertThat(held.checks()).anyMatch(c -> c.check() == CheckName.REFERENCE && c.status() == CheckStatus.HOLD);
        assertThat(lifecycle.tick(stores.state("b-1"), 100, stores, T0 + 2).worked())
                .isFalse();
        stores.verdicts.clear();

        OperatorDecision release =
                signed(OperatorDecision.Decision.RELEASE, "b-1", "alice", "looked fine", "alice-2026", aliceKey);
        stores.apply(lifecycle.on(new BatchInput.DecisionIn(release), stores.state("b-1"), stores, T0 + 3));
        BatchVerdict approved = stores.onlyVerdict();
        assertThat(approved.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(approved.previousVerdict()).isEqualTo(Verdict.HELD);
        assertThat(approved.decidedBy().name()).isEqualTo("alice");
        assertThat(approved.reason()).isEqualTo("operator alice: looked fine (signed with operator key alice-2026)");

        stores.runUntilDecided(lifecycle, "b-1", 100, T0 + 4);
        assertThat(stores.released).containsExactly("APPROVED:0", "APPROVED:1", "APPROVED:2");
        assertThat(stores.pinned)
                .as("an operator's release never bootstraps a reference")
                .isEmpty();
    }

    @Test
    void shouldRejectLateRecordsAndReplayedManifestsWhenTheBatchIsDecided() {
        BatchLifecycle lifecycle = lifecycle(true);
        stores.decided.put("b-1", Verdict.APPROVED);
        TrainingRecord late = records("b-1", 1).get(0);

        List<BatchCommand> onLate = lifecycle.on(BatchInput.RecordIn.of(late), null, stores, T0);
        assertThat(onLate).hasSize(2);
        BatchCommand.ReleaseRecord rejected = (BatchCommand.ReleaseRecord) onLate.get(0);
        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.reason()).isEqualTo("late-or-replayed-record");
        assertThat(rejected.canonical()).isEqualTo(CanonicalForms.record(late));
        assertThat(onLate.get(1)).isEqualTo(new BatchCommand.CountReleased(DATASET, false, 1));

        stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest("b-1", List.of(late))), null, stores, T0));
        BatchVerdict replay = stores.onlyVerdict();
        assertThat(replay.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(failing(replay)).containsExactly(CheckName.BATCH_REPLAY);
        assertThat(stores.batches).isEmpty();
    }

    @Test
    void shouldDeadLetterEveryDecisionThatIsNotSignedByAnOperatorAllowedToDecideTheDataset() {
        BatchLifecycle lifecycle = lifecycle(false);
        List<TrainingRecord> batch = records("b-1", 3);
        for (TrainingRecord r : batch) {
            stores.apply(lifecycle.on(BatchInput.RecordIn.of(r), stores.state("b-1"), stores, T0));
        }
        stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest("b-1", batch)), stores.state("b-1"), stores, T0));
        stores.apply(lifecycle.tick(stores.state("b-1"), 100, stores, T0 + 1).commands());
        assertThat(stores.onlyVerdict().verdict()).isEqualTo(Verdict.HELD);
        stores.verdicts.clear();
        OperatorDecision.Decision release = OperatorDecision.Decision.RELEASE;
        OperatorDecision good = signed(release, "b-1", "alice", "ok", "alice-2026", aliceKey);

        Map<OperatorDecision, String> refused = Map.of(
                signed(release, "b-1", "alice", "ok", "bank-a-2026", key),
                "key 'bank-a-2026' is not an operator key of the keyring",
                signed(release, "b-1", "alice", "ok", "alice-2026", carolKey),
                "the Ed25519 signature does not verify with operator key 'alice-2026'",
                new OperatorDecision("b-1", release, "alice", "altered after signing", "alice-2026", good.signature()),
                "the Ed25519 signature does not verify with operator key 'alice-2026'",
                signed(release, "b-1", "mallory", "ok", "alice-2026", aliceKey),
                "operator key 'alice-2026' belongs to operator 'alice', not 'mallory'",
                signed(release, "b-1", "carol", "ok", "carol-2026", carolKey),
                "operator key 'carol-2026' may not decide batches of dataset 'fraud'");
        refused.forEach((decision, why) -> assertThat(
                        lifecycle.on(new BatchInput.DecisionIn(decision), stores.state("b-1"), stores, T0 + 2))
                .as(why)
                .containsExactly(
                        new BatchCommand.DeadLetterDecision(decision, "decision on batch b-1 refused: " + why)));
        assertThat(stores.state("b-1").status()).isEqualTo(BatchState.Status.HELD);

        stores.apply(lifecycle.on(new BatchInput.DecisionIn(good), stores.state("b-1"), stores, T0 + 3));
        assertThat(stores.onlyVerdict().verdict()).isEqualTo(Verdict.APPROVED);
    }

    private static OperatorDecision signed(
            OperatorDecision.Decision decision,
            String batchId,
            String operator,
            String reason,
            String keyId,
            KeyPair signer) {
        OperatorDecision unsigned = new OperatorDecision(batchId, decision, operator, reason, keyId, "");
        String signature = Ed25519.sign(signer.getPrivate(), CanonicalForms.decisionForSigning(unsigned));
        return new OperatorDecision(batchId, decision, operator, reason, keyId, signature);
    }

    @Test
    void shouldDeadLetterADecisionForABatchThatIsNotHeld() {
        BatchLifecycle lifecycle = lifecycle(true);
        OperatorDecision decision =
                signed(OperatorDecision.Decision.REJECT, "b-9", "alice", "why", "alice-2026", aliceKey);
        assertThat(lifecycle.on(new BatchInput.DecisionIn(decision), null, stores, T0))
                .containsExactly(new BatchCommand.DeadLetterDecision(decision, "batch b-9 is not held (unknown)"));

        stores.decided.put("b-9", Verdict.REJECTED);
        assertThat(lifecycle.on(new BatchInput.DecisionIn(decision), null, stores, T0))
                .containsExactly(
                        new BatchCommand.DeadLetterDecision(decision, "batch b-9 is not held (decided: REJECTED)"));
    }

    private static List<CheckName> failing(BatchVerdict v) {
        return v.checks().stream()
                .filter(c -> c.status() == CheckStatus.FAIL)
                .map(c -> c.check())
                .toList();
    }

    private static List<TrainingRecord> records(String batchId, int n) {
        Random random = new Random(7);
        List<TrainingRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("x", random.nextGaussian());
            features.put("cat", i % 2 == 0 ? "a" : "b");
            records.add(new TrainingRecord(batchId, DATASET, i, features, i % 2 == 0 ? "0" : "1"));
        }
        return records;
    }

    private BatchManifest manifest(String batchId, List<TrainingRecord> records) {
        BatchManifest m = new BatchManifest(
                batchId,
                DATASET,
                "bank-a",
                records.size(),
                ContentHash.of(records),
                "2026-11-22T10:00:00Z",
                KEY_ID,
                "");
        return Signing.manifest(m, key.getPrivate());
    }
}
