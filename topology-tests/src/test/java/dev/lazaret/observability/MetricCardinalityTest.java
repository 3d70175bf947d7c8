package dev.lazaret.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.app.LabelSanitizer;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.DecidedBy;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.metrics.QuarantineMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * /metrics stays bounded however many datasets and batches pass (the issue measured 833 KB with about 20 datasets),
 * and no label value carries a control character.
 */
class MetricCardinalityTest {
    private static final int EXTRA_DATASETS = 10;

    @Test
    void shouldKeepTheSeriesCountBoundedAfterManyDatasetsAndBatches() {
        PrometheusMeterRegistry registry = registry();
        QuarantineMetrics quarantine = new QuarantineMetrics(Set.of("fraud"), EXTRA_DATASETS);
        quarantine.bindTo(registry);
        InputMetrics input = new InputMetrics(registry);

        judge(quarantine, input, 0, 30, 10);
        long afterThirtyDatasets = series(registry.scrape());
        int sizeAfterThirty = registry.scrape().length();
        judge(quarantine, input, 30, 400, 25);
        long afterFourHundredDatasets = series(registry.scrape());

        assertThat(afterFourHundredDatasets)
                .as("series after 400 datasets x 25 batches (10,000 verdicts) equal those after 30 datasets")
                .isEqualTo(afterThirtyDatasets);
        assertThat(registry.scrape().length()).isLessThan(sizeAfterThirty + 20 * 300);
        assertThat(afterFourHundredDatasets).isLessThan(2_000);
        assertThat(registry.scrape().lines().filter(l -> l.startsWith("lazaret_quarantine_suspicious_batch_score{")))
                .hasSize(QuarantineMetrics.SUSPICIOUS_BATCHES);
        registry.close();
    }

    @Test
    void shouldNeverPrintAControlCharacterInALabel() {
        PrometheusMeterRegistry registry = registry();
        QuarantineMetrics quarantine = new QuarantineMetrics(Set.of(), EXTRA_DATASETS);
        quarantine.bindTo(registry);
        quarantine.verdict(verdict("da\u0000ta\nset", "b\u0000-1\r" + "x".repeat(1_000), Verdict.REJECTED));

        String scrape = registry.scrape();
        assertThat(scrape).doesNotContain("\u0000").doesNotContain("\r").contains("da\uFFFDta\uFFFDset");
        assertThat(scrape.lines().filter(l -> l.contains("b\uFFFD-1\uFFFD")).findFirst())
                .hasValueSatisfying(line -> assertThat(line).doesNotContain("x".repeat(257)));
        registry.close();
    }

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new LabelSanitizer());
        return registry;
    }

    private static void judge(QuarantineMetrics quarantine, InputMetrics input, int from, int to, int batches) {
        for (int d = from; d < to; d++) {
            for (int b = 0; b < batches; b++) {
                String dataset = "dataset-" + d;
                Verdict verdict = b % 3 == 0 ? Verdict.REJECTED : b % 3 == 1 ? Verdict.HELD : Verdict.APPROVED;
                quarantine.verdict(verdict(dataset, dataset + "-batch-" + b, verdict));
                quarantine.released(dataset, verdict == Verdict.APPROVED, 100);
                input.recordDeadLetter("training.records", RejectReason.INVALID_VALUE);
            }
        }
    }

    private static long series(String scrape) {
        return scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
    }

    private static BatchVerdict verdict(String dataset, String batchId, Verdict verdict) {
        return new BatchVerdict(
                batchId,
                dataset,
                "bank-a",
                "k1",
                verdict,
                "reason",
                3,
                3,
                3,
                0,
                "aa",
                "bb",
                List.of(CheckResult.of(
                        CheckName.CONTENT_HASH,
                        verdict == Verdict.APPROVED ? CheckStatus.PASS : CheckStatus.FAIL,
                        1,
                        1,
                        "evidence")),
                DecidedBy.POLICY,
                null,
                null,
                10,
                20,
                25,
                30);
    }
}
