package dev.lazaret.core.quarantine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchJudge;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.codec.ReferenceBundleCodec;
import dev.lazaret.core.quarantine.integrity.ContentHash;
import dev.lazaret.core.quarantine.integrity.Ed25519;
import dev.lazaret.core.quarantine.integrity.Keyring;
import dev.lazaret.core.quarantine.integrity.Signing;
import dev.lazaret.core.quarantine.policy.QuarantinePolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import dev.lazaret.detectors.poisoning.BatchPoisoningAccumulator;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningChecks;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The verdict of a batch evaluated as its records arrive ({@link LiveEvaluations}) is the verdict of the pass over the
 * store: the same batch fed in order (manifest first or last, with duplicate copies, records of another dataset,
 * replayed rows, bad vectors), with a restart in the middle, or shuffled gives an identical verdict: every check with
 * its score and evidence, the content hash, the counts. Records carry a vector feature, and the reference has a
 * labelled sample, so embedding-shift and label-consistency run.
 */
class LiveEvaluationEquivalenceTest {
    private static final String DATASET = "fraud";
    private static final String KEY_ID = "bank-a-2026";
    private static final long NOW = 1_000_000;
    private static final int DIMENSION = 3;
    private static final KeyPair KEY = Ed25519.generate();
    private static final Keyring KEYRING =
            new Keyring(Map.of(KEY_ID, new Keyring.Entry(KEY_ID, KEY.getPublic(), Set.of(DATASET), Set.of("bank-a"))));
    private static final byte[] REFERENCE = ReferenceBundleCodec.encode(reference());
    /** No live evaluation at all: the pass over the store decides. */
    private static final int PASS_ONLY = -2;
    /** Never restarted. */
    private static final int NO_RESTART = -1;

    @Property(tries = 60)
    void shouldGiveThePassesVerdictWhateverTheArrival(
            @ForAll @IntRange(min = 1, max = 60) int n,
            @ForAll @IntRange(min = 0, max = 5) int duplicates,
            @ForAll @IntRange(min = 0, max = 3) int otherDataset,
            @ForAll @IntRange(min = 0, max = 10) int replayed,
            @ForAll @IntRange(min = 0, max = 3) int badVectors,
            @ForAll boolean manifestFirst,
            @ForAll boolean withReference,
            @ForAll @IntRange(min = 0, max = 2) int evaluationThreads,
            @ForAll @IntRange(min = 1, max = 8) int blockRecords,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<TrainingRecord> batch = records(random, n, otherDataset, badVectors);
        List<BatchInput> inOrder = new ArrayList<>();
        for (TrainingRecord r : batch) {
            inOrder.add(BatchInput.RecordIn.of(r));
            if (inOrder.size() <= duplicates * 2 && inOrder.size() % 2 == 1) {
                inOrder.add(BatchInput.RecordIn.of(r));
            }
        }
        BatchInput manifest = new BatchInput.ManifestIn(manifest(batch));
        // shuffled records with the manifest last: every copy counts before the batch completes, as in order
        List<BatchInput> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, random);
        shuffled.add(manifest);
        inOrder.add(manifestFirst ? 0 : inOrder.size(), manifest);
        int restartAt = random.nextInt(inOrder.size());
        byte[] filter = filter(batch.subList(0, Math.min(replayed, n)));

        Supplier<EvaluationLanes> lanes = () -> new EvaluationLanes(evaluationThreads, blockRecords);
        Outcome pass = verdict(inOrder, PASS_ONLY, withReference, filter, 7, lanes.get());
        Outcome live = verdict(inOrder, NO_RESTART, withReference, filter, 7, lanes.get());
        Outcome restarted = verdict(inOrder, restartAt, withReference, filter, 7, lanes.get());
        Outcome shuffledPass = verdict(shuffled, PASS_ONLY, withReference, filter, 7, lanes.get());
        Outcome outOfOrder = verdict(shuffled, NO_RESTART, withReference, filter, 7, lanes.get());

