package dev.lazaret.core.quarantine;

import static dev.lazaret.core.quarantine.QuarantineHarness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code multivariate-shift} on the whole topology: the reference's z1 and z2 are correlated +0.9; a batch whose
 * correlation is flipped to −0.9 (every marginal still N(0, 1)) is held by multivariate-shift and passes
 * feature-shift; a batch with the reference's correlation is approved.
 */
class QuarantineMultivariateTopologyTest {
    private static final int N = 2_000;

    @TempDir
    Path dir;

    private final TestBatches batches = new TestBatches();
    private QuarantineHarness q;

    @BeforeEach
    void start() {
        // warn by default; a dataset whose batches are large enough opts in to holding
        Path policy;
        try {
            policy = java.nio.file.Files.writeString(
                    dir.resolve("policy.properties"), "dataset.fraud.check.multivariate-shift=hold\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        q = new QuarantineHarness(
                dir.resolve("state"),
                batches.writeKeyring(dir),
                Map.of(dev.lazaret.core.config.QuarantineSettings.POLICY_FILE_CONFIG, policy.toString()));
        q.importReference("import:test", correlated(TestBatches.clean("ref", 5_000, 1, 0), 0.9));
    }

    @AfterEach
    void tearDown() {
        q.close();
    }

    /** Replaces z2 by rho z1 + sqrt(1 - rho²) z2: both stay N(0, 1), their correlation becomes rho. */
    private static List<TrainingRecord> correlated(List<TrainingRecord> records, double rho) {
        return records.stream()
                .map(r -> {
                    Map<String, Object> f = new LinkedHashMap<>(r.features());
                    double z1 = (Double) f.get("z1");
                    double z2 = (Double) f.get("z2");
                    f.put("z2", rho * z1 + Math.sqrt(1 - rho * rho) * z2);
                    return new TrainingRecord(r.batchId(), r.dataset(), r.seq(), f, r.label());
                })
                .toList();
    }

    private BatchVerdict judge(String id, List<TrainingRecord> batch) {
        return q.judge(batches.manifest(id, batch), batch);
    }

    @Test
    void holdsABatchWhoseCorrelationFlippedWhileEveryMarginalLooksNormal() {
        BatchVerdict v = judge("flip", correlated(TestBatches.clean("flip", N, 30, 0), -0.9));

        CheckResult joint = check(v, "multivariate-shift");
        assertThat(joint.status()).as(joint.evidence()).isEqualTo(CheckStatus.HOLD);
        assertThat(joint.evidence()).contains("drifted").contains("features x, y, z1, z2, z3");
        CheckResult marginal = check(v, "feature-shift");
        assertThat(marginal.status()).as(marginal.evidence()).isEqualTo(CheckStatus.PASS);
        assertThat(v.verdict()).isEqualTo(Verdict.HELD);
    }

    @Test
    void approvesABatchWithTheReferenceCorrelation() {
        BatchVerdict v = judge("same", correlated(TestBatches.clean("same", N, 31, 0), 0.9));

        CheckResult joint = check(v, "multivariate-shift");
        assertThat(joint.status()).as(joint.evidence()).isEqualTo(CheckStatus.PASS);
        assertThat(joint.evidence()).contains("not drifted");
        assertThat(v.verdict()).as(v.reason()).isEqualTo(Verdict.APPROVED);
    }
}
