package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The smallest batch at which each check catches its attack with power at least 0.9 (18 of 20 seeds) at the default
 * policy, on the synthetic rows of {@link SyntheticRows} (reference: 20,000 clean rows, seed 1). docs/quarantine.md
 * quotes the printed table; the assertions keep those limits from getting worse.
 */
class PoisoningPowerLimitsTest {
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();
    private static final int[] SIZES = {50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000};
    private static final int SEEDS = 20;
    private static final int NEEDED = 18;
    /** label-consistency's catches of 10% random flips in 10,000-row batches, of {@link #SEEDS}, as measured. */
    private static final int LABEL_CONSISTENCY_10K = 14;

    private static PoisoningReference reference;
    private static List<LabeledRow> approvedBatch;
    private static RecordBloomFilter approved;

    @BeforeAll
    static void buildReference() {
        reference = PoisoningReference.build(SyntheticRows.clean(1, 20_000), CONFIG);
        approvedBatch = SyntheticRows.clean(2, 5_000);
        approved = RecordBloomFilter.withCapacity(1_000_000, 1e-3);
        approvedBatch.forEach(approved::add);
    }

    @Test
    void smallestBatchWithPowerNineTenths() {
        Map<String, Integer> limits = new java.util.LinkedHashMap<>();
        limits.put(
                "label-shift: 20% of rows relabelled 'pos' at random",
                smallest("label-shift", (rows, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    List<LabeledRow> out = new ArrayList<>();
                    rows.forEach(
                            r -> out.add(rnd.nextDouble() < 0.2 ? new LabeledRow(r.features(), SyntheticRows.POS) : r));
                    return out;
                }));
        limits.put(
                "label-flip: 5% of labels flipped, all in x0 > 1",
                smallest("label-flip", (rows, seed) -> SyntheticRows.labelFlips(rows, 0.05)));
        limits.put(
                "label-consistency: 10% of labels flipped at random",
                smallest("label-consistency", PoisoningPowerLimitsTest::randomFlips));
        limits.put(
                "backdoor-trigger: 1% backdoor, c1 = new token, label 'pos'",
                smallest(
                        "backdoor-trigger",
                        (rows, seed) -> SyntheticRows.backdoor(rows, 0.01, "c1", "zz_trigger", "pos", seed)));
        limits.put(
                "duplicate-flood: 10% exact copies",
                smallest("duplicate-flood", (rows, seed) -> SyntheticRows.copies(rows, 0.10, 0, seed)));
        limits.put(
                "near-duplicate-flood: 10% copies with 1% sd noise",
                smallest("near-duplicate-flood", (rows, seed) -> SyntheticRows.copies(rows, 0.10, 0.01, seed)));
        limits.put(
                "replay: 20% of rows from an approved batch",
                smallest("replay", (rows, seed) -> SyntheticRows.replay(rows, approvedBatch, 0.20, seed)));
        limits.put(
                "class-centroid-shift: class 'pos' moved +0.5 sd on x1",
                smallest("class-centroid-shift", (rows, seed) -> {
                    List<LabeledRow> out = new ArrayList<>();
                    for (LabeledRow r : rows) {
                        if (r.label().equals(SyntheticRows.POS)) {
                            Map<String, Object> f = new HashMap<>(r.features());
                            f.put("x1", (Double) f.get("x1") + 0.5);
                            out.add(new LabeledRow(f, r.label()));
                        } else {
                            out.add(r);
                        }
                    }
                    return out;
                }));
        BatchPoisoningAccumulator flipped = BatchPoisoningAccumulator.create(reference, approved, CONFIG);
        randomFlips(SyntheticRows.clean(100, 10_000), 100L).forEach(flipped::update);
        PoisoningChecks.evaluate(reference, flipped).stream()
                .filter(s -> s.check().equals("label-consistency"))
                .forEach(s -> System.out.println("10,000 rows, 10% random flips: " + s));
        System.out.println("| check: attack | smallest batch with power >= 0.9 |");
        limits.forEach((k, v) -> System.out.println("| " + k + " | " + (v > 0 ? v : "> 10000") + " |"));
        // on these noisy logistic labels (about 24% of fresh rows outvoted by the 1,000-row sample) label-consistency
        // has no size up to 10,000 with power 0.9: its catches there, and its clean holds, are counted in full instead
        int caught = flagged("label-consistency", PoisoningPowerLimitsTest::randomFlips, 10_000);
        int held = flagged("label-consistency", (rows, seed) -> rows, 10_000);
        System.out.println("label-consistency at 10,000 rows: 10% random flips caught in " + caught + " of " + SEEDS
                + ", clean batches held in " + held + " of " + SEEDS);
        assertThat(caught)
                .as("label-consistency, 10% flips at 10,000 rows")
                .isGreaterThanOrEqualTo(LABEL_CONSISTENCY_10K);
        assertThat(held).as("label-consistency, clean batches at 10,000 rows").isZero();
        // ceilings as measured when docs/quarantine.md was written
        Map<String, Integer> measured = Map.of(
                "label-shift", 500,
                "label-flip", 1_000,
                "backdoor-trigger", 500,
                "duplicate-flood", 50,
                "near-duplicate-flood", 50,
                "replay", 50,
                "class-centroid-shift", 200);
        limits.forEach((attack, n) -> {
            String check = attack.substring(0, attack.indexOf(':'));
            if (measured.containsKey(check)) {
                assertThat(n).as(attack).isPositive().isLessThanOrEqualTo(measured.get(check));
            }
        });
    }

    /** Batches of {@code n} rows, of {@link #SEEDS} seeds, that {@code check} flags. */
    private static int flagged(String check, BiFunction<List<LabeledRow>, Long, List<LabeledRow>> attack, int n) {
        int flagged = 0;
        for (long seed = 100; seed < 100 + SEEDS; seed++) {
            BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(reference, approved, CONFIG);
            attack.apply(SyntheticRows.clean(seed, n), seed).forEach(batch::update);
            for (PoisoningSignal s : PoisoningChecks.evaluate(reference, batch)) {
                flagged += s.check().equals(check) && s.flagged() ? 1 : 0;
            }
        }
        return flagged;
    }

    /** Smallest size in {@link #SIZES} where at least 18 of 20 seeds are flagged, or -1. */
    private static int smallest(String check, BiFunction<List<LabeledRow>, Long, List<LabeledRow>> attack) {
        for (int n : SIZES) {
            int flagged = 0;
            for (long seed = 100; seed < 100 + SEEDS && flagged + (100 + SEEDS - seed) >= NEEDED; seed++) {
                BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(reference, approved, CONFIG);
                attack.apply(SyntheticRows.clean(seed, n), seed).forEach(batch::update);
                for (PoisoningSignal s : PoisoningChecks.evaluate(reference, batch)) {
                    flagged += s.check().equals(check) && s.flagged() ? 1 : 0;
                }
            }
            if (flagged >= NEEDED) {
                return n;
            }
        }
        return -1;
    }

    private static List<LabeledRow> randomFlips(List<LabeledRow> rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabeledRow> out = new ArrayList<>();
        for (LabeledRow r : rows) {
            boolean flip = rnd.nextDouble() < 0.1;
            String other = SyntheticRows.POS.equals(r.label()) ? SyntheticRows.NEG : SyntheticRows.POS;
            out.add(flip ? new LabeledRow(r.features(), other) : r);
        }
        return out;
    }
}
