package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.quarantine.RealDataEvaluation.Case;
import dev.lazaret.core.quarantine.RealDataEvaluation.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-data evaluation of the quarantine's poisoning checks (issue 11): UCI tables from the {@code weka} Debian
 * package, clean and attacked batches through the whole topology at the default policy. Writes
 * {@code docs/poisoning-evaluation.md} and asserts that no rate got worse than the floors measured when it was written.
 */
class RealDataPoisoningEvaluationTest {
    static final Path EXAMPLES = Path.of("/usr/share/doc/weka/examples");
    static final Path DOC = Path.of("..", "docs", "poisoning-evaluation.md");
    static final int TRIALS = Integer.getInteger("lazaret.eval.trials", 20);
    /**
     * Clean and flip batches per 200-row cell judged by the poisoning checks alone ({@link
     * RealDataEvaluation.DetectorRates}): cheap beside a topology trial, but not free, so off unless asked for
     * ({@code -Dlazaret.eval.detector.trials=200}); the rates print as doc table rows for {@link #DETECTOR_RUN}.
     */
    static final int DETECTOR_TRIALS = Integer.getInteger("lazaret.eval.detector.trials", 0);

    /**
     * The split of each table into reference and pool, and the batches drawn, come from this seed. Every batch of a
     * cell is drawn from the one pool, so a rate measured on one split carries that split's own difference between
     * pool and reference; {@code -Dlazaret.eval.seed=N} (with {@link #ONLY} set, so the doc is left alone) measures
     * another split.
     */
    static final long SEED = Long.getLong("lazaret.eval.seed", 11);
    /**
     * For trying a change on a few cells: {@code -Dlazaret.eval.only=vote/200,segment/1000} runs only those and leaves
     * the doc alone; the test command runs every cell.
     */
    static final String ONLY = System.getProperty("lazaret.eval.only", "");

    /**
     * Table and the batch sizes measured on it. Only {@code segment} (challenge and test files together, 2,310 rows)
     * has a pool of 1,000 rows; a smoothed bootstrap of the smaller pools was tried and held every clean batch for
     * feature-shift (the noise breaks the ties of discrete values), so those cells are not measured at 1,000.
     */
    static final Map<String, int[]> TABLES = new java.util.LinkedHashMap<>();

    static {
        TABLES.put("segment", new int[] {200, 1000});
        TABLES.put("vote", new int[] {200});
        TABLES.put("credit-g", new int[] {200});
        TABLES.put("diabetes", new int[] {200});
        TABLES.put("ionosphere", new int[] {200});
    }

    static ArffTable table(String name) {
        return name.equals("segment")
                ? ArffTable.read(EXAMPLES.resolve("segment-challenge.arff"))
                        .concat("segment", ArffTable.read(EXAMPLES.resolve("segment-test.arff")))
                : ArffTable.read(EXAMPLES.resolve(name + ".arff"));
    }

    /**
     * Floors: for each cell, the most clean batches held and the fewest attacked batches caught, out of 20, as measured
     * by this harness (order: the {@link Case} values). Raise them as the checks improve; the targets are in the
     * doc beside the measured rates.
     */
    /**
     * Reruns with the same seed have moved a backdoor cell by one batch of 20 (the order in which the driver's
     * punctuation meets a batch's records is not fixed), so a regression of an attack below its target must exceed
     * this many caught batches.
     */
    static final int CATCH_TOLERANCE = 2;

    static final Map<String, int[]> FLOORS = Map.of(
            "segment/200", new int[] {0, 13, 20, 3, 20, 20, 20, 20, 17},
            "segment/1000", new int[] {0, 20, 20, 20, 20, 20, 20, 20, 20},
            "vote/200", new int[] {0, 0, 17, 0, 0, 20, 20, 20, 0},
            "credit-g/200", new int[] {0, 6, 11, 4, 1, 20, 20, 20, 9},
            "diabetes/200", new int[] {0, 0, 0, 0, 0, 20, 20, 20, 0},
            "ionosphere/200", new int[] {0, 0, 1, 0, 0, 20, 20, 20, 0});

