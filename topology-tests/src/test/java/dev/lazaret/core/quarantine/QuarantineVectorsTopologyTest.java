package dev.lazaret.core.quarantine;

import static dev.lazaret.core.quarantine.QuarantineHarness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.config.QuarantineSettings;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.contract.TrainingRecord;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vector features in quarantine batches on the whole topology: a 32-dimensional embedding from a mixture of five
 * clusters (cluster 0 holds 10% of the rows) beside a scalar feature. A clean batch is approved, a batch whose cluster
 * 0 grew to 40% is held by {@code embedding-shift} while {@code feature-shift} passes, bad vectors are rejected by
 * {@code schema} naming the first bad record, elements that are not numbers are dead-lettered, and a reference
 * bootstrapped from an approved batch carries the vector feature.
 */
class QuarantineVectorsTopologyTest {
    private static final int DIMENSION = 32;
    private static final int N = 1_000;
    private static final double[][] CENTRES = centres(5, new Random(7));

    @TempDir
    Path dir;

    private final TestBatches batches = new TestBatches();
    private QuarantineHarness q;

    @AfterEach
    void tearDown() {
        if (q != null) {
            q.close();
        }
    }

    private void start(boolean withReference) {
        start(withReference, Map.of());
    }

    private void start(boolean withReference, Map<String, String> config) {
        q = new QuarantineHarness(dir.resolve("state"), batches.writeKeyring(dir), config);
        if (withReference) {
            q.importReference("import:vectors", rows("ref", 5_000, 1, 0.10));
        }
    }

    private static double[][] centres(int k, Random random) {
        double[][] c = new double[k][DIMENSION];
        for (double[] centre : c) {
            for (int i = 0; i < DIMENSION; i++) {
                centre[i] = 2 * random.nextGaussian();
            }
        }
        return c;
    }

