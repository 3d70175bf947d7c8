package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches large enough that the sketches leave their exact mode (frequent-items purges, theta estimation above 32,768
 * distinct rows): the checks must still separate clean from attacked, and the state must not grow with the rows.
 */
class PoisoningScaleTest {
    private static final int LARGE = 100_000;
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();
    private static PoisoningReference reference;

    @BeforeAll
    static void buildReference() {
        reference = PoisoningReference.build(SyntheticRows.clean(11, 20_000), CONFIG);
    }

    private static BatchPoisoningAccumulator accumulate(List<LabeledRow> rows) {
        BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(reference, null, CONFIG);
        rows.forEach(batch::update);
        return batch;
    }

    private static Map<String, Boolean> flags(BatchPoisoningAccumulator batch) {
        return PoisoningChecks.evaluate(reference, batch).stream()
                .collect(Collectors.toMap(PoisoningSignal::check, PoisoningSignal::flagged));
    }

    @Test
    void shouldFlagNothingWhenLargeBatchIsClean() {
        List<PoisoningSignal> signals = PoisoningChecks.evaluate(reference, accumulate(SyntheticRows.clean(12, LARGE)));
        assertThat(signals).noneMatch(PoisoningSignal::flagged);
    }

    @Test
    void shouldFlagTriggerAndDuplicatesWhenLargeBatchIsAttacked() {
        List<LabeledRow> rows = SyntheticRows.clean(13, LARGE);
        rows = SyntheticRows.copies(rows, 0.10, 0, 13);
        rows = SyntheticRows.backdoor(rows, 0.01, "x2", 0.4242, "neg", 13);
        Map<String, Boolean> flags = flags(accumulate(rows));
        assertThat(flags.get(TriggerCheck.NAME)).isTrue();
        assertThat(flags.get(DuplicationChecks.DUPLICATES)).isTrue();
        assertThat(flags.get(DuplicationChecks.NEAR_DUPLICATES)).isFalse(); // exact copies are reported once
    }

    @Test
    void shouldKeepStateBoundedWhenRowsGrow() {
        int small = accumulate(SyntheticRows.clean(14, 40_000)).encode().length;
        int large = accumulate(SyntheticRows.clean(15, LARGE)).encode().length;
        // sketches are full at 40,000 rows already; 2.5x the rows must not mean materially more state
        assertThat(large).isLessThan((int) (small * 1.25));
        assertThat(large).isLessThan(4_000_000);
    }
}