    /**
     * The targets that the checks meet, asserted as targets (no tolerance): no clean batch held (at most 2%
     * of 20 is 0), every duplicate flood, near-duplicate flood and replay caught, and on the tables the reference
     * predicts well (segment, vote) 10% flips caught in at least 80% of 200-row batches and 95% at 1,000, 5% backdoors
     * on segment in at least 80% of 200-row batches, 5% flips and 2% backdoors in at least 90% and 5% backdoors in 95%
     * at 1,000.
     * Values: the fewest batches of 20 that must be caught.
     */
    static final Map<String, Map<Case, Integer>> TARGETS = Map.of(
            "segment/200", Map.of(Case.FLIP_10, 16, Case.BACKDOOR_5, 16),
            "segment/1000", Map.of(Case.FLIP_5, 18, Case.FLIP_10, 19, Case.BACKDOOR_2, 18, Case.BACKDOOR_5, 19),
            "vote/200", Map.of(Case.FLIP_10, 16));

    /**
     * The same harness on the checks as they were before issue 11 (fixed 0.25 centroid threshold on classes of 100
     * rows, no label-consistency check, duplicate share without the reference's own repeats), kept for comparison.
     */
    static final String BEFORE =
            "| table | rows | clean held | 5% flips | 10% flips | 2% backdoor | 5% backdoor | 10% duplicates | 10% near-dups | replay | boiling frog | clean batches held by |"
                    + "\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|" + "\n"
                    + "| segment | 200 | 0/20 | 0/20 | 0/20 | 1/20 | 1/20 | 20/20 | 6/20 | 20/20 | 1/20 |  |" + "\n"
                    + "| segment | 1000 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 19/19 | 20/20 | class-centroid-shift 20, duplicate-flood 1 |"
                    + "\n"
                    + "| vote | 200 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 0/0 | 20/20 | duplicate-flood 20 |"
                    + "\n"
                    + "| credit-g | 200 | 7/20 | 9/20 | 12/20 | 7/20 | 8/20 | 20/20 | 20/20 | 20/20 | 14/20 | class-centroid-shift 7 |"
                    + "\n"
                    + "| diabetes | 200 | 16/20 | 13/20 | 12/20 | 15/20 | 17/20 | 20/20 | 20/20 | 20/20 | 12/20 | class-centroid-shift 16 |"
                    + "\n"
                    + "| ionosphere | 200 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | 20/20 | class-centroid-shift 20 |"
                    + "\n";