        assertThat(pass.passTicks()).isPositive();
        if (manifestFirst || otherDataset == 0) {
            // the batch's dataset was known from the first record: it was judged live, with no pass
            assertThat(live.passTicks()).isZero();
        }
        assertThat(live.verdict()).isEqualTo(pass.verdict());
        assertThat(restarted.verdict()).isEqualTo(pass.verdict());
        assertThat(outOfOrder.verdict()).isEqualTo(shuffledPass.verdict());
        if (!manifestFirst) {
            assertThat(outOfOrder.verdict()).isEqualTo(pass.verdict());
        }
        assertThat(pass.verdict().contentSha256Computed())
                .isEqualTo(pass.verdict().contentSha256Claimed());
        if (withReference) {
            assertThat(check(pass.verdict(), CheckName.EMBEDDING_SHIFT).evidence())
                    .as("the vectors were compared")
                    .doesNotContain("has no vector features");
            assertThat(check(pass.verdict(), CheckName.LABEL_CONSISTENCY).evidence())
                    .as("the labels were voted on")
                    .doesNotContain("no labelled reference sample");
        }
    }

    /**
     * A batch of more distinct rows than the label-consistency sample keeps ({@code VoteSample.MAX_CONTENTS}, 10,000):
     * the live evaluation samples the same rows as the pass, and every check whose state is exact or deterministic
     * agrees to the last bit. The checks read from KLL quantile sketches are left out here (the property above covers
     * them below the sketches' compaction size): past 200 values a KLL sketch compacts at offsets DataSketches draws
     * from one unseeded static {@code Random}, so two passes over the same store differ in them just as much.
     */
    @Example
    void shouldGiveThePassesVerdictWhenTheLabelVotesAreASample() {
        List<TrainingRecord> batch = records(new Random(11), 10_050, 0, 0);
        List<BatchInput> inOrder = new ArrayList<>();
        batch.forEach(r -> inOrder.add(BatchInput.RecordIn.of(r)));
        inOrder.add(new BatchInput.ManifestIn(manifest(batch)));
        byte[] filter = filter(batch.subList(0, 500));

        BatchVerdict pass = verdict(inOrder, PASS_ONLY, true, filter, 2_500).verdict();
        Outcome live = verdict(inOrder, NO_RESTART, true, filter, 2_500);

        assertThat(live.passTicks()).isZero();
        assertThat(check(pass, CheckName.LABEL_CONSISTENCY).evidence()).contains("a sample of the batch");
        assertThat(check(pass, CheckName.RECORD_REPLAY).evidence()).startsWith("500 of 10050 rows");
        assertThat(exactChecks(live.verdict())).isEqualTo(exactChecks(pass));
        assertThat(live.verdict().contentSha256Computed()).isEqualTo(pass.contentSha256Computed());
        assertThat(live.verdict().distinctSeqs()).isEqualTo(pass.distinctSeqs());
    }

    /**
     * An approved batch adds the same to its dataset whichever way it was judged: live (hashes to the filter and the
     * candidate derived, at judgement), after a restart, or by the pass (candidate derived at judgement, filter fed
     * as the release reads the records back); and that is what the release used to build row by row: the filter
     * with every record's content, the candidate's poisoning part with every row over the reference's bins.
     */
    @Property(tries = 40)
    void shouldAddTheSameFilterAndCandidateWhetherJudgedLiveOrByThePass(
            @ForAll @IntRange(min = 1, max = 60) int n,
            @ForAll @IntRange(min = 0, max = 2) int replayed,
            @ForAll boolean manifestFirst,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<TrainingRecord> batch = complete(records(random, n, 0, 0));
        List<BatchInput> inOrder = new ArrayList<>();
        batch.forEach(r -> inOrder.add(BatchInput.RecordIn.of(r)));
        inOrder.add(manifestFirst ? 0 : inOrder.size(), new BatchInput.ManifestIn(manifest(batch)));
        List<BatchInput> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, random);
        byte[] filter = filter(batch.subList(0, Math.min(replayed, n)));

        MapStores live = released(inOrder, NO_RESTART, filter);
        MapStores pass = released(inOrder, PASS_ONLY, filter);
        MapStores restarted = released(inOrder, random.nextInt(inOrder.size()), filter);
        MapStores outOfOrder = released(shuffled, NO_RESTART, filter);

        Verdict verdict = live.decided.get("b-1");
        Statistics.label("verdict").collect(verdict == null ? "HELD" : verdict.name());
        Statistics.label("verdict").coverage(c -> c.check("APPROVED").percentage(p -> p > 30));
        for (MapStores other : List.of(pass, restarted, outOfOrder)) {
            assertThat(other.decided.get("b-1")).isEqualTo(verdict);
            assertThat(other.filters.get(DATASET)).isEqualTo(live.filters.get(DATASET));
            assertThat(other.candidates.keySet()).isEqualTo(live.candidates.keySet());
            if (verdict == Verdict.APPROVED) {
                assertThat(judges(poisoning(other))).isEqualTo(judges(poisoning(live)));
            }
        }
        if (verdict == Verdict.APPROVED) {
            ReferenceBundle reference = ReferenceBundleCodec.decode(REFERENCE);
            RecordBloomFilter expectedFilter = RecordBloomFilter.decode(filter);
            PoisoningReference expectedCandidate =
                    PoisoningReference.create(reference.poisoning().bins(), PoisoningConfig.defaults());
            for (TrainingRecord r : batch) {
                LabeledRow row = ReferenceBuilder.labeled(new ReferenceBuilder.Row(r.features(), r.label()));
                expectedFilter.add(row);
                expectedCandidate.update(row);
            }
            assertThat(live.filters.get(DATASET)).isEqualTo(expectedFilter.encode());
            assertThat(judges(poisoning(live))).isEqualTo(judges(expectedCandidate));
        } else {
            assertThat(live.filters.get(DATASET)).isEqualTo(filter);
            assertThat(live.candidates).isEmpty();
        }
    }

    /**
     * A batch judged with a reference, live or by the pass, is released as a byte copy: the judgement's transaction
     * writes the filter and the candidate (the pass keeps each chunk's content hashes beside its state until then),
     * and each release chunk only copies records out (and deletes them), ending with the record that reaches the
     * chunk's bytes.
     */
    @Property(tries = 2)
    void shouldReleaseAnApprovedBatchAsAByteCopyInChunksOfBytes(@ForAll boolean live) {
        List<TrainingRecord> batch = complete(records(new Random(5), 30, 0, 0));
        MapStores stores = stores(true, null);
        int recordBytes = BatchInput.RecordIn.of(batch.get(0)).canonical().length;
        long chunkBytes = 3L * recordBytes - 1; // three records of about this size reach it
        BatchLifecycle lifecycle = lifecycle(!live, chunkBytes);
        stores.apply(lifecycle.on(new BatchInput.ManifestIn(manifest(batch)), null, stores, NOW));
        List<BatchCommand> judgement = List.of();
        for (TrainingRecord r : batch) {
            judgement = lifecycle.on(BatchInput.RecordIn.of(r), stores.state("b-1"), stores, NOW);
            stores.apply(judgement);
        }
        int passChunks = 0;
        while (stores.state("b-1").status() == BatchState.Status.EVALUATING) {
            assertThat(stores.work.keySet().stream().filter(k -> k.contains("\u0000hashes\u0000")))
                    .as("one entry of content hashes per chunk of the pass so far")
                    .hasSize(passChunks);
            judgement = lifecycle.tick(stores.state("b-1"), 7, stores, NOW).commands();
            stores.apply(judgement);
            passChunks++;
        }
        assertThat(passChunks).isEqualTo(live ? 0 : 5);
        assertThat(stores.work.keySet()).noneMatch(k -> k.contains("\u0000hashes\u0000"));
        BatchVerdict verdict = stores.onlyVerdict();
        assertThat(verdict.verdict()).as(verdict.reason()).isEqualTo(Verdict.APPROVED);
        assertThat(judgement).anyMatch(c -> c instanceof BatchCommand.PutFilter);
        assertThat(judgement)
                .anyMatch(c -> c instanceof BatchCommand.PutWork w && w.key().endsWith("candidate"));

        List<Integer> chunks = new ArrayList<>();
        while (stores.state("b-1") != null) {
            BatchLifecycle.Step step = lifecycle.tick(stores.state("b-1"), 1, stores, NOW);
            assertThat(step.commands())
                    .as("no filter, candidate or record parse work in a release chunk")
                    .noneMatch(c -> c instanceof BatchCommand.PutFilter || c instanceof BatchCommand.PutWork);
            List<Integer> sizes = step.commands().stream()
                    .filter(c -> c instanceof BatchCommand.ReleaseRecord)
                    .map(c -> ((BatchCommand.ReleaseRecord) c).canonical().length)
                    .toList();
            long bytes = sizes.stream().mapToLong(Integer::longValue).sum();
            if (stores.records.size() > step.used()) {
                assertThat(bytes)
                        .as("a chunk that is not the last reaches its bytes")
                        .isGreaterThanOrEqualTo(chunkBytes);
                assertThat(bytes - sizes.get(sizes.size() - 1))
                        .as("and ends with the record that does")
                        .isLessThan(chunkBytes);
            }
            chunks.add(step.used());
            stores.apply(step.commands());
        }
        assertThat(chunks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
        assertThat(chunks.size())
                .as("more than the 1-record budget per tick: bytes bound a copy")
                .isLessThan(30);
        assertThat(stores.candidates).containsKey("b-1");
        assertThat(stores.work).isEmpty();
        assertThat(stores.decided).containsEntry("b-1", Verdict.APPROVED);
    }

    /** The records with feature {@code z}, which {@link #row} leaves out of one in eight: schema-complete, approvable. */
    private static List<TrainingRecord> complete(List<TrainingRecord> records) {
        List<TrainingRecord> out = new ArrayList<>();
        for (TrainingRecord r : records) {
            Map<String, Object> features = new LinkedHashMap<>(r.features());
            features.putIfAbsent("z", 1.0);
            out.add(new TrainingRecord(r.batchId(), r.dataset(), r.seq(), features, r.label()));
        }
        return out;
    }

    private static PoisoningReference poisoning(MapStores stores) {
        return ReferenceBundleCodec.decode(stores.candidates.get("b-1")).poisoning();
    }

    /**
     * What a candidate is as a reference: its rows, bins and label counts, and every poisoning signal it gives a fixed
     * probe batch. Compared rather than its bytes: a frequent-items sketch that was encoded and decoded between chunks
     * (the pass) holds the same counts in another slot order.
     */
    private static List<Object> judges(PoisoningReference candidate) {
        BatchPoisoningAccumulator probe = BatchPoisoningAccumulator.create(candidate, null, PoisoningConfig.defaults());
        for (TrainingRecord r : records(new Random(99), 200, 0, 0)) {
            probe.update(ReferenceBuilder.labeled(new ReferenceBuilder.Row(r.features(), r.label())));
        }
        return List.of(
                candidate.rows(),
                candidate.bins(),
                candidate.labelCounts(),
                PoisoningChecks.evaluate(candidate, probe));
    }

    /** {@link #verdict}, with the reference pinned, then the release to its end, 7 records or 2 KiB a tick. */
    private static MapStores released(List<BatchInput> inputs, int restartAt, byte[] filter) {
        MapStores stores = stores(true, filter);
        BatchLifecycle lifecycle = lifecycle(restartAt == PASS_ONLY, 2_048L);
        feed(lifecycle, stores, inputs, restartAt);
        stores.runUntilDecided(lifecycle, "b-1", 7, NOW);
        return stores;
    }

    private static final Set<CheckName> FROM_QUANTILE_SKETCHES =
            Set.of(CheckName.FEATURE_SHIFT, CheckName.MULTIVARIATE_SHIFT, CheckName.EMBEDDING_SHIFT);

    private static List<CheckResult> exactChecks(BatchVerdict verdict) {
        return verdict.checks().stream()
                .filter(c -> !FROM_QUANTILE_SKETCHES.contains(c.check()))
                .toList();
    }

    private static CheckResult check(BatchVerdict verdict, CheckName name) {
        return verdict.checks().stream()
                .filter(c -> c.check() == name)
                .findFirst()
                .orElseThrow();
    }

    /** A verdict and the ticks of the pass over the store it took (0 when judged live). */
    private record Outcome(BatchVerdict verdict, int passTicks) {}

    /**
     * Feeds the inputs to a fresh lifecycle, forgetting its live evaluations before input {@code restartAt} ({@link
     * #NO_RESTART}: never, {@link #PASS_ONLY}: with no live evaluation), then runs the pass over the store, {@code
     * chunk} records a tick, if the batch still needs one.
     */
    private static Outcome verdict(
            List<BatchInput> inputs, int restartAt, boolean withReference, byte[] filter, int chunk) {
        return verdict(inputs, restartAt, withReference, filter, chunk, defaultLanes());
    }

    /** {@link #verdict}, the live evaluations' records updated through {@code lanes}. */
    private static Outcome verdict(
            List<BatchInput> inputs,
            int restartAt,
            boolean withReference,
            byte[] filter,
            int chunk,
            EvaluationLanes lanes) {
        MapStores stores = stores(withReference, filter);
        try (BatchLifecycle lifecycle = lifecycle(restartAt == PASS_ONLY, ReleaseStep.DEFAULT_CHUNK_BYTES, lanes)) {
            return verdict(lifecycle, stores, inputs, restartAt, chunk);
        }
    }

    private static Outcome verdict(
            BatchLifecycle lifecycle, MapStores stores, List<BatchInput> inputs, int restartAt, int chunk) {
        feed(lifecycle, stores, inputs, restartAt);
        int ticks = 0;
        while (stores.verdicts.isEmpty()) {
            BatchState state = stores.state("b-1");
            assertThat(state.status()).isEqualTo(BatchState.Status.EVALUATING);
            stores.apply(lifecycle.tick(state, chunk, stores, NOW).commands());
            ticks++;
        }
        return new Outcome(stores.onlyVerdict(), ticks);
    }

    private static MapStores stores(boolean withReference, byte[] filter) {
        MapStores stores = new MapStores();
        if (withReference) {
            stores.pinned.put(DATASET, REFERENCE);
        }
        if (filter != null) {
            stores.filters.put(DATASET, filter);
        }
        return stores;
    }

    /** A lifecycle with this test's keyring and the default policy, evaluating live unless {@code passOnly}. */
    private static BatchLifecycle lifecycle(boolean passOnly, long releaseChunkBytes) {
        return lifecycle(passOnly, releaseChunkBytes, defaultLanes());
    }

    private static BatchLifecycle lifecycle(boolean passOnly, long releaseChunkBytes, EvaluationLanes lanes) {
        return new BatchLifecycle(
                new BatchJudge(KEYRING),
                QuarantinePolicy.defaults(),
                60_000,
                1_000,
                ProjectionSettings.DEFAULTS,
                releaseChunkBytes,
                passOnly ? 0 : LiveEvaluations.MAX_OPEN,
                lanes);
    }

    /** One evaluation thread, as by default, in blocks small enough that a batch here takes several. */
    private static EvaluationLanes defaultLanes() {
        return new EvaluationLanes(1, 3);
    }

    /** Feeds the inputs, forgetting the live evaluations before input {@code restartAt} (none: {@link #NO_RESTART}). */
    private static void feed(BatchLifecycle lifecycle, MapStores stores, List<BatchInput> inputs, int restartAt) {
        for (int i = 0; i < inputs.size(); i++) {
            if (i == restartAt) {
                lifecycle.forgetLiveEvaluations();
            }
            BatchInput input = inputs.get(i);
            stores.apply(lifecycle.on(input, stores.state(input.batchId()), stores, NOW));
        }
    }

    /** The first {@code otherDataset} records name another dataset; {@code badVectors} have a vector too long. */
    private static List<TrainingRecord> records(Random random, int n, int otherDataset, int badVectors) {
        List<TrainingRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> features = row(random);
            Object label = features.remove("label");
            if (i >= n - badVectors) {
                features.put("emb", new FeatureVector(new double[DIMENSION + 1]));
            }
            String dataset = i < otherDataset ? "other" : DATASET;
            records.add(new TrainingRecord("b-1", dataset, i, features, label));
        }
        return records;
    }

    private static Map<String, Object> row(Random random) {
        Map<String, Object> features = new LinkedHashMap<>();
        double x = random.nextGaussian();
        features.put("x", x);
        features.put("y", random.nextInt(5) == 0 ? 40.0 : random.nextGaussian() * 3);
        features.put("cat", random.nextBoolean() ? "a" : random.nextBoolean() ? "b" : "c");
        if (random.nextInt(8) != 0) {
            features.put("z", (double) random.nextInt(4));
        }
        double[] emb = new double[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            emb[d] = random.nextGaussian() + (d == 0 ? x : 0);
        }
        features.put("emb", new FeatureVector(emb));
        // mostly the sign of x, with some noise so that label-consistency has disagreements to count
        features.put("label", (x > 0) != (random.nextInt(10) == 0) ? "1" : "0");
        return features;
    }

    private static ReferenceBundle reference() {
        return ReferenceBuilder.build("import:test", DATASET, rows -> {
            Random random = new Random(1); // the same rows on each of the builder's passes
            for (int i = 0; i < 300; i++) {
                Map<String, Object> features = row(random);
                Object label = features.remove("label");
                rows.accept(new ReferenceBuilder.Row(features, label));
            }
        });
    }

    private static byte[] filter(List<TrainingRecord> approved) {
        RecordBloomFilter filter = RecordBloomFilter.withCapacity(1_000, 0.001);
        for (TrainingRecord r : approved) {
            filter.add(ReferenceBuilder.labeled(new ReferenceBuilder.Row(r.features(), r.label())));
        }
        return filter.encode();
    }

    private static BatchManifest manifest(List<TrainingRecord> records) {
        BatchManifest m = new BatchManifest(
                "b-1", DATASET, "bank-a", records.size(), ContentHash.of(records), "2026-11-22T10:00:00Z", KEY_ID, "");
        return Signing.manifest(m, KEY.getPrivate());
    }
}
