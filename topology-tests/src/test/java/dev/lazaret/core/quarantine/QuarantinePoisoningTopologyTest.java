package dev.lazaret.core.quarantine;

import static dev.lazaret.core.quarantine.QuarantineHarness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poisoning and quality checks, and the reference's bootstrap, each on the whole topology. */
class QuarantinePoisoningTopologyTest {
    private static final int N = 2_000;

    @TempDir
    Path dir;

    private final TestBatches batches = new TestBatches();
    private QuarantineHarness q;

    private void start(boolean importReference) {
        q = new QuarantineHarness(dir.resolve("state"), batches.writeKeyring(dir), Map.of());
        if (importReference) {
            q.importReference("import:test", TestBatches.clean("ref", 5_000, 1, 0));
        }
    }

    @AfterEach
    void tearDown() {
        q.close();
    }

    private BatchVerdict judge(String id, List<TrainingRecord> batch) {
        return q.judge(batches.manifest(id, batch), batch);
    }

    @Test
    void shouldRejectABackdoorWhenARareValueCarriesOneLabel() {
        start(true);
        List<TrainingRecord> batch = new ArrayList<>(TestBatches.clean("bd", N, 20, 0));
        for (int i = 0; i < N; i += 33) {
            batch.set(i, TestBatches.withLabel(TestBatches.withFeature(batch.get(i), "z1", 3.3), "0"));
        }

        BatchVerdict v = judge("bd", batch);

        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        CheckResult trigger = check(v, "backdoor-trigger");
        assertThat(trigger.status()).as(trigger.evidence()).isEqualTo(CheckStatus.FAIL);
        assertThat(trigger.evidence()).contains("trigger candidates: z1").contains("with label '0'");
    }

    @Test
    void shouldRejectADuplicateFloodWhenOneRowIsCopiedIntoFifteenPercent() {
        start(true);
        List<TrainingRecord> batch = new ArrayList<>(TestBatches.clean("dup", N, 21, 0));
        TrainingRecord first = batch.get(0);
        for (int i = 1; i < N; i += 7) {
            batch.set(i, new TrainingRecord("dup", first.dataset(), i, first.features(), first.label()));
        }

        BatchVerdict v = judge("dup", batch);

        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(check(v, "duplicate-flood").status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void shouldFlagNearDuplicatesWhenCopiesDifferByNoise() {
        start(true);
        List<TrainingRecord> batch = new ArrayList<>(TestBatches.clean("near", N, 22, 0));
        for (int i = 1; i < N; i += 7) {
            double noise = 1e-6 * i; // different for every copy
            Map<String, Object> features = new LinkedHashMap<>(batch.get(0).features());
            // far inside one near-duplicate cell (0.05 sd), yet no longer byte-identical
            features.replaceAll((name, value) -> value instanceof Double d ? d + noise : value);
            batch.set(
                    i,
                    new TrainingRecord(
                            "near",
                            TestBatches.DATASET,
                            i,
                            features,
                            batch.get(0).label()));
        }

        BatchVerdict v = judge("near", batch);

        CheckResult near = check(v, "near-duplicate-flood");
        assertThat(near.status()).as(near.evidence()).isEqualTo(CheckStatus.HOLD);
    }

    @Test
    void shouldRejectReplayedRecordsWhenANewBatchReusesApprovedOnes() {
        start(true);
        List<TrainingRecord> original = TestBatches.clean("orig", N, 23, 0);
        assertThat(judge("orig", original).verdict()).isEqualTo(Verdict.APPROVED);
        List<TrainingRecord> replay =
                original.stream().map(r -> TestBatches.withBatch(r, "again")).toList();

        BatchVerdict v = judge("again", replay);

        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        CheckResult hits = check(v, "record-replay");
        assertThat(hits.status()).as(hits.evidence()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void shouldHoldUnseenCategoriesWhenTenPercentAreNew() {
        start(true);
        List<TrainingRecord> batch = new ArrayList<>(TestBatches.clean("cat", N, 24, 0));
        for (int i = 0; i < N; i += 10) {
            batch.set(i, TestBatches.withFeature(batch.get(i), "cat", "zz"));
        }

        BatchVerdict v = judge("cat", batch);

        assertThat(v.verdict()).isEqualTo(Verdict.HELD);
        CheckResult unseen = check(v, "unseen-category");
        assertThat(unseen.status()).as(unseen.evidence()).isEqualTo(CheckStatus.HOLD);
        assertThat(unseen.evidence()).contains("cat");
    }

    @Test
    void shouldBootstrapTheReferenceFromTheFirstApprovedBatchWhenNoneIsPinned() {
        start(false);
        BatchVerdict first = judge("first", TestBatches.clean("first", N, 25, 0));
        assertThat(first.verdict()).as(first.reason()).isEqualTo(Verdict.APPROVED);
        assertThat(first.referenceId()).isNull();
        var profile = q.profiles.readRecord();
        assertThat(QuarantineHarness.header(profile, "lazaret.reference.id")).isEqualTo("batch:first");
        assertThat(profile.key()).isEqualTo(TestBatches.DATASET);

        BatchVerdict second = judge("second", TestBatches.clean("second", N, 26, 0));

        assertThat(second.referenceId()).isEqualTo("batch:first");
        assertThat(second.verdict()).as(second.reason()).isEqualTo(Verdict.APPROVED);
        assertThat(q.profiles.isEmpty())
                .as("the second batch does not move the reference")
                .isTrue();
    }
}