    /** Rows with x ~ N(0, 1), emb = a cluster centre plus N(0, 1) noise, cluster 0 with share {@code first}. */
    private static List<TrainingRecord> rows(String batchId, int n, long seed, double first) {
        Random random = new Random(seed);
        List<TrainingRecord> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            int cluster = random.nextDouble() < first ? 0 : 1 + random.nextInt(CENTRES.length - 1);
            double[] v = new double[DIMENSION];
            for (int i = 0; i < DIMENSION; i++) {
                v[i] = CENTRES[cluster][i] + random.nextGaussian();
            }
            double x = random.nextGaussian();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("x", x);
            f.put("emb", new FeatureVector(v));
            out.add(new TrainingRecord(batchId, TestBatches.DATASET, r, f, x + random.nextGaussian() > 0 ? "1" : "0"));
        }
        return out;
    }

    private BatchVerdict judge(String id, List<TrainingRecord> batch) {
        return q.judge(batches.manifest(id, batch), batch);
    }

    private static TrainingRecord withEmb(TrainingRecord r, Object value) {
        return TestBatches.withFeature(r, "emb", value);
    }

    @Test
    void approvesACleanVectorBatchAndReleasesItsRecordsWithTheirVectors() {
        start(true);
        BatchVerdict v = judge("clean", rows("clean", N, 11, 0.10));

        CheckResult shift = check(v, "embedding-shift");
        assertThat(shift.status()).as(shift.evidence()).isEqualTo(CheckStatus.PASS);
        assertThat(shift.evidence()).contains("emb: not drifted").contains("32-dimensional");
        assertThat(check(v, "schema").status()).isEqualTo(CheckStatus.PASS);
        assertThat(v.verdict()).as(v.reason()).isEqualTo(Verdict.APPROVED);
        List<String> approved = q.approved.readValuesToList();
        assertThat(approved).hasSize(N);
        assertThat(approved.get(0)).contains("\"emb\":[");
    }

    @Test
    void holdsABatchWhoseEmbeddingClusterGrewWhileTheScalarFeatureStaysPut() {
        start(true);
        BatchVerdict v = judge("shifted", rows("shifted", N, 12, 0.40));

        CheckResult shift = check(v, "embedding-shift");
        assertThat(shift.status()).as(shift.evidence()).isEqualTo(CheckStatus.HOLD);
        assertThat(shift.evidence()).contains("emb: drifted");
        assertThat(shift.score()).isLessThan(0.05);
        CheckResult marginal = check(v, "feature-shift");
        assertThat(marginal.status()).as(marginal.evidence()).isEqualTo(CheckStatus.PASS);
        assertThat(v.verdict()).isEqualTo(Verdict.HELD);
    }

    @Test
    void rejectsBadVectorsNamingTheFirstBadRecord() {
        start(true);
        List<TrainingRecord> batch = new ArrayList<>(rows("bad", N, 13, 0.10));
        batch.set(3, withEmb(batch.get(3), new FeatureVector(new double[] {1, 2, 3})));
        batch.set(7, withEmb(batch.get(7), 0.5));
        batch.set(9, TestBatches.withFeature(batch.get(9), "x", new FeatureVector(new double[] {1, 2})));

        BatchVerdict v = judge("bad", batch);

        CheckResult schema = check(v, "schema");
        assertThat(schema.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(schema.evidence())
                .isEqualTo("vector feature 'emb' bad in 2 of 1000 records, first at seq 3: feature 'emb' has 3"
                        + " elements; the reference fixes its dimension at 32");
        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(q.rejected.readValuesToList()).hasSize(N);
    }

    @Test
    void deadLettersARecordWhoseVectorHoldsAStringAndRejectsItsBatchAsIncomplete() {
        start(true);
        List<TrainingRecord> batch = rows("str", 50, 14, 0.10);
        String bad = TestBatches.json(batch.get(1)).replaceFirst("\"emb\":\\[[^,]+,", "\"emb\":[\"a\",");
        q.send(batch.subList(0, 1));
        q.records.pipeInput("str", bad);
        q.send(batch.subList(2, batch.size()));
        q.send(batches.manifest("str", batch));
        q.settle();

        var dead = q.deadLetters.readRecord();
        assertThat(QuarantineHarness.header(dead, "lazaret.dlq.reason")).isEqualTo("WRONG_TYPE");
        assertThat(QuarantineHarness.header(dead, "lazaret.dlq.detail"))
                .contains("field 'features.emb[0]' must be a number");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(bad);
        q.driver.advanceWallClockTime(java.time.Duration.ofMillis(QuarantineHarness.TIMEOUT_MS + 1_000));
        q.settle();
        BatchVerdict v = q.readVerdicts().get(0);
        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(check(v, "incomplete").status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void bootstrapsAReferenceThatCarriesTheVectorFeatureAndJudgesTheNextBatchAgainstIt() {
        start(false);
        BatchVerdict first = judge("first", rows("first", N, 15, 0.10));
        assertThat(first.verdict()).as(first.reason()).isEqualTo(Verdict.APPROVED);
        DatasetProfile pinned = ProfileCodec.decodeDataset(q.profiles.readValue());
        EmbeddingReference emb = pinned.embeddings().get("emb");
        assertThat(emb.dimension()).isEqualTo(DIMENSION);
        assertThat(emb.count()).isEqualTo(N);
        assertThat(emb.seed()).isEqualTo(EmbeddingReference.DEFAULT_SEED);
        assertThat(emb.projectionCount()).isEqualTo(EmbeddingReference.DEFAULT_PROJECTIONS);
        assertThat(pinned.features()).containsOnlyKeys("x");

        BatchVerdict shifted = judge("second", rows("second", N, 16, 0.40));
        CheckResult shift = check(shifted, "embedding-shift");
        assertThat(shift.status()).as(shift.evidence()).isEqualTo(CheckStatus.HOLD);
    }

    @Test
    void rejectsABatchWithoutReferenceWhoseVectorsChangeDimension() {
        start(false);
        List<TrainingRecord> batch = new ArrayList<>(rows("mixed", 200, 17, 0.10));
        batch.set(5, withEmb(batch.get(5), new FeatureVector(new double[] {1, 2})));

        BatchVerdict v = judge("mixed", batch);

        CheckResult schema = check(v, "schema");
        assertThat(schema.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(schema.evidence())
                .contains("first at seq 5: feature 'emb' has 2 elements; the batch's first vector (seq order) fixes"
                        + " its dimension at 32");
        assertThat(v.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(q.profiles.isEmpty())
                .as("a rejected batch bootstraps nothing")
                .isTrue();
    }

    private static final Map<String, String> FIVE_PROJECTIONS_SEED_99 = Map.of(
            QuarantineSettings.EMBEDDING_PROJECTIONS_CONFIG, "5", QuarantineSettings.EMBEDDING_SEED_CONFIG, "99");

    @Test
    void aBootstrappedReferenceTakesTheConfiguredProjections() {
        start(false, FIVE_PROJECTIONS_SEED_99);
        assertThat(judge("first", rows("first", 200, 18, 0.10)).verdict()).isEqualTo(Verdict.APPROVED);

        EmbeddingReference emb =
                ProfileCodec.decodeDataset(q.profiles.readValue()).embeddings().get("emb");
        assertThat(emb.projectionCount()).isEqualTo(5);
        assertThat(emb.seed()).isEqualTo(99);
    }

    @Test
    void aPinnedReferenceKeepsItsOwnProjectionsWhenTheConfigurationChanges() {
        start(true, FIVE_PROJECTIONS_SEED_99);
        BatchVerdict v = judge("clean", rows("clean", N, 11, 0.10));

        CheckResult shift = check(v, "embedding-shift");
        assertThat(shift.evidence()).contains("of 16 random projections");
        assertThat(v.verdict()).as(v.reason()).isEqualTo(Verdict.APPROVED);
    }
}
