package dev.lazaret.core.quarantine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.DecidedBy;
import dev.lazaret.core.quarantine.checks.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuarantineMetricsTest {
    private static BatchVerdict rejected(String dataset) {
        return new BatchVerdict(
                "b-1",
                dataset,
                "bank-a",
                "k1",
                Verdict.REJECTED,
                "content-hash fail",
                3,
                3,
                3,
                0,
                "aa",
                "bb",
                List.of(CheckResult.of(CheckName.CONTENT_HASH, CheckStatus.FAIL, 1, 1, "tampered")),
                DecidedBy.POLICY,
                null,
                null,
                10,
                20,
                25,
                30);
    }

    @Test
    void shouldRegisterTheNamedDatasetsAtZeroWhenBound() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new QuarantineMetrics(Set.of("fraud"), 1).bindTo(registry);

        assertThat(registry.get(QuarantineMetrics.BATCHES)
                        .tags("dataset", "fraud", "verdict", "rejected")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get(QuarantineMetrics.INTEGRITY_FAILURES)
                        .tags("dataset", "fraud", "reason", "content-hash")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get(QuarantineMetrics.PENDING_RECORDS)
                        .tags("dataset", "fraud")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void shouldCountAVerdictUnderItsWireLabels() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QuarantineMetrics metrics = new QuarantineMetrics(Set.of("fraud"), 0);
        metrics.bindTo(registry);

        metrics.verdict(rejected("fraud"));
        metrics.verdict(rejected("unlisted"));

        assertThat(registry.get(QuarantineMetrics.BATCHES)
                        .tags("dataset", "fraud", "verdict", "rejected")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(QuarantineMetrics.REJECTIONS)
                        .tags("dataset", QuarantineMetrics.OTHER, "check", "content-hash")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(QuarantineMetrics.SUSPICIOUS_BATCH_SCORE)
                        .tags("dataset", "fraud", "batch_id", "b-1")
                        .gauge()
                        .value())
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseASecondRegistryAndUseBeforeBinding() {
        QuarantineMetrics metrics = new QuarantineMetrics(Set.of("fraud"), 1);
        assertThatThrownBy(() -> metrics.verdict(rejected("fraud"))).isInstanceOf(IllegalStateException.class);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        metrics.bindTo(registry);
        assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry())).isInstanceOf(IllegalStateException.class);
    }
}
