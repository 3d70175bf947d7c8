package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelConsistencyCheckTest {

    @Test
    void shouldMatchScipyWhenTestingDisagreementOneSided() {
        // scipy.stats.fisher_exact([[30, 170], [40, 710]], alternative='greater').pvalue -> 1.4740560537987584e-05
        assertThat(LabelConsistencyCheck.pValue(30, 200, 40, 750)).isCloseTo(1.4740560537987584e-05, within(1e-12));
        // scipy.stats.fisher_exact([[12, 188], [40, 710]], alternative='greater').pvalue -> 0.41207449132804796
        assertThat(LabelConsistencyCheck.pValue(12, 200, 40, 750)).isCloseTo(0.41207449132804796, within(1e-9));
    }

    /** Two well separated classes: label "a" around x = -2, "b" around x = +2. */
    private static List<LabeledRow> rows(int n, long seed, double flipShare) {
        Random r = new Random(seed);
        List<LabeledRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean();
            double x = (a ? -2 : 2) + r.nextGaussian();
            String label = a ? "a" : "b";
            if (r.nextDouble() < flipShare) {
                label = a ? "b" : "a";
            }
            out.add(LabeledRow.of(Map.of("x", x, "y", r.nextGaussian(), "c", r.nextBoolean() ? "u" : "v"), label));
        }
        return out;
    }

    private static PoisoningSignal signal(List<LabeledRow> batch) {
        PoisoningReference reference = PoisoningReference.build(rows(3_000, 1, 0), PoisoningConfig.defaults());
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(reference, null, PoisoningConfig.defaults());
        batch.forEach(acc::update);
        return PoisoningChecks.evaluate(reference, acc).stream()
                .filter(s -> s.check().equals(LabelConsistencyCheck.NAME))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldPassCleanBatchesAndFlagTenPercentFlipsAtTwoHundredRows() {
        int cleanFlagged = 0;
        int flipsFlagged = 0;
        for (long seed = 100; seed < 120; seed++) {
            cleanFlagged += signal(rows(200, seed, 0)).flagged() ? 1 : 0;
            flipsFlagged += signal(rows(200, seed + 1_000, 0.10)).flagged() ? 1 : 0;
        }
        assertThat(cleanFlagged).isZero();
        assertThat(flipsFlagged).isGreaterThanOrEqualTo(18);
    }

    @Test
    void shouldKeepABoundedSampleWhateverTheReferenceSize() {
        PoisoningReference reference = PoisoningReference.build(rows(3_000, 1, 0), PoisoningConfig.defaults());
        assertThat(reference.sample().size()).isEqualTo(NeighbourSample.CAPACITY);
        PoisoningReference decoded = PoisoningReference.decode(reference.encode());
        assertThat(decoded.sample().entries()).isEqualTo(reference.sample().entries());
        assertThat(decoded.sample().expectedRepeats(500, reference.rows()))
                .containsExactly(reference.sample().expectedRepeats(500, reference.rows()));
        // the sample encodes stably: decoding and encoding again gives the same bytes
        assertThat(reference.encode().length
                        - PoisoningReference.decode(reference.encode()).encode().length)
                .isZero();
    }
}
