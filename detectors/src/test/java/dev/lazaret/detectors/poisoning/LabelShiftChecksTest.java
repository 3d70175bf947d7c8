package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelShiftChecksTest {
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();

    /**
     * Rows with a feature constant in every row ({@code k}, as {@code segment}'s region-pixel-count), a normal one
     * ({@code x}), a categorical one ({@code c}: five values in turn, or, when {@code inA > 0}, {@code a} for the first
     * {@code inA} rows and {@code b} after) and one whose value {@code major} four rows in five have ({@code m});
     * labels independent of them, {@code positives} of the {@code n} rows positive.
     */
    private static List<LabeledRow> rows(long seed, int n, int positives, int inA) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(i < positives ? "pos" : "neg");
        }
        Collections.shuffle(labels, new Random(seed));
        List<LabeledRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String c = inA > 0 ? (i < inA ? "a" : "b") : "v" + i % 5;
            String m = i % 5 == 0 ? "minor" : "major";
            rows.add(new LabeledRow(Map.of("k", 9.0, "x", random.nextGaussian(), "c", c, "m", m), labels.get(i)));
        }
        return rows;
    }

    private static List<PoisoningSignal> judge(PoisoningReference reference, List<LabeledRow> batch) {
        BatchPoisoningAccumulator accumulator =
                BatchPoisoningAccumulator.create(reference, RecordBloomFilter.withCapacity(1_000, 1e-3), CONFIG);
        batch.forEach(accumulator::update);
        return PoisoningChecks.evaluate(reference, accumulator);
    }

    private static PoisoningSignal signal(List<PoisoningSignal> signals, String check) {
        return signals.stream().filter(s -> s.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void shouldLeaveTheWholeTableLabelMixToLabelShift() {
        PoisoningReference reference = PoisoningReference.build(rows(1, 2_000, 1_000, 0), CONFIG);
        // 66% positive against the reference's 50%: the label mix of the whole table moved. The only bins with 50 batch
        // rows are k's, which holds every row, and m = major, which holds 80%: tested, each would be label-shift's
        // test again.
        List<PoisoningSignal> signals = judge(reference, rows(2, 200, 132, 0));

        assertThat(signal(signals, LabelShiftChecks.LABEL_SHIFT).flagged()).isTrue();
        PoisoningSignal flip = signal(signals, LabelShiftChecks.LABEL_FLIP);
        assertThat(flip.flagged()).isFalse();
        assertThat(flip.evidence()).startsWith("0 (feature, bin) label mixes tested");
    }

    @Test
    void shouldStillTestABinThatHoldsPartOfTheReference() {
        // c = a holds 30% of the rows, c = b 70% (under LabelShiftChecks.MAX_BIN_SHARE); in the batch, c = b's rows are
        // 80% positive against 50%
        PoisoningReference reference = PoisoningReference.build(rows(3, 2_000, 1_000, 600), CONFIG);
        List<LabeledRow> batch = new ArrayList<>();
        rows(4, 120, 60, 120).forEach(batch::add);
        rows(5, 280, 224, 0).stream()
                .map(r -> new LabeledRow(
                        Map.of(
                                "k",
                                9.0,
                                "x",
                                r.features().get("x"),
                                "c",
                                "b",
                                "m",
                                r.features().get("m")),
                        r.label()))
                .forEach(batch::add);

        PoisoningSignal flip = signal(judge(reference, batch), LabelShiftChecks.LABEL_FLIP);

        assertThat(flip.flagged()).isTrue();
        assertThat(flip.evidence()).contains("c = 'b'").doesNotContain("k in").doesNotContain("m = ");
    }
}
