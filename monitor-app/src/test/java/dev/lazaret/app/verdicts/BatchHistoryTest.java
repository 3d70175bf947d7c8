package dev.lazaret.app.verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.quarantine.checks.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchHistoryTest {
    private final TestVerdicts verdicts = new TestVerdicts();

    @Test
    void shouldKeepAnApprovedBatchApprovedWhenItsIdIsReplayed() {
        RecordedVerdict approved =
                verdicts.add("b-1", "fraud", Verdict.APPROVED, "policy", null, TestVerdicts.hash('1'));
        RecordedVerdict replay = verdicts.replay("b-1", "fraud");

        BatchHistory h = BatchHistory.fold(verdicts.all()).get("b-1");

        assertThat(h.current()).isEqualTo(approved);
        assertThat(h.approval()).contains(approved);
        assertThat(h.replays()).containsExactly(replay);
    }

    @Test
    void shouldKeepAHeldBatchHeldAndReleasableWhenItsManifestIsReplayed() {
        RecordedVerdict held = verdicts.add("b-1", "fraud", Verdict.HELD, "policy", null, TestVerdicts.hash('1'));
        RecordedVerdict replay = verdicts.replay("b-1", "fraud");
        RecordedVerdict released =
                verdicts.add("b-1", "fraud", Verdict.APPROVED, "alice", Verdict.HELD, TestVerdicts.hash('1'));

        BatchHistory beforeRelease =
                BatchHistory.fold(verdicts.all().subList(0, 2)).get("b-1");
        BatchHistory afterRelease = BatchHistory.fold(verdicts.all()).get("b-1");

        assertThat(beforeRelease.current()).isEqualTo(held);
        assertThat(beforeRelease.replays()).containsExactly(replay);
        assertThat(beforeRelease.approval()).isEmpty();
        assertThat(afterRelease.current()).isEqualTo(released);
        assertThat(afterRelease.approval()).contains(released);
    }

    @Test
    void shouldTreatAnyVerdictAfterAFinalOneAsAReplay() {
        // the quarantine decides a batch once: a later verdict can only be about another submission
        RecordedVerdict rejected =
                verdicts.add("b-1", "fraud", Verdict.REJECTED, "policy", null, TestVerdicts.hash('1'));
        RecordedVerdict later = verdicts.add("b-1", "fraud", Verdict.APPROVED, "policy", null, TestVerdicts.hash('2'));

        BatchHistory h = BatchHistory.fold(verdicts.all()).get("b-1");

        assertThat(h.current()).isEqualTo(rejected);
        assertThat(h.approval()).isEmpty();
        assertThat(h.replays()).containsExactly(later);
    }

    @Test
    void shouldLetAReplayStandForABatchWhoseEarlierVerdictsAreGone() {
        RecordedVerdict replay = verdicts.replay("b-1", "fraud");

        BatchHistory h = BatchHistory.fold(verdicts.all()).get("b-1");

        assertThat(h.current()).isEqualTo(replay);
        assertThat(h.replays()).isEmpty();
    }

    @Test
    void shouldOrderBatchesByTheirLatestDecisionNotByTheirReplays() {
        verdicts.add("b-1", "fraud", Verdict.HELD, "policy", null, TestVerdicts.hash('1'));
        verdicts.add("b-2", "fraud", Verdict.APPROVED, "policy", null, TestVerdicts.hash('2'));
        verdicts.replay("b-2", "fraud");
        verdicts.add("b-1", "fraud", Verdict.REJECTED, "bob", Verdict.HELD, TestVerdicts.hash('1'));
        verdicts.replay("b-2", "fraud");

        Map<String, BatchHistory> histories = BatchHistory.fold(verdicts.all());

        assertThat(histories.keySet()).containsExactly("b-2", "b-1");
        assertThat(histories.get("b-2").replays()).hasSize(2);
        assertThat(histories.get("b-1").verdict().verdict()).isEqualTo(Verdict.REJECTED);
    }
}
