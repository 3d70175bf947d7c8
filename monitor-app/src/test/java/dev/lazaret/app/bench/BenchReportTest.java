package dev.lazaret.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table gives per phase the median of the runs, the range of records/s, and ratios of medians. */
class BenchReportTest {
    private static final CpuProbe.CpuTime CPU = new CpuProbe.CpuTime(10, 8, 4);

    private static PhaseResult result(String name, double rate, long p50, LastRecordLatency.Source source) {
        Percentiles latency = new Percentiles(1, p50, 2 * p50);
        return new PhaseResult(
                name,
                1_000,
                rate,
                latency,
                null,
                source == null ? null : latency,
                source,
                CPU,
                1L << 20,
                2L << 20,
                List.of());
    }

    private static List<PhaseResult> run(double baseline, double drift, long p50) {
        return List.of(result("passthrough", baseline, 10, null), result("drift", drift, p50, null));
    }

    @Test
    void reportsTheMedianOfThreeRunsWithTheRange() {
        String table = BenchReport.markdown(List.of(run(100, 50, 7), run(200, 90, 9), run(300, 60, 8)));

        assertThat(table)
                .contains("medians of 3 runs")
                .contains("| passthrough | 1,000 | 200 | 100–300 | 1.00 | 10 | 20 |")
                .contains("| drift | 1,000 | 60 | 50–90 | 0.30 | 8 | 16 |")
                .contains("ratio drift/passthrough: 0.30")
                .contains("| 10.0 | 8.0 | 4.0 |");
    }

    @Test
    void printsEachRunsPhaseWithTheRatioToThatRunsPassthrough() {
        List<PhaseResult> run = run(30_637, 13_385, 7);

        assertThat(BenchReport.runLine(1, run.get(1), run.get(0)))
                .isEqualTo("bench: run 1, drift: 13,385 records/s, 0.44 × this run's passthrough (30,637),"
                        + " CPU s 4.0 (stream threads)\n");
        assertThat(BenchReport.runLine(2, run.get(0), run.get(0)))
                .startsWith("bench: run 2, passthrough: 30,637 records/s, 1.00 × this run's passthrough");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        List<PhaseResult> rates = List.of(
                result("x", 1, 1, null), result("x", 4, 1, null), result("x", 2, 1, null), result("x", 10, 1, null));

        assertThat(BenchReport.median(rates, PhaseResult::recordsPerSecond)).isEqualTo(3.0);
    }

    @Test
    void namesWhereLastRecordToVerdictStarts() {
        PhaseResult passthrough = result("passthrough", 100, 10, null);

        String stored = BenchReport.markdown(
                List.of(List.of(passthrough, result("quarantine", 10, 5, LastRecordLatency.Source.STORED))));
        String acked = BenchReport.markdown(
                List.of(List.of(passthrough, result("quarantine", 10, 5, LastRecordLatency.Source.ACKNOWLEDGED))));

        assertThat(stored).contains("last record stored → verdict p50/p99 ms").doesNotContain("acked");
        assertThat(acked)
                .contains("last record acked → verdict p50/p99 ms")
                .contains("the verdicts carry no last_record_ms");
    }
}