    /**
     * The detector-level rates of one opt-in run ({@link #DETECTOR_TRIALS}), pasted from the rows that run printed: the
     * test command does not measure them, so the doc shows them with the command that did.
     */
    /**
     * The detector-level rates of the opt-in runs ({@link #DETECTOR_TRIALS}), pasted from the rows they printed: the
     * test command does not measure them, so the doc shows them with the commands that did.
     */
    static final String DETECTOR_RUN = "\n## Detector-level flip rates (opt-in)\n\n"
            + "Not measured by the test command. 200 clean, 5%-flip and 10%-flip batches per 200-row cell of the noisy "
            + "tables, each judged by the poisoning checks of `detectors` alone (no topology, no replay history: "
            + "`RealDataEvaluation.DetectorRates`), so that a rate near 0.1 is pinned to a few points; 95% "
            + "Clopper–Pearson intervals. Bounds as in the flip table above. Measured on 2026-12-03 (late night, after "
            + "`class-centroid-shift`'s floored batch variance and `label-flip`'s cut of bins of three quarters of the "
            + "rows; seeds 12 to 14 likewise) by\n\n"
            + "    mvn -B -o test -pl topology-tests -am -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dtest=RealDataPoisoningEvaluationTest -Dlazaret.eval.only=credit-g/200,diabetes/200,ionosphere/200 "
            + "-Dlazaret.eval.detector.trials=200\n\n"
            + "which prints these rows (and, with `lazaret.eval.only` set, leaves this file alone).\n\n"
            + "| table | rows | case | bound, p0 known | p0 from the reference | label-consistency flags "
            + "| any poisoning check flags |\n"
            + "|---|---|---|---|---|---|---|\n"
            + "| credit-g | 200 | clean |  |  | 2/200 = 0.010 [0.001, 0.036] | 9/200 = 0.045 [0.021, 0.084] ({label-consistency=2, label-flip=7}) |\n"
            + "| credit-g | 200 | 5% flips | 0.008 | 0.007 | 14/200 = 0.070 [0.039, 0.115] | 27/200 = 0.135 [0.091, 0.190] |\n"
            + "| credit-g | 200 | 10% flips | 0.055 | 0.035 | 47/200 = 0.235 [0.178, 0.300] | 86/200 = 0.430 [0.360, 0.502] |\n"
            + "| diabetes | 200 | clean |  |  | 0/200 = 0.000 [0.000, 0.018] | 0/200 = 0.000 [0.000, 0.018] |\n"
            + "| diabetes | 200 | 5% flips | 0.009 | 0.005 | 0/200 = 0.000 [0.000, 0.018] | 0/200 = 0.000 [0.000, 0.018] |\n"
            + "| diabetes | 200 | 10% flips | 0.053 | 0.026 | 0/200 = 0.000 [0.000, 0.018] | 0/200 = 0.000 [0.000, 0.018] |\n"
            + "| ionosphere | 200 | clean |  |  | 0/200 = 0.000 [0.000, 0.018] | 0/200 = 0.000 [0.000, 0.018] |\n"
            + "| ionosphere | 200 | 5% flips | 0.013 | 0.004 | 0/200 = 0.000 [0.000, 0.018] | 0/200 = 0.000 [0.000, 0.018] |\n"
            + "| ionosphere | 200 | 10% flips | 0.091 | 0.020 | 8/200 = 0.040 [0.017, 0.077] | 8/200 = 0.040 [0.017, 0.077] |\n"
            + "\nBefore the count of outvoted rows joined `label-consistency` (the score alone), the same run found 0 of "
            + "200 on credit-g at 5% and at 10% flips and 2 fewer clean flags; diabetes and ionosphere were as above. "
            + "Before the two changes of the late night, credit-g's last column read 8, 25 and 83 of 200 (clean, 5% and "
            + "10% flips) and diabetes' clean batches held on seed 14 below 24 of 200.\n\n"
            + "Every batch of a cell is drawn from one pool, the other half of one shuffle of the table, so a rate "
            + "measured on one split carries that split's own difference between pool and reference. Three more "
            + "splits of the two noisy tables, the same command with `-Dlazaret.eval.only=credit-g/200,diabetes/200` "
            + "and `-Dlazaret.eval.seed=12`, `13`, `14` (seed 11 is the split above and of the test command): p0 is "
            + "the reference's own outvoted share, the bound is the count test's with p0 from the reference, and the "
            + "topology column is the 20 clean batches the whole topology judged in the same run.\n\n"
            + "| seed | table | p0 | clean: label-consistency | clean: any check | clean: topology held | 10% flips: "
            + "bound | 10% flips: label-consistency | 10% flips: any check |\n"
            + "|---|---|---|---|---|---|---|---|---|\n"
            + "| 11 | credit-g | 0.210 | 2/200 | 9/200 (label-consistency 2, label-flip 7) | 0/20 | 0.035 | 47/200 | 86/200 |\n"
            + "| 12 | credit-g | 0.230 | 0/200 | 0/200 | 0/20 (1/20 with feature-shift at 0.05) | 0.026 | 1/200 | 4/200 |\n"
            + "| 13 | credit-g | 0.222 | 0/200 | 1/200 (label-flip) | 0/20 | 0.034 | 2/200 | 23/200 |\n"
            + "| 14 | credit-g | 0.256 | 0/200 | 1/200 (label-flip) | 0/20 (1/20 with feature-shift at 0.05) | 0.017 | 0/200 | 2/200 |\n"
            + "| 11 | diabetes | 0.216 | 0/200 | 0/200 | 0/20 | 0.026 | 0/200 | 0/200 |\n"
            + "| 12 | diabetes | 0.221 | 0/200 | 0/200 | 0/20 | 0.022 | 0/200 | 0/200 |\n"
            + "| 13 | diabetes | 0.221 | 0/200 | 0/200 | 0/20 | 0.023 | 0/200 | 0/200 |\n"
            + "| 14 | diabetes | 0.201 | 0/200 | 21/200 (label-flip 21) | 3/20 (label-flip 3; with feature-shift at 0.05 also feature-shift 1) | 0.037 | 41/200 | 72/200 |\n"
            + "\nOver the four splits `label-consistency` flagged 2 of 1,600 clean batches and, at 10% flips, 50 of 800 "
            + "on credit-g (6.3%, against a mean bound of 2.8%) and 41 of 800 on diabetes (5.1%, against 2.7%): above "
            + "the bound on average, but from 0 to 7 times it split by split, so one split says little about the issue's "
            + "80%-of-the-bound target. The splits also show what the one split of the test command hides: a clean "
            + "pool that differs from its reference by chance is held batch after batch, by `label-flip` (21 of 200 "
            + "clean diabetes batches on seed 14) and, at the drift side's 0.05, `feature-shift` (1 of 20 clean credit-g "
            + "batches through the topology on seeds 12 and 14; none since it holds at 0.01), above the 2% target on "
            + "those splits. `label-flip` holds clean batches at its "
            + "level on average (3 of 600 on credit-g and 5 of 600 on diabetes over 30 splits in `RealDataCleanSweep`, "
            + "docs/quarantine.md), but a split whose reference and pool differ in one bin by chance (diabetes seed 14: "
            + "the rows with skin and insulin coded 0, 30% positive in the reference, about half in the pool) has it "
            + "hold batch after batch.\n";

