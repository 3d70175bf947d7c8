package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detection and false-alarm rates over fixed seeds: each attack must be caught by its check in every seed, and no
 * clean batch may be flagged by any check. The table printed at the end is the one in README-poisoning.md.
 */
class PoisoningDetectionTest {
    private static final int SEEDS = 10;
    private static final int BATCH = 10_000;
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();
    private static final Map<String, String> TABLE = new TreeMap<>();

    private static PoisoningReference reference;
    private static List<LabeledRow> approvedBatch;
    private static RecordBloomFilter approved;

    @BeforeAll
    static void buildReference() throws ReflectiveOperationException {
        // the reference's quantile bins come from KLL sketches, which compact at random with DataSketches' one static,
        // unseeded Random: seeded here, the bins, and so each fixed-seed verdict below, are the same in every run
        java.lang.reflect.Field random = org.apache.datasketches.kll.KllSketch.class.getDeclaredField("random");
        random.setAccessible(true);
        ((java.util.Random) random.get(null)).setSeed(20_000);
        reference = PoisoningReference.build(SyntheticRows.clean(1, 20_000), CONFIG);
        approvedBatch = SyntheticRows.clean(2, BATCH);
        approved = RecordBloomFilter.withCapacity(1_000_000, 1e-3);
        approvedBatch.forEach(approved::add);
    }

    @AfterAll
    static void printTable() {
        System.out.println("| batch | check | flagged / seeds |");
        TABLE.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        // sample signals, for reading the evidence text
        evaluate(SyntheticRows.clean(999, BATCH)).forEach(System.out::println);
        evaluate(SyntheticRows.labelFlips(SyntheticRows.clean(999, BATCH), 0.05))
                .forEach(System.out::println);
    }

    private static List<PoisoningSignal> evaluate(List<LabeledRow> rows) {
        BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(reference, approved, CONFIG);
        rows.forEach(batch::update);
        return PoisoningChecks.evaluate(reference, batch);
    }

    private static int flaggedCount(String check, LongFunction<List<LabeledRow>> batchForSeed, String name) {
        int flagged = 0;
        for (long seed = 100; seed < 100 + SEEDS; seed++) {
            List<PoisoningSignal> signals = evaluate(batchForSeed.apply(seed));
            for (PoisoningSignal s : signals) {
                if (s.check().equals(check) && s.flagged()) {
                    flagged++;
                }
            }
        }
        TABLE.put(name + " | " + check, flagged + " / " + SEEDS);
        return flagged;
    }

    @Test
    void shouldFlagNoCheckWhenBatchesAreClean() {
        List<String> alarms = new ArrayList<>();
        for (long seed = 100; seed < 100 + SEEDS; seed++) {
            for (PoisoningSignal s : evaluate(SyntheticRows.clean(seed, BATCH))) {
                if (s.flagged()) {
                    alarms.add("seed " + seed + ": " + s);
                }
            }
        }
        TABLE.put("clean (10,000 rows) | any check", alarms.size() + " / " + SEEDS);
        assertThat(alarms).isEmpty();
    }

    @Test
    void shouldFlagNoCheckWhenSmallBatchesAreClean() {
        List<String> alarms = new ArrayList<>();
        for (long seed = 200; seed < 200 + SEEDS; seed++) {
            for (PoisoningSignal s : evaluate(SyntheticRows.clean(seed, 5_000))) {
                if (s.flagged()) {
                    alarms.add("seed " + seed + ": " + s);
                }
            }
        }
        TABLE.put("clean (5,000 rows) | any check", alarms.size() + " / " + SEEDS);
        assertThat(alarms).isEmpty();
    }

    @Test
    void shouldFlagLabelFlipWhenFivePercentOfLabelsFlipInOneRegion() {
        int caught = flaggedCount(
                LabelShiftChecks.LABEL_FLIP,
                seed -> SyntheticRows.labelFlips(SyntheticRows.clean(seed, BATCH), 0.05),
                "5% label flips in x0 > 1");
        assertThat(caught).isEqualTo(SEEDS);
    }

    @Test
    void shouldNameTheFlippedFeatureWhenLabelsFlip() {
        PoisoningSignal flip = evaluate(SyntheticRows.labelFlips(SyntheticRows.clean(7, BATCH), 0.05))
                .get(1);
        assertThat(flip.check()).isEqualTo(LabelShiftChecks.LABEL_FLIP);
        assertThat(flip.evidence()).contains("x0 in [").contains("->");
    }

    @Test
    void shouldFlagTriggerWhenOnePercentCarriesRareTokenWithTargetLabel() {
        int caught = flaggedCount(
                TriggerCheck.NAME,
                seed -> SyntheticRows.backdoor(SyntheticRows.clean(seed, BATCH), 0.01, "c1", "zz_trigger", "pos", seed),
                "1% backdoor, categorical token");
        assertThat(caught).isEqualTo(SEEDS);
    }

