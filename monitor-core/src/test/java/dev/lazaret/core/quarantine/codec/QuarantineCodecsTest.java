package dev.lazaret.core.quarantine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.quarantine.batch.BatchState;
import dev.lazaret.core.quarantine.checks.BatchEvaluation;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.DecidedBy;
import dev.lazaret.core.quarantine.checks.ReferenceView;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import dev.lazaret.detectors.poisoning.RecordBloomFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Round trips of every quarantine codec, and garbage refused with an IllegalArgumentException. */
class QuarantineCodecsTest {
    private static final BatchManifest MANIFEST =
            new BatchManifest("b-1", "fraud", "bank-a", 3, "ab".repeat(32), "2026-11-22T10:00:00Z", "k1", "c2ln");

    private static List<ReferenceBuilder.Row> rows(int n, long seed) {
        Random random = new Random(seed);
        List<ReferenceBuilder.Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("x", random.nextGaussian());
            features.put("cat", i % 3 == 0 ? "a" : "b");
            features.put("maybe", i % 5 == 0 ? null : 1.0 + i);
            rows.add(new ReferenceBuilder.Row(features, i % 2 == 0 ? "0" : "1"));
        }
        return rows;
    }

    private static ReferenceBundle reference() {
        List<ReferenceBuilder.Row> rows = rows(200, 1);
        return ReferenceBuilder.build("import:abc", "fraud", rows::forEach);
    }

    private static BatchEvaluation evaluation(ReferenceBundle reference, RecordBloomFilter filter) {
        BatchEvaluation e = BatchEvaluation.start(reference, filter);
        ReferenceView view = new ReferenceView(reference);
        List<ReferenceBuilder.Row> rows = rows(30, 2);
        for (int seq = 0; seq < rows.size(); seq++) {
            e.accept(
                    "b-1\u0000" + seq,
                    ("record " + seq).getBytes(StandardCharsets.UTF_8),
                    seq == 10 ? 12 : seq,
                    "fraud",
                    "fraud",
                    30,
                    rows.get(seq),
                    view);
        }
        return e;
    }

    private static BatchVerdict verdict() {
        return new BatchVerdict(
                "b-1",
                "fraud",
                "bank-a",
                "k1",
                Verdict.HELD,
                "feature-shift hold: y drifted",
                3,
                3,
                3,
                0,
                "ab".repeat(32),
                "ab".repeat(32),
                List.of(CheckResult.of(CheckName.FEATURE_SHIFT, CheckStatus.HOLD, 1, 1, "y drifted")),
                DecidedBy.POLICY,
                null,
                "import:abc",
                10,
                20,
                25,
                30);
    }

    @Test
    void shouldRoundTripABatchStateInEveryShape() {
        BatchState fresh = BatchState.start("b-1", "fraud", 5);
        BatchState collecting = fresh.withRecord(false, 6).withRecord(true, 7).withManifest(MANIFEST, 8);
        BatchState held = collecting.decided(verdict(), BatchState.Status.HELD);
        BatchState releasing = held.decided(
                        verdict().decidedByOperator(Verdict.APPROVED, "alice", "fine", 40), BatchState.Status.RELEASING)
                .withReleased(2)
                .withConflictingManifest();
        for (BatchState state : List.of(fresh, collecting, held, releasing)) {
            assertThat(BatchStateCodec.decode(BatchStateCodec.encode(state))).isEqualTo(state);
        }
        assertThat(collecting.lastRecordMs()).isEqualTo(7);
    }

    @Test
    void shouldReadABatchStateOfVersionOneWithoutItsLastRecordTime() {
        BatchState state =
                BatchState.start("b-1", "fraud", 5).withRecord(false, 6).withManifest(MANIFEST, 8);
        byte[] v2 = BatchStateCodec.encode(state);
        // version 1 is version 2 without lastRecordMs, the fourth long after version, batch id, dataset and status
        int lastRecordAt = 1 + (4 + 3) + (4 + 5) + 1 + 3 * 8;
        byte[] v1 = new byte[v2.length - 8];
        System.arraycopy(v2, 0, v1, 0, lastRecordAt);
        System.arraycopy(v2, lastRecordAt + 8, v1, lastRecordAt, v2.length - lastRecordAt - 8);
        v1[0] = BatchStateCodec.VERSION_WITHOUT_LAST_RECORD;

        BatchState read = BatchStateCodec.decode(v1);

        assertThat(read.lastRecordMs()).isZero();
        assertThat(read.firstRecordMs()).isEqualTo(6);
        assertThat(read.manifestMs()).isEqualTo(8);
        assertThat(read.received()).isEqualTo(1);
        assertThat(read.manifest()).isEqualTo(MANIFEST);
        assertThat(BatchStateCodec.encode(read)[0]).isEqualTo(BatchStateCodec.VERSION);
    }

    @Test
    void shouldRoundTripAReferenceBundle() {
        ReferenceBundle original = reference();
        ReferenceBundle decoded = ReferenceBundleCodec.decode(ReferenceBundleCodec.encode(original));
        assertThat(decoded.referenceId()).isEqualTo("import:abc");
        assertThat(decoded.dataset()).isEqualTo("fraud");
        assertThat(decoded.profile().features()).containsOnlyKeys("x", "cat", "maybe");
        assertThat(decoded.profile().features().get("maybe").totalCount()).isEqualTo(200);
        assertThat(decoded.poisoning().bins()).isEqualTo(original.poisoning().bins());
    }

    @Test
    void shouldRoundTripAnEvaluationWithAndWithoutItsPoisoningAccumulator() {
        ReferenceBundle reference = reference();
        RecordBloomFilter filter = RecordBloomFilter.withCapacity(1000, 0.001);
        BatchEvaluation original = evaluation(reference, filter);
        byte[] bytes = BatchEvaluationCodec.encode(original);

        BatchEvaluation decoded = BatchEvaluationCodec.decode(bytes, reference, filter);
        assertThat(decoded.cursor()).isEqualTo("b-1\u000029");
        assertThat(decoded.rows()).isEqualTo(30);
        assertThat(decoded.missingSeqs()).isEqualTo(original.missingSeqs()).isEqualTo(2);
        assertThat(decoded.poisoning()).isNotNull();
        assertThat(decoded.outOfRange()).isEqualTo(original.outOfRange());
        assertThat(decoded.numericValues()).isEqualTo(original.numericValues()).isPositive();
        assertThat(decoded.profile().features().get("x").totalCount()).isEqualTo(30);
        assertThat(decoded.contentHash()).isEqualTo(original.contentHash());

        assertThat(BatchEvaluationCodec.referenceId(bytes)).isEqualTo("import:abc");
        BatchEvaluation light = BatchEvaluationCodec.decodeWithoutPoisoning(bytes);
        assertThat(light.poisoning()).isNull();
        assertThat(light.profile().features()).containsOnlyKeys("x", "cat", "maybe");
        assertThat(BatchEvaluationCodec.referenceId(BatchEvaluationCodec.encode(BatchEvaluation.start(null, filter))))
                .isNull();
    }

    private static ReferenceBuilder.Row withVector(ReferenceBuilder.Row row, double[] v) {
        Map<String, Object> features = new LinkedHashMap<>(row.features());
        features.put("emb", new dev.lazaret.core.contract.FeatureVector(v));
        return new ReferenceBuilder.Row(features, row.label());
    }

    /** A batch without reference: emb's dimension comes from seq 0 (4), seq 5 has 2 elements. */
    private static BatchEvaluation vectorEvaluation(ProjectionSettings projections, int from, int to) {
        BatchEvaluation e = BatchEvaluation.start(null, null, projections);
        accept(e, from, to);
        return e;
    }

    private static void accept(BatchEvaluation e, int from, int to) {
        List<ReferenceBuilder.Row> rows = rows(to, 3);
        for (int seq = from; seq < to; seq++) {
            double[] v = seq == 5 ? new double[] {1, 2} : new double[] {seq, -seq, 0.5, 1};
            e.accept(
                    "b-1\u0000" + seq,
                    ("record " + seq).getBytes(StandardCharsets.UTF_8),
                    seq,
                    "fraud",
                    "fraud",
                    to,
                    withVector(rows.get(seq), v),
                    null);
        }
    }

    @Test
    void shouldRoundTripAnEvaluationWithVectorsAndResumeIt() {
        ProjectionSettings projections = new ProjectionSettings(5, 3);
        BatchEvaluation original = vectorEvaluation(projections, 0, 10);
        byte[] bytes = BatchEvaluationCodec.encode(original);

        BatchEvaluation decoded = BatchEvaluationCodec.decode(bytes, null, null);
        assertThat(decoded.badVectors()).containsExactly(Map.entry("emb", 1L));
        assertThat(decoded.firstBadVector())
                .containsExactly(Map.entry(
                        "emb",
                        "seq 5: feature 'emb' has 2 elements; the batch's first vector (seq order) fixes its"
                                + " dimension at 4"));
        assertThat(decoded.profile().features()).containsOnlyKeys("x", "cat", "maybe");
        var part = decoded.profile().embeddings().get("emb");
        assertThat(part.dimension()).isEqualTo(4);
        assertThat(part.seed()).isEqualTo(5);
        assertThat(part.projectionCount()).isEqualTo(3);
        assertThat(part.count()).isEqualTo(9);

        accept(decoded, 10, 20);
        BatchEvaluation whole = vectorEvaluation(projections, 0, 20);
        assertThat(decoded.profile().embeddings().get("emb").count()).isEqualTo(19);
        assertThat(ProfileCodec.encode(decoded.profile()))
                .as("resumed after a chunk = read in one pass")
                .isEqualTo(ProfileCodec.encode(whole.profile()));
        refusesEveryTruncation(bytes, b -> BatchEvaluationCodec.decode(b, null, null));
    }

    @Test
    void shouldReadAVersion2EvaluationWithDefaultProjectionsAndNoBadVectors() {
        byte[] v3 = BatchEvaluationCodec.encode(BatchEvaluation.start(null, null));
        // version 2 is version 3 without its last three fields: 8 + 4 bytes and two empty maps of 4 bytes each
        byte[] v2 = java.util.Arrays.copyOf(v3, v3.length - 20);
        v2[0] = 2;
        BatchEvaluation e = BatchEvaluationCodec.decode(v2, null, null);
        assertThat(e.badVectors()).isEmpty();
        assertThat(e.snapshot().projections()).isEqualTo(ProjectionSettings.DEFAULTS);
    }

    @Test
    void shouldRefuseTruncatedBytesOfEveryCodecWithAnIllegalArgumentException() {
        ReferenceBundle reference = reference();
        RecordBloomFilter filter = RecordBloomFilter.withCapacity(1000, 0.001);
        refusesEveryTruncation(BatchStateCodec.encode(BatchState.start("b-1", "fraud", 5)), BatchStateCodec::decode);
        refusesEveryTruncation(
                BatchStateCodec.encode(BatchState.start("b-1", "fraud", 5)
                        .withManifest(MANIFEST, 6)
                        .decided(verdict(), BatchState.Status.HELD)),
                BatchStateCodec::decode);
        refusesEveryTruncation(ReferenceBundleCodec.encode(reference), ReferenceBundleCodec::decode);
        refusesEveryTruncation(
                BatchEvaluationCodec.encode(evaluation(reference, filter)),
                b -> BatchEvaluationCodec.decode(b, reference, filter));
    }

    @Test
    void shouldRefuseAnUnknownVersionAndTrailingBytes() {
        List<byte[]> valid = List.of(
                BatchStateCodec.encode(BatchState.start("b-1", "fraud", 5)),
                ReferenceBundleCodec.encode(reference()),
                BatchEvaluationCodec.encode(BatchEvaluation.start(null, null)));
        List<Function<byte[], Object>> decoders = List.of(
                BatchStateCodec::decode, ReferenceBundleCodec::decode, BatchEvaluationCodec::decodeWithoutPoisoning);
        for (int i = 0; i < valid.size(); i++) {
            Function<byte[], Object> decoder = decoders.get(i);
            byte[] wrongVersion = valid.get(i).clone();
            wrongVersion[0] = 99;
            assertThatThrownBy(() -> decoder.apply(wrongVersion))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown format version 99");
            byte[] trailing = Arrays.copyOf(valid.get(i), valid.get(i).length + 1);
            assertThatThrownBy(() -> decoder.apply(trailing))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("trailing");
            assertThatThrownBy(() -> decoder.apply(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRefuseALengthThatClaimsMoreBytesThanThereAre() {
        byte[] bytes = BatchStateCodec.encode(BatchState.start("b-1", "fraud", 5));
        bytes[1] = 0x7f; // the batch id's length, now about 2 GB
        assertThatThrownBy(() -> BatchStateCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch state: truncated");
    }

    /** Every prefix up to 256 bytes, then a spread of longer ones: each must fail cleanly. */
    private static void refusesEveryTruncation(byte[] valid, Function<byte[], Object> decoder) {
        int step = Math.max(1, valid.length / 400);
        for (int n = 0; n < valid.length; n += n < 256 ? 1 : step) {
            byte[] truncated = Arrays.copyOf(valid, n);
            assertThatThrownBy(() -> decoder.apply(truncated))
                    .as("%d of %d bytes", n, valid.length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
