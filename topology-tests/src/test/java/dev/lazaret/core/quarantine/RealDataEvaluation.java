package dev.lazaret.core.quarantine;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.integrity.ContentHash;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
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

    /** Counts of one cell: trials and batches held or rejected per case, and which checks held clean batches. */
    record Cell(
            String table,
            int rows,
            int pool,
            int trials,
            Map<Case, Integer> caught,
            Map<Case, Integer> attempted,
            Map<String, Integer> cleanHoldsBy,
            double referenceOutvoted,
            Map<Case, Double> flipBound,
            List<Trial> backdoors,
            long millis) {}

    /**
     * One backdoor trial: its case, the trigger it drew ({@link #backdoor}), whether it was held, and the evidence of
     * the label-consistency and backdoor-trigger checks (so that a missed batch can be told apart from a caught one).
     */
    record Trial(Case c, int trial, String trigger, boolean caught, String evidence) {}

    /**
     * The power bound of the flip cases: the chance that a one-sided exact binomial test at level {@code alpha} of the
     * batch's outvoted rows finds the flips, if it knew the reference's own outvoted share {@code p0} exactly. A flipped
     * row that its neighbours supported is now outvoted; one they outvoted stays outvoted unless it lands on their
     * majority (one of the {@code classes - 1} other labels). No test built on the reference's neighbour votes, which
     * has to estimate {@code p0} from the reference's sample, does better on average.
     */
    static double flipPowerBound(double p0, int classes, double share, int rows, double alpha) {
        double p1 = (1 - share) * p0 + share * ((1 - p0) + p0 * (classes - 2) / (double) (classes - 1));
        org.apache.commons.statistics.distribution.BinomialDistribution h0 =
                org.apache.commons.statistics.distribution.BinomialDistribution.of(rows, p0);
        int critical = h0.inverseSurvivalProbability(alpha) + 1;
        return org.apache.commons.statistics.distribution.BinomialDistribution.of(rows, p1)
                .survivalProbability(critical - 1);
    }

    private final TestBatches batches = new TestBatches();
    private final Path dir;

    RealDataEvaluation(Path dir) {
        this.dir = dir;
    }

    Cell run(ArffTable table, int rows, int trials, long seed) {
        long start = System.nanoTime();
        Random random = new Random(seed);
        List<ArffTable.Row> shuffled = new ArrayList<>(table.rows());
        java.util.Collections.shuffle(shuffled, random);
        // half each, unless a little more pool (at most 60% of the table) lets the batch be drawn without replacement
        int poolSize = Math.max(shuffled.size() / 2, Math.min(rows, shuffled.size() * 6 / 10));
        List<ArffTable.Row> reference = shuffled.subList(0, shuffled.size() - poolSize);
        List<ArffTable.Row> pool = shuffled.subList(shuffled.size() - poolSize, shuffled.size());
        Map<String, double[]> poolMoments = moments(table, pool);
        Map<String, double[]> refMoments = moments(table, reference);
        List<String> labels = new ArrayList<>(
                new TreeSet<>(table.rows().stream().map(ArffTable.Row::label).toList()));
        Map<Case, Integer> caught = new EnumMap<>(Case.class);
        Map<Case, Integer> attempted = new EnumMap<>(Case.class);
        Map<String, Integer> holdsBy = new TreeMap<>();
        List<Trial> backdoors = new ArrayList<>();
        double outvoted = ReferenceBuilder.build(
                        "bound",
                        "bound",
                        consumer -> reference.forEach(
                                r -> consumer.accept(new ReferenceBuilder.Row(r.features(), r.label()))))
                .poisoning()
                .selfOutvotedShare()
                .orElse(Double.NaN);
        Map<Case, Double> bound = new EnumMap<>(Case.class);
        bound.put(Case.FLIP_5, flipPowerBound(outvoted, labels.size(), 0.05, rows, 1e-3));
        bound.put(Case.FLIP_10, flipPowerBound(outvoted, labels.size(), 0.10, rows, 1e-3));
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
                outvoted,
                bound,
                backdoors,
                (System.nanoTime() - start) / 1_000_000);
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

    private static List<ArffTable.Row> draw(
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
