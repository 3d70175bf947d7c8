package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.quarantine.RealDataEvaluation.Split;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.poisoning.PoisoningSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The clean false-hold rate of quarantine over many random splits of each real table: every check the topology runs
 * against the reference (quality, shift and poisoning; {@link RealDataEvaluation#againstReference}), without
 * provenance, integrity or replay history. The evaluation in the test command uses one split (seed 11) and 20 clean
 * batches per cell, and a 200-row batch of a small table is most of its pool, so its batches share that split's luck:
 * one split cannot tell a rate of 1% from 5%. Not part of the test command (its name does not end in {@code Test};
 * about 5 minutes on 2 cores); run it with
 *
 * <pre>
 * mvn -B -o test -pl topology-tests -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=RealDataCleanSweep
 * </pre>
 *
 * <p>Options: {@code -Dlazaret.sweep.tables=vote,credit-g} (default the five weka tables; {@code randhie} needs
 * {@code python3-statsmodels}, see {@link #table}), {@code -Dlazaret.sweep.splits=30}, {@code
 * -Dlazaret.sweep.batches=20}, {@code -Dlazaret.sweep.rows=200}, {@code -Dlazaret.sweep.flips=0.1} (also judge each
 * batch with that share of labels flipped). Split s shuffles with seed s; the batches of a split are drawn from its
 * pool without replacement. Prints, per table, the clean batches held or rejected (a check at the default action warn,
 * such as {@code multivariate-shift}, does neither), the splits with at least one, and the checks that did (then, with
 * flips, the flipped batches any poisoning check of {@code detectors} and {@code label-consistency} flagged, flipping
 * labels leaves the features, so the quality and feature shift checks are left out there; and the batches the count
 * test's power bound expects, {@link RealDataEvaluation#sampleFlipPowerBound} at level 0.001 summed over the splits,
 * each split's bound from its own reference's votes); fails when a table's clean rate is above the 2%.
 */
class RealDataCleanSweep {
    /** Where Debian's {@code python3-statsmodels} puts its datasets. */
    static final Path STATSMODELS = Path.of("/usr/lib/python3/dist-packages/statsmodels/datasets");
    /** A check whose evidence is printed for every clean batch it flags; none by default. */
    static final String SHOW = System.getProperty("lazaret.sweep.show", "");
    /** Share of labels flipped in a copy of each clean batch, judged too; 0 for none. */
    static final double FLIPS = Double.parseDouble(System.getProperty("lazaret.sweep.flips", "0"));

    /**
     * A weka table by name, or {@code randhie}: the RAND Health Insurance Experiment (20,190 person-years, 9 numeric
     * features) from {@code python3-statsmodels}, labelled by whether the person saw a doctor that year ({@code mdvis >
     * 0}, 69% did), the one real table here with room for a 10,000-row reference and 10,000-row batches.
     */
    static ArffTable table(String name) {
        if (!name.equals("randhie")) {
            return RealDataPoisoningEvaluationTest.table(name);
        }
        Path csv = STATSMODELS.resolve("randhie").resolve("randhie.csv");
        if (!Files.isReadable(csv)) {
            throw new IllegalStateException(
                    csv + " is missing: apt-get install --no-install-recommends python3-statsmodels");
        }
        return ArffTable.readCsv(csv, "mdvis", visits -> visits > 0 ? "visited" : "none");
    }

    @Test
    void shouldHoldAtMostTwoPercentOfCleanBatchesOverRandomSplits() {
        String[] tables = System.getProperty("lazaret.sweep.tables", "segment,vote,credit-g,diabetes,ionosphere")
                .split(",");
        int splits = Integer.getInteger("lazaret.sweep.splits", 30);
        int batches = Integer.getInteger("lazaret.sweep.batches", 20);
        int rows = Integer.getInteger("lazaret.sweep.rows", 200);
        Map<String, Double> rates = new TreeMap<>();
        for (String name : tables) {
            ArffTable table = table(name);
            List<String> labels = table.rows().stream()
                    .map(ArffTable.Row::label)
                    .distinct()
                    .sorted()
                    .toList();
            Map<String, Integer> byCheck = new TreeMap<>();
            int flagged = 0;
            int splitsWithAFlag = 0;
            int flipsCaught = 0;
            int flipsByLabelConsistency = 0;
            double flipsByTheBound = 0;
            for (int s = 1; s <= splits; s++) {
                int number = s;
                Random random = new Random(s);
                Split split = Split.of(table, rows, random);
                ReferenceBundle bundle = RealDataEvaluation.reference(split.reference());
                PoisoningReference reference = bundle.poisoning();
                Map<String, double[]> poolMoments = split.poolMoments(table);
                if (FLIPS > 0) {
                    PoisoningReference.ReferenceVotes votes =
                            reference.referenceVotes().orElseThrow();
                    flipsByTheBound += batches
                            * RealDataEvaluation.sampleFlipPowerBound(
                                    votes.outvotedShare(),
                                    votes.flippedOutvotedShare(),
                                    FLIPS,
                                    rows,
                                    Math.toIntExact(votes.rows()),
                                    RealDataEvaluation.COUNT_TEST_LEVEL);
                }
                int inSplit = 0;
                for (int b = 0; b < batches; b++) {
                    List<ArffTable.Row> batch = RealDataEvaluation.draw(table, split.pool(), poolMoments, rows, random);
                    List<CheckResult> held = RealDataEvaluation.againstReference(bundle, batch).stream()
                            .filter(r -> r.status() == CheckStatus.HOLD || r.status() == CheckStatus.FAIL)
                            .toList();
                    for (CheckResult r : held) {
                        byCheck.merge(r.check().label(), 1, Integer::sum);
                        if (r.check().label().equals(SHOW)) {
                            System.out.println(name + " split " + number + ": " + r.evidence());
                        }
                    }
                    inSplit += held.isEmpty() ? 0 : 1;
                    if (FLIPS > 0) {
                        // its own generator, so that the clean batches are the same with or without flips
                        RealDataEvaluation.flip(batch, FLIPS, labels, new Random(s * 1_000_003L + b));
                        List<PoisoningSignal> flipped = RealDataEvaluation.judge(reference, batch);
                        flipsCaught += flipped.stream().anyMatch(PoisoningSignal::flagged) ? 1 : 0;
                        flipsByLabelConsistency += flipped.stream()
                                        .anyMatch(x -> x.flagged() && x.check().equals("label-consistency"))
                                ? 1
                                : 0;
                    }
                }
                flagged += inSplit;
                splitsWithAFlag += inSplit > 0 ? 1 : 0;
            }
            int total = splits * batches;
            rates.put(name, flagged / (double) total);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d/%d = %.1f%% | %d of %d | %s |%s%n",
                    name,
                    rows,
                    flagged,
                    total,
                    100.0 * flagged / total,
                    splitsWithAFlag,
                    splits,
                    byCheck.isEmpty() ? "" : byCheck.toString(),
                    FLIPS > 0
                            ? String.format(
                                    Locale.ROOT,
                                    " %d/%d | %d/%d | %.1f |",
                                    flipsCaught,
                                    total,
                                    flipsByLabelConsistency,
                                    total,
                                    flipsByTheBound)
                            : "");
        }
        rates.forEach((name, rate) -> assertThat(rate).as(name).isLessThanOrEqualTo(0.02));
    }
}