    @TempDir
    Path dir;

    @Test
    void shouldNotRegressOnRealTables() throws IOException {
        for (String table :
                List.of("segment-challenge", "segment-test", "vote", "credit-g", "diabetes", "ionosphere")) {
            Path file = EXAMPLES.resolve(table + ".arff");
            assertThat(Files.isReadable(file))
                    .as(file + " is missing: install the Debian package 'weka' (apt-get install --no-install-recommends"
                            + " weka), as .ci/run does")
                    .isTrue();
        }
        List<Cell> cells = new ArrayList<>();
        RealDataEvaluation evaluation = new RealDataEvaluation(dir);
        for (Map.Entry<String, int[]> t : TABLES.entrySet()) {
            ArffTable table = table(t.getKey());
            for (int rows : t.getValue()) {
                if (!ONLY.isEmpty() && !List.of(ONLY.split(",")).contains(t.getKey() + "/" + rows)) {
                    continue;
                }
                Cell cell = evaluation.run(table, rows, TRIALS, rows <= 200 ? DETECTOR_TRIALS : 0, SEED);
                System.out.println(line(cell) + " " + cell.cleanHoldsBy() + " " + cell.votes() + " bounds "
                        + cell.flipBound() + " bounds, p0 from the reference " + cell.sampleFlipBound() + " "
                        + cell.millis() + " ms");
                if (cell.detector() != null) {
                    System.out.print(detectorRows(cell));
                }
                cell.backdoors()
                        .forEach(b -> System.out.println("  " + b.c().title + " trial " + b.trial() + ": " + b.trigger()
                                + (b.caught() ? " caught" : " MISSED") + "; " + b.evidence()));
                cells.add(cell);
            }
        }
        if (ONLY.isEmpty()) {
            Files.writeString(DOC, doc(cells));
        }
        for (Cell cell : cells) {
            int[] floor = FLOORS.get(cell.table() + "/" + cell.rows());
            assertThat(floor)
                    .as("floors for " + cell.table() + "/" + cell.rows())
                    .isNotNull();
            for (Case c : Case.values()) {
                int got = cell.caught().getOrDefault(c, 0);
                int sent = cell.attempted().getOrDefault(c, 0);
                String what = cell.table() + "/" + cell.rows() + " " + c.title;
                if (c == Case.CLEAN) {
                    assertThat(got).as(what + " (target: at most 2%)").isZero();
                } else if (c == Case.DUPLICATE_10 || c == Case.NEAR_DUPLICATE_10 || c == Case.REPLAY) {
                    assertThat(got).as(what + " (target: all)").isEqualTo(sent);
                } else {
                    assertThat(got).as(what).isGreaterThanOrEqualTo(floor[c.ordinal()] - CATCH_TOLERANCE);
                }
                Integer target = TARGETS.getOrDefault(cell.table() + "/" + cell.rows(), Map.of())
                        .get(c);
                if (target != null) {
                    assertThat(got).as(what + " (issue 11 target)").isGreaterThanOrEqualTo(target);
                }
            }
        }
    }

    private static String line(Cell cell) {
        StringBuilder b = new StringBuilder(
                "| " + cell.table() + " | " + cell.rows() + (cell.rows() > cell.pool() ? " (r)" : "") + " |");
        for (Case c : Case.values()) {
            b.append(' ')
                    .append(cell.caught().getOrDefault(c, 0))
                    .append('/')
                    .append(cell.attempted().getOrDefault(c, 0))
                    .append(" |");
        }
        return b.toString();
    }

