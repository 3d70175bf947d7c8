package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The near-duplicate LSH at the dimensions the cell grid could not handle: on clean Gaussian rows it holds nothing,
 * and 10% copies of one row with 1% sd noise on every feature are caught, at 10, 30, 64 and 200 features. The measured
 * rates are printed (detectors/README-poisoning.md quotes them).
 */
class NearDuplicateDimensionTest {
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();
    private static final int TRIALS = 20;

    @ParameterizedTest
    @ValueSource(ints = {10, 30, 64, 200})
    void cleanBatchesAreNotFlaggedAndNoisyCopiesAreCaught(int dims) {
        PoisoningReference reference = PoisoningReference.build(rows(new SplittableRandom(dims), dims, 2_000), CONFIG);
        for (int n : new int[] {200, 1_000}) {
            int cleanFlagged = 0;
            int copiesCaught = 0;
            double maxCleanScore = 0;
            for (int t = 0; t < TRIALS; t++) {
                SplittableRandom random = new SplittableRandom(1_000L * dims + 10L * n + t);
                PoisoningSignal clean = nearDuplicates(reference, rows(random, dims, n));
                maxCleanScore = Math.max(maxCleanScore, clean.score());
                cleanFlagged += clean.flagged() ? 1 : 0;
                List<LabeledRow> attacked = rows(random, dims, n - n / 10);
                LabeledRow original = attacked.get(0);
                for (int c = 0; c < n / 10; c++) {
                    attacked.add(noisyCopy(original, random));
                }
                copiesCaught += nearDuplicates(reference, attacked).flagged() ? 1 : 0;
            }
            System.out.printf(
                    "near-duplicate-flood, %d features, %d rows: clean flagged %d/%d (max score %.4f), 10%% copies"
                            + " with 1%% sd noise caught %d/%d%n",
                    dims, n, cleanFlagged, TRIALS, maxCleanScore, copiesCaught, TRIALS);
            assertThat(cleanFlagged).as("clean, %d features, %d rows", dims, n).isZero();
            assertThat(copiesCaught).as("copies, %d features, %d rows", dims, n).isEqualTo(TRIALS);
        }
    }

    private static PoisoningSignal nearDuplicates(PoisoningReference reference, List<LabeledRow> rows) {
        BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(reference, null, CONFIG);
        rows.forEach(batch::update);
        return DuplicationChecks.nearDuplicates(batch);
    }

    private static List<LabeledRow> rows(SplittableRandom random, int dims, int n) {
        List<LabeledRow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> features = new TreeMap<>();
            for (int f = 0; f < dims; f++) {
                features.put(String.format("x%03d", f), gaussian(random));
            }
            // one label: the near-duplicate check ignores labels, and a single class leaves label-consistency's
            // neighbour search (the cost of every row at 200 features) out of this test
            out.add(LabeledRow.of(features, "pos"));
        }
        return out;
    }

    private static LabeledRow noisyCopy(LabeledRow original, SplittableRandom random) {
        Map<String, Object> features = new TreeMap<>();
        original.features().forEach((k, v) -> features.put(k, (double) v + 0.01 * gaussian(random)));
        return LabeledRow.of(features, original.label());
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
