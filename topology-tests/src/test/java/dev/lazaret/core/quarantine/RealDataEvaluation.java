package dev.lazaret.core.quarantine;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchEvaluation;
import dev.lazaret.core.quarantine.checks.BatchJudge;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.ReferenceView;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.integrity.ContentHash;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.detectors.poisoning.BatchPoisoningAccumulator;
import dev.lazaret.detectors.poisoning.PoisoningChecks;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.poisoning.PoisoningSignal;
import dev.lazaret.detectors.rate.FisherExcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Runs real-table batches, clean and attacked, through the whole topology with the default policy, one dataset name
 * per trial so that approved batches of one trial never reach another trial's replay filter.
 *
 * <p>A table is shuffled with the seed and split in half: the reference and the pool batches are drawn from. A batch
 * no larger than the pool is drawn without replacement; a larger one is a smoothed bootstrap of the pool (each numeric
 * value moved by 0.1 pool sd of noise and shrunk back to the pool's variance), so that resampling does not itself
 * create exact or near duplicates. Nominal values are resampled as they are.
 */
final class RealDataEvaluation {
    /** What a trial sends. */
    enum Case {
        CLEAN("clean held"),
        FLIP_5("5% flips"),
        FLIP_10("10% flips"),
        BACKDOOR_2("2% backdoor"),
        BACKDOOR_5("5% backdoor"),
        DUPLICATE_10("10% duplicates"),
        NEAR_DUPLICATE_10("10% near-dups"),
        REPLAY("replay"),
        BOILING_FROG("boiling frog");

        final String title;

        Case(String title) {
            this.title = title;
        }
    }

    /** Flip shares of the boiling frog's consecutive batches, each approved batch joining the history. */
    static final double[] FROG_STEPS = {0.02, 0.04, 0.06};

    /**
     * Counts of one cell: trials and batches held or rejected per case, which checks held clean batches, the
     * reference's own votes and the flip cases' power bounds ({@link #flipPowerBound}, {@link #sampleFlipPowerBound}),
     * and the detector-level rates when asked for ({@code null} otherwise).
     */
    record Cell(
            String table,
            int rows,
            int pool,
            int trials,
            Map<Case, Integer> caught,
            Map<Case, Integer> attempted,
            Map<String, Integer> cleanHoldsBy,
            PoisoningReference.ReferenceVotes votes,
            Map<Case, Double> flipBound,
            Map<Case, Double> sampleFlipBound,
            DetectorRates detector,
            List<Trial> backdoors,
            long millis) {}

    /**
     * The clean and flip cases over many more batches than the topology runs, each judged by the poisoning checks of
     * {@code detectors} alone (no replay history): batches that {@code label-consistency} flags and that any poisoning
     * check flags. A trial costs one accumulation and one evaluation, so a rate near 0.1 can be pinned to a few points.
     */
    record DetectorRates(
            int trials,
            Map<Case, Integer> labelConsistency,
            Map<Case, Integer> anyCheck,
            Map<String, Integer> cleanFlagsBy) {}

    /** The cases {@link DetectorRates} counts. */
    static final List<Case> DETECTOR_CASES = List.of(Case.CLEAN, Case.FLIP_5, Case.FLIP_10);

    /**
     * One backdoor trial: its case, the trigger it drew ({@link #backdoor}), whether it was held, and the evidence of
     * the label-consistency and backdoor-trigger checks (so that a missed batch can be told apart from a caught one).
     */
    record Trial(Case c, int trial, String trigger, boolean caught, String evidence) {}

    /** The level of the count test whose power the flip bounds state: {@code label-consistency}'s own. */
    static final double COUNT_TEST_LEVEL = 1e-3;

    /**
     * The power of the flip cases' count test with the reference's rate known: the chance that a one-sided exact
     * binomial test at level {@code alpha} of the batch's outvoted rows finds the flips, if it knew the reference's own
     * outvoted share {@code p0} exactly. A flip makes a row outvoted with the chance {@code flipped} the reference's
     * own rows show ({@link PoisoningReference.ReferenceVotes#flippedOutvotedShare()}): a row its neighbours supported
     * becomes outvoted unless another label ties its vote (with K = 10 and two classes, a 5 to 5 vote stays
     * agreement), one they outvoted stays outvoted unless it lands on their majority. The outvoted share moves from
     * {@code p0} to {@code (1 - share) p0 + share flipped}.
     */
    static double flipPowerBound(double p0, double flipped, double share, int rows, double alpha) {
        BinomialDistribution h0 = BinomialDistribution.of(rows, p0);
        int critical = h0.inverseSurvivalProbability(alpha) + 1;
        return BinomialDistribution.of(rows, flipped(p0, flipped, share)).survivalProbability(critical - 1);
    }

    /**
     * The same count test when {@code p0} is what it has to be, an estimate from the reference's {@code referenceRows}
     * voting rows: the power of the one-sided Fisher exact test at level {@code alpha} of the batch's outvoted count
     * against the reference's, summed exactly over both binomials. Below {@link #flipPowerBound} by what estimating
     * {@code p0} costs, which is much when the reference holds not many more rows than the batch.
     */
    static double sampleFlipPowerBound(
            double p0, double flipped, double share, int rows, int referenceRows, double alpha) {
        BinomialDistribution x = BinomialDistribution.of(rows, flipped(p0, flipped, share));
        BinomialDistribution y = BinomialDistribution.of(referenceRows, p0);
        double power = 0;
        int critical = 0;
        for (int outvoted = 0; outvoted <= referenceRows; outvoted++) {
            // the smallest count that Fisher's test finds never falls as the reference's count grows
            while (critical <= rows && FisherExcess.greater(critical, rows, outvoted, referenceRows) > alpha) {
                critical++;
            }
            power += y.probability(outvoted) * x.survivalProbability(critical - 1);
        }
        return power;
    }

    private static double flipped(double p0, double flipped, double share) {
        return (1 - share) * p0 + share * flipped;
    }

    /** The two-sided 95% Clopper–Pearson interval of a rate of {@code x} in {@code n}. */
    static double[] clopperPearson(int x, int n) {
        double lower = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1.0).inverseCumulativeProbability(0.025);
        double upper = x == n ? 1 : BetaDistribution.of(x + 1.0, n - x).inverseCumulativeProbability(0.975);
        return new double[] {lower, upper};
    }

    private final TestBatches batches = new TestBatches();
    private final Path dir;

    RealDataEvaluation(Path dir) {
        this.dir = dir;
    }

    Cell run(ArffTable table, int rows, int trials, long seed) {
        return run(table, rows, trials, 0, seed);
    }

    /**
     * One cell: {@code trials} trials of every case through the topology, and {@code detectorTrials} of the clean and
     * flip cases through the poisoning checks alone ({@link DetectorRates}; none when 0 or the batch is larger than the
     * pool).
     */
    Cell run(ArffTable table, int rows, int trials, int detectorTrials, long seed) {
        long start = System.nanoTime();
        Random random = new Random(seed);
        Split split = Split.of(table, rows, random);
        List<ArffTable.Row> reference = split.reference();
        List<ArffTable.Row> pool = split.pool();
        Map<String, double[]> poolMoments = moments(table, pool);
        Map<String, double[]> refMoments = moments(table, reference);
        List<String> labels = new ArrayList<>(
                new TreeSet<>(table.rows().stream().map(ArffTable.Row::label).toList()));
        Map<Case, Integer> caught = new EnumMap<>(Case.class);
        Map<Case, Integer> attempted = new EnumMap<>(Case.class);
        Map<String, Integer> holdsBy = new TreeMap<>();
        List<Trial> backdoors = new ArrayList<>();
        PoisoningReference poisoning = poisoningReference(reference);
        PoisoningReference.ReferenceVotes votes = poisoning.referenceVotes().orElseThrow();
        Map<Case, Double> bound = new EnumMap<>(Case.class);
        Map<Case, Double> sampleBound = new EnumMap<>(Case.class);
        for (Case c : List.of(Case.FLIP_5, Case.FLIP_10)) {
            double share = c == Case.FLIP_5 ? 0.05 : 0.10;
            bound.put(
                    c,
                    flipPowerBound(votes.outvotedShare(), votes.flippedOutvotedShare(), share, rows, COUNT_TEST_LEVEL));
            sampleBound.put(
                    c,
                    sampleFlipPowerBound(
                            votes.outvotedShare(),
                            votes.flippedOutvotedShare(),
                            share,
                            rows,
                            Math.toIntExact(votes.rows()),
                            COUNT_TEST_LEVEL));
        }
        DetectorRates detector = detectorTrials > 0 && rows <= pool.size()
                ? detectorTrials(poisoning, table, pool, poolMoments, labels, rows, detectorTrials, seed)
                : null;
        Path state = dir.resolve(table.name() + "-" + rows);
        try (QuarantineHarness q = new QuarantineHarness(state, keyring(), Map.of())) {
            for (int t = 0; t < trials; t++) {
                List<ArffTable.Row> clean = null;
                String cleanDataset = null;
                BatchVerdict cleanVerdict = null;
                for (Case c : Case.values()) {
                    String dataset = table.name() + "-" + rows + "-" + c.name().toLowerCase() + "-" + t;
                    if (c != Case.REPLAY) {
                        importReference(q, dataset, reference);
                    }
                    Random r = new Random(seed * 1_000_003L + t * 31L + c.ordinal());
                    boolean hit;
                    switch (c) {
                        case CLEAN -> {
                            clean = draw(table, pool, poolMoments, rows, r);
                            cleanDataset = dataset;
                            cleanVerdict = judge(q, dataset, dataset, clean);
                            hit = !Verdict.APPROVED.equals(cleanVerdict.verdict());
                            if (hit) {
                                cleanVerdict.checks().stream()
                                        .filter(x -> x.status() != CheckStatus.PASS)
                                        .map(result -> result.check().label())
                                        .forEach(name -> holdsBy.merge(name, 1, Integer::sum));
                            }
                        }
                        case REPLAY -> {
                            // the clean batch of this trial, approved by an operator if it was held, sent again
                            if (Verdict.REJECTED.equals(cleanVerdict.verdict())) {
                                continue;
                            }
                            if (Verdict.HELD.equals(cleanVerdict.verdict())) {
                                q.decide(cleanDataset, "RELEASE", "soc", "clean batch");
                                settle(q);
                            }
                            hit = !Verdict.APPROVED.equals(judge(q, cleanDataset, cleanDataset + "-again", clean)
                                    .verdict());
                        }
                        case BOILING_FROG -> {
                            // disjoint batches, so that no step repeats an approved row and trips the replay check
                            int steps = Math.max(1, Math.min(FROG_STEPS.length, pool.size() / rows));
                            List<ArffTable.Row> shuffledPool = new ArrayList<>(pool);
                            java.util.Collections.shuffle(shuffledPool, r);
                            hit = false;
                            for (int step = 0; step < steps && !hit; step++) {
                                List<ArffTable.Row> batch = rows * steps <= pool.size()
                                        ? new ArrayList<>(shuffledPool.subList(step * rows, (step + 1) * rows))
                                        : draw(table, pool, poolMoments, rows, r);
                                flip(batch, FROG_STEPS[FROG_STEPS.length - steps + step], labels, r);
                                hit = !Verdict.APPROVED.equals(judge(q, dataset, dataset + "-" + step, batch)
                                        .verdict());
                            }
                        }
                        default -> {
                            List<ArffTable.Row> batch = draw(table, pool, poolMoments, rows, r);
                            String trigger = attack(c, table, batch, reference, refMoments, labels, r);
                            BatchVerdict verdict = judge(q, dataset, dataset, batch);
                            hit = !Verdict.APPROVED.equals(verdict.verdict());
                            if (trigger != null) {
                                backdoors.add(new Trial(c, t, trigger, hit, labelEvidence(verdict)));
                            }
                        }
                    }
                    attempted.merge(c, 1, Integer::sum);
                    caught.merge(c, hit ? 1 : 0, Integer::sum);
                }
            }
        }
        return new Cell(
                table.name(),
                rows,
                pool.size(),
                trials,
                caught,
                attempted,
                holdsBy,
                votes,
                bound,
                sampleBound,
                detector,
                backdoors,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** A table shuffled and cut into the rows of a pinned reference and a pool that batches are drawn from. */
    record Split(List<ArffTable.Row> reference, List<ArffTable.Row> pool) {
        /**
         * Half each, unless a little more pool (at most 60% of the table) lets a batch of {@code rows} be drawn
         * without replacement.
         */
        static Split of(ArffTable table, int rows, Random random) {
            List<ArffTable.Row> shuffled = new ArrayList<>(table.rows());
            java.util.Collections.shuffle(shuffled, random);
            int poolSize = Math.max(shuffled.size() / 2, Math.min(rows, shuffled.size() * 6 / 10));
            return new Split(
                    shuffled.subList(0, shuffled.size() - poolSize),
                    shuffled.subList(shuffled.size() - poolSize, shuffled.size()));
        }

        /** {mean, sd} of each numeric feature over the pool (the noise scale of a smoothed bootstrap). */
        Map<String, double[]> poolMoments(ArffTable table) {
            return moments(table, pool);
        }
    }

    /** The reference that these rows make, as {@code lazaret reference import} builds it. */
    static ReferenceBundle reference(List<ArffTable.Row> rows) {
        return ReferenceBuilder.build(
                "evaluation",
                "evaluation",
                consumer -> rows.forEach(r -> consumer.accept(new ReferenceBuilder.Row(r.features(), r.label()))));
    }

    /** The poisoning part of {@link #reference}. */
    static PoisoningReference poisoningReference(List<ArffTable.Row> rows) {
        return reference(rows).poisoning();
    }

    /**
     * One batch judged by every check the topology runs against its reference (quality, shift and poisoning: {@link
     * BatchJudge#againstReference}, default policy), its rows fed as the evaluation pass feeds them; no provenance,
     * integrity or replay history.
     */
    static List<CheckResult> againstReference(ReferenceBundle reference, List<ArffTable.Row> batch) {
        BatchEvaluation evaluation = BatchEvaluation.start(reference, null);
        ReferenceView view = new ReferenceView(reference);
        for (int seq = 0; seq < batch.size(); seq++) {
            ArffTable.Row row = batch.get(seq);
            // no check against the reference reads the content hash, so the canonical bytes may be empty
            evaluation.accept(
                    "record-" + seq,
                    new byte[0],
                    seq,
                    "evaluation",
                    "evaluation",
                    batch.size(),
                    new ReferenceBuilder.Row(row.features(), row.label()),
                    view);
        }
        evaluation.finish(batch.size());
        return BatchJudge.againstReference(evaluation, reference, DatasetPolicy.defaults());
    }

    /** One batch judged by the poisoning checks of {@code detectors} alone: no topology, no replay history. */
    static List<PoisoningSignal> judge(PoisoningReference reference, List<ArffTable.Row> batch) {
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(reference, null, PoisoningConfig.defaults());
        batch.forEach(
                row -> acc.update(ReferenceBuilder.labeled(new ReferenceBuilder.Row(row.features(), row.label()))));
        return PoisoningChecks.evaluate(reference, acc);
    }

    private static DetectorRates detectorTrials(
            PoisoningReference reference,
            ArffTable table,
            List<ArffTable.Row> pool,
            Map<String, double[]> poolMoments,
            List<String> labels,
            int rows,
            int trials,
            long seed) {
        Map<Case, Integer> consistency = new EnumMap<>(Case.class);
        Map<Case, Integer> any = new EnumMap<>(Case.class);
        Map<String, Integer> cleanBy = new TreeMap<>();
        for (int t = 0; t < trials; t++) {
            for (Case c : DETECTOR_CASES) {
                // seeds apart from the topology trials' (t < trials there)
                Random r = new Random(seed * 1_000_003L + (1_000_000L + t) * 31L + c.ordinal());
                List<ArffTable.Row> batch = draw(table, pool, poolMoments, rows, r);
                if (c != Case.CLEAN) {
                    flip(batch, c == Case.FLIP_5 ? 0.05 : 0.10, labels, r);
                }
                List<PoisoningSignal> signals = judge(reference, batch);
                boolean lc =
                        signals.stream().anyMatch(x -> x.flagged() && x.check().equals("label-consistency"));
                consistency.merge(c, lc ? 1 : 0, Integer::sum);
                any.merge(c, signals.stream().anyMatch(PoisoningSignal::flagged) ? 1 : 0, Integer::sum);
                if (c == Case.CLEAN) {
                    signals.stream()
                            .filter(PoisoningSignal::flagged)
                            .forEach(x -> cleanBy.merge(x.check(), 1, Integer::sum));
                }
            }
        }
        return new DetectorRates(trials, consistency, any, cleanBy);
    }

    /** Status and evidence of the checks that read the labels against the reference's neighbours. */
    private static String labelEvidence(BatchVerdict verdict) {
        return verdict.checks().stream()
                .filter(x -> x.check().label().equals("label-consistency")
                        || x.check().label().equals("backdoor-trigger"))
                .map(x -> x.check().label() + " " + x.status() + ": " + x.evidence())
                .collect(java.util.stream.Collectors.joining(" | "));
    }

    /** Applies the attack; returns the trigger a backdoor drew, else {@code null}. */
    private static String attack(
            Case c,
            ArffTable table,
            List<ArffTable.Row> batch,
            List<ArffTable.Row> reference,
            Map<String, double[]> refMoments,
            List<String> labels,
            Random r) {
        switch (c) {
            case FLIP_5 -> flip(batch, 0.05, labels, r);
            case FLIP_10 -> flip(batch, 0.10, labels, r);
            case BACKDOOR_2 -> {
                return backdoor(table, batch, reference, 0.02, labels, r);
            }
            case BACKDOOR_5 -> {
                return backdoor(table, batch, reference, 0.05, labels, r);
            }
            case DUPLICATE_10 -> copies(batch, 0.10, Map.of(), r);
            case NEAR_DUPLICATE_10 -> copies(batch, 0.10, refMoments, r);
            default -> throw new IllegalArgumentException(c.name());
        }
        return null;
    }

    /** Relabels a share of rows, each to another class at random. */
    static void flip(List<ArffTable.Row> batch, double share, List<String> labels, Random r) {
        for (int i : pick(batch.size(), share, r)) {
            ArffTable.Row row = batch.get(i);
            List<String> others =
                    labels.stream().filter(l -> !l.equals(row.label())).toList();
            batch.set(i, new ArffTable.Row(row.features(), others.get(r.nextInt(others.size()))));
        }
    }

    /**
     * A dirty-label backdoor whose trigger is in range: one feature set to a value a reference row has, every such row
     * given one label.
     *
     * @return what it drew: the feature and value, how many reference rows have the value, the label, and how many of
     *     the picked rows had another label before
     */
    private static String backdoor(
            ArffTable table,
            List<ArffTable.Row> batch,
            List<ArffTable.Row> reference,
            double share,
            List<String> labels,
            Random r) {
        String feature;
        Object trigger;
        do {
            feature = table.features().get(r.nextInt(table.features().size()));
            trigger = reference.get(r.nextInt(reference.size())).features().get(feature);
        } while (trigger == null);
        String target = labels.get(r.nextInt(labels.size()));
        List<Integer> picked = pick(batch.size(), share, r);
        int relabelled = 0;
        for (int i : picked) {
            Map<String, Object> f = new LinkedHashMap<>(batch.get(i).features());
            f.put(feature, trigger);
            relabelled += batch.get(i).label().equals(target) ? 0 : 1;
            batch.set(i, new ArffTable.Row(f, target));
        }
        String name = feature;
        Object value = trigger;
        long have = reference.stream()
                .filter(row -> value.equals(row.features().get(name)))
                .count();
        return String.format(
                java.util.Locale.ROOT,
                "%s = %s (%d of %d reference rows) -> '%s', %d of %d rows relabelled",
                feature,
                trigger,
                have,
                reference.size(),
                target,
                relabelled,
                picked.size());
    }

    /** Replaces a share of rows by copies of row 0, with 1% reference-sd noise on numeric values if moments given. */
    private static void copies(List<ArffTable.Row> batch, double share, Map<String, double[]> noise, Random r) {
        ArffTable.Row source = batch.get(0);
        for (int i : pick(batch.size() - 1, share, r)) {
            Map<String, Object> f = new LinkedHashMap<>(source.features());
            f.replaceAll((name, value) -> value instanceof Double d && noise.containsKey(name)
                    ? d + 0.01 * noise.get(name)[1] * r.nextGaussian()
                    : value);
            batch.set(i + 1, new ArffTable.Row(f, source.label()));
        }
    }

    private static List<Integer> pick(int size, double share, Random r) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, r);
        return idx.subList(0, (int) Math.round(share * size));
    }

    static List<ArffTable.Row> draw(
            ArffTable table, List<ArffTable.Row> pool, Map<String, double[]> m, int rows, Random r) {
        List<ArffTable.Row> out = new ArrayList<>(rows);
        if (rows <= pool.size()) {
            for (int i : pick(pool.size(), rows / (double) pool.size(), r)) {
                out.add(pool.get(i));
            }
            return out;
        }
        double h = 0.1;
        double shrink = 1 / Math.sqrt(1 + h * h);
        for (int i = 0; i < rows; i++) {
            ArffTable.Row row = pool.get(r.nextInt(pool.size()));
            Map<String, Object> f = new LinkedHashMap<>(row.features());
            f.replaceAll((name, value) -> {
                double[] mv = m.get(name);
                return value instanceof Double d && mv != null
                        ? mv[0] + (d - mv[0] + h * mv[1] * r.nextGaussian()) * shrink
                        : value;
            });
            out.add(new ArffTable.Row(f, row.label()));
        }
        return out;
    }

    /** {mean, sd} of each numeric feature over the given rows. */
    private static Map<String, double[]> moments(ArffTable table, List<ArffTable.Row> rows) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String f : table.numericFeatures()) {
            double n = 0;
            double sum = 0;
            double sq = 0;
            for (ArffTable.Row row : rows) {
                if (row.features().get(f) instanceof Double d) {
                    n++;
                    sum += d;
                    sq += d * d;
                }
            }
            double mean = sum / n;
            out.put(f, new double[] {mean, Math.sqrt(Math.max(0, sq / n - mean * mean))});
        }
        return out;
    }

    private static void importReference(QuarantineHarness q, String dataset, List<ArffTable.Row> rows) {
        ReferenceBundle bundle = ReferenceBuilder.build(
                "import:" + dataset,
                dataset,
                consumer -> rows.forEach(r -> consumer.accept(new ReferenceBuilder.Row(r.features(), r.label()))));
        q.references.pipeInput(QuarantineTopics.referenceKey(dataset), ReferenceBundleCodec.encode(bundle));
    }

    private BatchVerdict judge(QuarantineHarness q, String dataset, String batchId, List<ArffTable.Row> rows) {
        List<TrainingRecord> records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            records.add(new TrainingRecord(
                    batchId, dataset, i, rows.get(i).features(), rows.get(i).label()));
        }
        q.send(records);
        q.send(TestBatches.sign(
                new BatchManifest(
                        batchId,
                        dataset,
                        TestBatches.SOURCE,
                        records.size(),
                        ContentHash.of(records),
                        "2026-11-22T10:00:00Z",
                        TestBatches.KEY_ID,
                        ""),
                batches.key));
        List<BatchVerdict> verdicts =
                settle(q).stream().filter(v -> v.batchId().equals(batchId)).toList();
        if (verdicts.size() != 1) {
            throw new IllegalStateException("expected one verdict for " + batchId + ", got " + verdicts);
        }
        return verdicts.get(0);
    }

    /**
     * Punctuates until a verdict is out and then a few more times, enough to release a 1,000-row batch in 700-record
     * chunks before the next batch arrives (the replay trial needs the first batch in the filter).
     */
    private static List<BatchVerdict> settle(QuarantineHarness q) {
        List<BatchVerdict> out = new ArrayList<>();
        int after = -1;
        for (int i = 0; i < 60 && after != 0; i++) {
            q.driver.advanceWallClockTime(java.time.Duration.ofMillis(100));
            out.addAll(q.readVerdicts());
            after = out.isEmpty() ? -1 : after < 0 ? 3 : after - 1;
        }
        return out;
    }

    private Path keyring() {
        KeyPair key = batches.key;
        String json = "{\"keys\":{\"" + TestBatches.KEY_ID + "\":{\"public_key\":\"" + Ed25519.encode(key.getPublic())
                + "\",\"datasets\":[\"*\"],\"sources\":[\"*\"]}},\"operators\":{\"soc-2026\":{\"public_key\":\""
                + Ed25519.encode(TestBatches.OPERATORS.get("soc").getPublic())
                + "\",\"operator\":\"soc\",\"datasets\":[\"*\"]}}}";
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("keyring-eval.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