    /** "x/n = rate [lower, upper]" with the 95% Clopper–Pearson interval. */
    private static String rate(int x, int n) {
        double[] ci = RealDataEvaluation.clopperPearson(x, n);
        return String.format(Locale.ROOT, "%d/%d = %.3f [%.3f, %.3f]", x, n, x / (double) n, ci[0], ci[1]);
    }

    /** A cell's detector-level rates as rows of {@link #DETECTOR_RUN}'s table. */
    private static String detectorRows(Cell cell) {
        RealDataEvaluation.DetectorRates d = cell.detector();
        StringBuilder b = new StringBuilder();
        for (Case c : RealDataEvaluation.DETECTOR_CASES) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s | %s |%n",
                    cell.table(),
                    cell.rows(),
                    c == Case.CLEAN ? "clean" : c.title,
                    c == Case.CLEAN
                            ? ""
                            : String.format(
                                    Locale.ROOT, "%.3f", cell.flipBound().get(c)),
                    c == Case.CLEAN
                            ? ""
                            : String.format(
                                    Locale.ROOT, "%.3f", cell.sampleFlipBound().get(c)),
                    rate(d.labelConsistency().getOrDefault(c, 0), d.trials()),
                    rate(d.anyCheck().getOrDefault(c, 0), d.trials())
                            + (c == Case.CLEAN && !d.cleanFlagsBy().isEmpty() ? " (" + d.cleanFlagsBy() + ")" : "")));
        }
        return b.toString();
    }

    private static String doc(List<Cell> cells) {
        StringBuilder b = new StringBuilder();
        b.append("# Poisoning checks on real tables\n\n");
        b.append(
                "Written by `RealDataPoisoningEvaluationTest` (topology-tests) on every `./mvnw -B verify` (the test command); do not edit by hand.\n\n");
        b.append(String.format(
                Locale.ROOT,
                "Setup: UCI tables from the Debian package `weka` (`/usr/share/doc/weka/examples`; `segment` is "
                        + "`segment-challenge` and `segment-test` together). Each table is shuffled "
                        + "(seed %d) and split in half (ionosphere: 151 reference rows, so that the pool holds a 200-row batch): a pinned reference (imported as `lazaret reference import` "
                        + "does) and a pool. Every trial sends signed batches through the whole topology "
                        + "(TopologyTestDriver, default policy) under its own dataset name; %d trials per cell. A batch "
                        + "larger than the pool, marked (r), is a smoothed bootstrap of the pool (numeric values moved by "
                        + "0.1 sd of noise and shrunk back to the pool's variance; nominal values as they are). "
                        + "Counts are batches held or rejected / batches sent.\n\n",
                SEED,
                TRIALS));
        b.append(
                "Cases: clean (the false-hold rate); 5% and 10% of labels flipped to another class at random; 2% and 5% "
                        + "dirty-label backdoor (one feature set to a value a reference row has, so inside the reference's range, "
                        + "and one label); 10% copies of one row; 10% copies of one row with 1% reference-sd noise on numeric "
                        + "values; replay (an approved clean batch sent again under a new batch id); boiling frog (up to "
                        + "3 consecutive disjoint batches with 2%, 4% and 6% flips, caught when any is held; a pool with room for fewer "
                        + "disjoint batches gets the last steps only: segment/1000, diabetes, ionosphere and vote one 6% batch, "
                        + "credit-g 4% then 6%).\n\n");
        b.append("| table | rows |");
        for (Case c : Case.values()) {
            b.append(' ').append(c.title).append(" |");
        }
        b.append(" clean batches held by |\n|---|---|");
        b.append("---|".repeat(Case.values().length)).append("---|\n");
        for (Cell cell : cells) {
            b.append(line(cell))
                    .append(' ')
                    .append(cell.cleanHoldsBy().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        b.append(String.format(
                Locale.ROOT,
                "\nPower of the flip cases' count test against what the reference's own label noise allows. Bound, p0 "
                        + "known: the chance that a one-sided exact binomial test (level 0.001) of the batch's rows "
                        + "outvoted by their 10 nearest reference sample rows finds the flips if it knew the reference's "
                        + "own outvoted share p0 exactly (`RealDataEvaluation.flipPowerBound`). A flip makes a row "
                        + "outvoted with the chance the reference's rows show when their labels are flipped (\"after a "
                        + "flip\": a row whose vote another label ties, 5 to 5 on a two-class table, stays agreement), so "
                        + "the outvoted share moves from p0 to (1 - share) p0 + share x that. Bound, p0 from the "
                        + "reference: the same count test when p0 is estimated, as a check must, from the reference's "
                        + "voting rows (one-sided Fisher exact, level 0.001, `sampleFlipPowerBound`). p0 is the rate "
                        + "`label-consistency` compares batches with: the votes of rows held out of the reference sample "
                        + "when the reference has at least 500 of them, else the sample's own, each row left out of its "
                        + "vote (the column \"reference votes\" says which). `label-consistency` itself scores rows "
                        + "by a flip log-likelihood ratio (Welch z) and needs 2 points more outvoted rows than the "
                        + "reference, rather than counting them alone, so its power is not these figures; the batch's "
                        + "other checks add to it. Measured: batches held or rejected by the whole topology (the table "
                        + "above, %d trials per cell, too few to tell rates under 0.1 apart); for 200 batches per cell "
                        + "judged by the checks alone, see the opt-in run at the end.\n\n"
                        + "| table | rows | reference votes | voting rows | reference outvoted | after a flip "
                        + "| 5%% flips: bound, p0 known | p0 from the reference | measured "
                        + "| 10%% flips: bound, p0 known | p0 from the reference | measured |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|\n",
                TRIALS));
        for (Cell cell : cells) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %d | %.1f%% | %.1f%% | %.3f | %.3f | %d/%d | %.3f | %.3f | %d/%d |%n",
                    cell.table(),
                    cell.rows(),
                    cell.votes().heldOut() ? "held out" : "leave-one-out",
                    cell.votes().rows(),
                    100 * cell.votes().outvotedShare(),
                    100 * cell.votes().flippedOutvotedShare(),
                    cell.flipBound().get(Case.FLIP_5),
                    cell.sampleFlipBound().get(Case.FLIP_5),
                    cell.caught().getOrDefault(Case.FLIP_5, 0),
                    cell.attempted().getOrDefault(Case.FLIP_5, 0),
                    cell.flipBound().get(Case.FLIP_10),
                    cell.sampleFlipBound().get(Case.FLIP_10),
                    cell.caught().getOrDefault(Case.FLIP_10, 0),
                    cell.attempted().getOrDefault(Case.FLIP_10, 0)));
        }
        b.append("\nBefore issue 11 (same harness and seeds; fixed 0.25 `class-centroid-shift` threshold, no "
                + "`label-consistency`, duplicate share without the reference's own repeats):\n\n");
        b.append(BEFORE);
        b.append("\n## Targets (issue 11)\n\n"
                + "- Clean batches held or rejected: at most 2% in every cell.\n"
                + "- Tables whose labels the reference predicts well (`segment-challenge`, `vote`): 10% flips and 5% "
                + "backdoors caught in at least 95% of batches at 1,000 rows and above, 80% at 200 rows; 5% flips and 2% "
                + "backdoors in at least 90% at 1,000 rows and above.\n"
                + "- Noisy-label tables (`credit-g`, `diabetes`, `ionosphere`): at least 80% of the power bound that the "
                + "reference's own disagreement rate allows at that n.\n"
                + "- Duplicate and near-duplicate floods and replays: 100%.\n\n"
                + "The test asserts as targets what the checks meet: no clean batch held in any cell; every "
                + "duplicate flood, near-duplicate flood and replay caught; 10% flips caught in at least 16 of 20 "
                + "200-row batches on segment and vote, and 5% backdoors in at least 16 on segment; at 1,000 rows on "
                + "segment, 5% flips and 2% backdoors in at least 18 and 10% flips and 5% backdoors in at least 19. The other cells are "
                + "asserted as floors (no regression beyond 2 caught batches of 20: reruns with the same seed have "
                + "moved a backdoor cell by one batch).\n\n"
                + "Not met: 5% backdoors at 200 rows on vote (0 of 20; vote's 16 features are yes/no votes, so a "
                + "trigger value is one both classes have, and a backdoor that forces one label on 10 rows relabels "
                + "about 5 of them: 2.5% flips, below what 200 rows can show against a 218-row reference), and the "
                + "noisy tables' flips: the flip table shows how little a 200-row batch can show there (counting "
                + "ties, a count test finds 10% flips in 5% to 9% of batches if it knew the reference's rate, 2% to "
                + "3.5% when it estimates it from the reference; before ties were counted the bound read 0.10 to "
                + "0.11), and credit-g's measured rate exceeds it only because its other checks see the flips. "
                + "Whether label-consistency reaches 80% of the bound takes more than 20 batches and more than one "
                + "split to tell: the opt-in runs at the end find it above the bound on average over four splits and "
                + "from 0 to 7 times it split by split; over 30 random splits (RealDataCleanSweep, "
                + "docs/quarantine.md) the poisoning checks caught 10% flips at 200 rows in 2.9 (credit-g), 2.1 "
                + "(diabetes) and 1.4 (ionosphere) times the batches the bound expects, label-consistency alone in "
                + "0.5, 1.5 and 1.1 times. 5% flips at 200 "
                + "rows on segment fell from 8 to 1 of 20 (2 with the per-class part below) and the boiling frog from "
                + "12 to 5 when label-consistency moved from counting outvoted rows (Fisher) to the flip "
                + "log-likelihood ratio (Welch z), which took vote's 10% flips from 10 to 17; over 30 random splits of "
                + "segment (a numpy prototype of both statistics, not this harness) the ratio caught 5% flips at 200 "
                + "rows in 25% of batches and the count in 8%, so this split is one where the count does better. "
                + "Since 2026-12-03 (night) the check runs both, each at level 0.001: the count finds flips in mixed "
                + "neighbourhoods, which the ratio weighs little (on credit-g's split above, 10% flips at the "
                + "detector level from 0 to 47 of 200 batches; through the topology, segment's 5% flips at 200 rows "
                + "from 2 to 13 of 20 and its boiling frog from 6 to 17, credit-g's boiling frog from 5 to 9).\n\n"
                + "2% backdoors at 1,000 rows on segment, met with label-consistency's per-class part (19 of 20; 7 "
                + "with neither the label-purity floor nor backdoor-trigger's outvoted family, 15 with both). The "
                + "harness records the trigger each backdoor drew (`RealDataEvaluation.Trial`, printed by the test). "
                + "Of the 5 batches missed before, three drew a value nearly every row has (region-pixel-count = 9 in "
                + "all 1,155 reference rows, short-line-density-2 = 0 in 1,106, twice), so the backdoor was a relabel "
                + "of 16 to 18 of 1,000 rows into one class (window, foliage, brickface): 1.7 points of outvoted rows "
                + "overall, under label-consistency's 2-point floor, while backdoor-trigger's keys for the value were "
                + "the value's natural rows. The other two drew a rare value (saturation-mean = 0.23849 to path; "
                + "exgreen-mean = -11.6667 to foliage, with 7 of the 20 rows foliage already) that backdoor-trigger "
                + "found at p 2.5e-6 and 7.0e-6, above its Tarone levels (2.8e-7 and 5.7e-7). The per-class part "
                + "tests, for each label, the batch rows that none of their 10 nearest reference rows agree with "
                + "against the reference sample's own share for that label (Fisher exact, Tarone's level over the "
                + "classes); it caught four of the five: path 14 of 160 rows against 0 of 152 sample rows (p 6.5e-5), "
                + "foliage 18 of 166 against 0 of 144 (p 8.3e-6), foliage 12 of 161 against 0 of 144 (p 3.8e-4), "
                + "brickface 16 of 170 against 1 of 138 (p 4.6e-4), each the only class whose margins could reach "
                + "0.001. The one still missed relabels 17 rows to window, a class the reference confuses with cement "
                + "and foliage: 15 of 161 batch rows against 3 of 149 sample rows, p 0.0049; the sample's 149 window "
                + "rows cannot pin that class's own rate closer. Over 30 random splits of segment "
                + "(detectors/scripts/targeted_flip_splits.py, numpy, not this harness) the per-class part took 2% "
                + "backdoors at 1,000 rows from 82 to 87 of 90 batches and at 200 rows from 0 to 7; the 8 missed "
                + "before all had a trigger value that 88% to 100% of the reference's rows have and a target the "
                + "reference confuses (cement 4, foliage 2, window 2), and no clean batch was held in 540 (30 splits, "
                + "3 batches, segment at 200 and 1,000 rows and the four other tables at 200).\n\n"
                + "Not measured: batches of 1,000 rows on the small tables (their pools hold fewer rows; a smoothed "
                + "bootstrap held every clean batch for feature-shift), and 10,000 rows (this harness costs about 1 s per "
                + "1,000-row batch through the whole topology).\n");
        b.append(DETECTOR_RUN);
        return b.toString();
    }
}