    @Test
    void shouldFlagTriggerWhenOnePercentCarriesExactNumericValueWithTargetLabel() {
        int caught = flaggedCount(
                TriggerCheck.NAME,
                seed -> SyntheticRows.backdoor(SyntheticRows.clean(seed, BATCH), 0.01, "x2", 0.4242, "neg", seed),
                "1% backdoor, exact numeric value");
        assertThat(caught).isEqualTo(SEEDS);
    }

    @Test
    void shouldFlagTriggerWhenOnePercentCarriesNoisyTailValueWithTargetLabel() {
        int caught = flaggedCount(
                TriggerCheck.NAME,
                seed -> noisyTrigger(SyntheticRows.clean(seed, BATCH), seed),
                "1% backdoor, x1 uniform in 5.0 +/- 0.01 (numeric region)");
        assertThat(caught).isEqualTo(SEEDS);
    }

    private static List<LabeledRow> noisyTrigger(List<LabeledRow> rows, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        List<LabeledRow> out = new ArrayList<>(rows);
        for (int k = 0; k < rows.size() / 100; k++) {
            int i = rnd.nextInt(out.size());
            Map<String, Object> f = new java.util.HashMap<>(out.get(i).features());
            f.put("x1", 5.0 + 0.01 * (2 * rnd.nextDouble() - 1));
            out.set(i, new LabeledRow(f, SyntheticRows.NEG));
        }
        return out;
    }

    @Test
    void shouldNameTriggerValueAndLabelWhenBackdoorPresent() {
        PoisoningSignal trigger = evaluate(
                        SyntheticRows.backdoor(SyntheticRows.clean(3, BATCH), 0.01, "c1", "zz_trigger", "pos", 3))
                .get(2);
        assertThat(trigger.flagged()).isTrue();
        assertThat(trigger.evidence()).contains("c1 = 'zz_trigger'").contains("label 'pos'");
    }

    @Test
    void shouldFlagDuplicatesWhenTenPercentAreExactCopies() {
        int caught = flaggedCount(
                DuplicationChecks.DUPLICATES,
                seed -> SyntheticRows.copies(SyntheticRows.clean(seed, BATCH), 0.10, 0, seed),
                "10% exact duplicates");
        assertThat(caught).isEqualTo(SEEDS);
    }

    @Test
    void shouldFlagNearDuplicatesWhenTenPercentAreCopiesWithTinyNoise() {
        int caught = flaggedCount(
                DuplicationChecks.NEAR_DUPLICATES,
                seed -> SyntheticRows.copies(SyntheticRows.clean(seed, BATCH), 0.10, 1e-3, seed),
                "10% near-duplicates (noise sd 0.001)");
        assertThat(caught).isEqualTo(SEEDS);
    }

    @Test
    void shouldFlagReplayWhenTwentyPercentComeFromAnApprovedBatch() {
        int caught = flaggedCount(
                DuplicationChecks.REPLAY,
                seed -> SyntheticRows.replay(SyntheticRows.clean(seed, BATCH), approvedBatch, 0.20, seed),
                "20% replayed approved records");
        assertThat(caught).isEqualTo(SEEDS);
    }

    @Test
    void shouldFlagLabelShiftWhenTwentyPercentOfRowsAreRelabelledAtRandom() {
        int caught = flaggedCount(
                LabelShiftChecks.LABEL_SHIFT,
                seed -> relabel(SyntheticRows.clean(seed, BATCH), 0.20, seed),
                "20% of rows relabelled 'pos' at random (~10% mix change)");
        assertThat(caught).isEqualTo(SEEDS);
    }

    @Test
    void shouldFlagCentroidShiftWhenOneClassIsMovedHalfAStd() {
        int caught = flaggedCount(
                CentroidCheck.NAME,
                seed -> shiftClass(SyntheticRows.clean(seed, BATCH), SyntheticRows.POS, "x1", 0.5),
                "class 'pos' moved +0.5 std on x1");
        assertThat(caught).isEqualTo(SEEDS);
    }

    private static List<LabeledRow> relabel(List<LabeledRow> rows, double share, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        List<LabeledRow> out = new ArrayList<>(rows.size());
        for (LabeledRow r : rows) {
            out.add(rnd.nextDouble() < share ? new LabeledRow(r.features(), SyntheticRows.POS) : r);
        }
        return out;
    }

    private static List<LabeledRow> shiftClass(List<LabeledRow> rows, String label, String feature, double by) {
        List<LabeledRow> out = new ArrayList<>(rows.size());
        for (LabeledRow r : rows) {
            if (r.label().equals(label)) {
                Map<String, Object> f = new java.util.HashMap<>(r.features());
                f.put(feature, (Double) f.get(feature) + by);
                out.add(new LabeledRow(f, label));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
