package dev.lazaret.app.verdicts;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.DecidedBy;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Verdicts as the verdicts topic would hold them, one offset after another on partition 0. */
public final class TestVerdicts {
    public static final String TOPIC = "lazaret.training.verdicts";

    private final List<RecordedVerdict> verdicts = new ArrayList<>();

    public List<RecordedVerdict> all() {
        return verdicts;
    }

    /** A policy or operator verdict on a batch of 1,500 records. */
    public RecordedVerdict add(
            String batch, String dataset, Verdict outcome, String decidedBy, Verdict previous, String sha) {
        return add(batch, dataset, outcome, decidedBy, previous, sha, List.of());
    }

    /** A policy verdict on a batch whose checks are {@code checks}. */
    public RecordedVerdict add(String batch, String dataset, Verdict outcome, List<CheckResult> checks) {
        return add(batch, dataset, outcome, DecidedBy.POLICY_NAME, null, hash('a'), checks);
    }

    /** The verdict the quarantine publishes when a submission reuses the id of a decided batch. */
    public RecordedVerdict replay(String batch, String dataset) {
        CheckResult replay = CheckResult.of(
                CheckName.BATCH_REPLAY, CheckStatus.FAIL, 1, 1, "batch id " + batch + " was already decided");
        return add(batch, dataset, Verdict.REJECTED, DecidedBy.POLICY_NAME, null, hash('0'), List.of(replay));
    }

    private RecordedVerdict add(
            String batch,
            String dataset,
            Verdict outcome,
            String decidedBy,
            Verdict previous,
            String sha,
            List<CheckResult> checks) {
        long offset = verdicts.size();
        BatchVerdict v = new BatchVerdict(
                batch,
                dataset,
                "bank-a",
                "bank-a-2026",
                outcome,
                "reason",
                1500,
                1500,
                1500,
                0,
                sha,
                sha,
                checks,
                DecidedBy.of(decidedBy),
                previous,
                "import:abc",
                1000,
                2000,
                1500,
                Instant.parse("2026-11-22T09:00:00Z").toEpochMilli() + offset * 1000);
        RecordedVerdict recorded = new RecordedVerdict(v, TOPIC, 0, offset);
        verdicts.add(recorded);
        return recorded;
    }

    public static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }
}
