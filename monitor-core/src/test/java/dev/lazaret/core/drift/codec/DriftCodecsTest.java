package dev.lazaret.core.drift.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.multivariate.MultivariateWindow;
import dev.lazaret.detectors.multivariate.RowScore;
import dev.lazaret.detectors.performance.LabelledScores;
import dev.lazaret.detectors.performance.Metric;
import dev.lazaret.detectors.performance.MulticlassLabelled;
import dev.lazaret.detectors.performance.PredictedScores;
import dev.lazaret.detectors.performance.ScoreBins;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Every drift byte layout round-trips and refuses what it did not write with an IllegalArgumentException. */
class DriftCodecsTest {

    private record Case(String name, byte[] valid, Function<byte[], Object> decoder) {}

    private static WindowState window() {
        DatasetProfile inputs = DatasetProfile.create();
        inputs.update(Map.of("x", 1.5, "c", "a"), null);
        MultivariateWindow joint = MultivariateWindow.create();
        joint.accept(new RowScore(0.5, 12.0, true));
        joint.acceptIncomplete();
        return new WindowState(
                60_000, 3, 2, 1, 4, 2, true, false, Map.of("v1", 2L, "v2", 1L), inputs, DatasetProfile.create(), joint);
    }

    private static EstimationCodec.State estimation() {
        LabelledScores sample = LabelledScores.empty();
        sample.add(ScoreBins.of(0.9), true, true);
        sample.add(ScoreBins.of(0.2), false, true);
        sample.add(ScoreBins.of(0.2), false, false);
        return new EstimationCodec.State(List.of(sample), new TreeSet<>(List.of(60_000L, 120_000L)));
    }

    private static EstimationCodec.Window estimationWindow() {
        PredictedScores predicted = PredictedScores.empty();
        predicted.add(ScoreBins.of(0.7), true);
        predicted.add(ScoreBins.of(0.1), false);
        LabelledScores labelled = LabelledScores.empty();
        labelled.add(ScoreBins.of(0.7), true, false);
        return new EstimationCodec.Window(predicted, null, List.of(labelled), Map.of());
    }

    @Test
    void shouldRoundTripPerformanceEstimationStateAndScoresOfPendingHalves() {
        EstimationCodec.State s = EstimationCodec.decode(EstimationCodec.encode(estimation()));
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.sample().get(0).positives(ScoreBins.of(0.2))).isEqualTo(1);
        assertThat(s.sample().get(0).negatives(ScoreBins.of(0.2))).isEqualTo(1);
        assertThat(s.sample().get(0).confusion().tp()).isEqualTo(1);
        assertThat(s.sample().get(0).confusion().fn()).isEqualTo(1);
        assertThat(s.sample().get(0).confusion().tn()).isEqualTo(1);
        assertThat(s.windowStarts()).containsExactly(60_000L, 120_000L);
        EstimationCodec.Window w = EstimationCodec.decodeWindow(EstimationCodec.encodeWindow(estimationWindow()));
        assertThat(w.predicted().predictedPositive(ScoreBins.of(0.7))).isEqualTo(1);
        assertThat(w.predicted().predictedNegative(ScoreBins.of(0.1))).isEqualTo(1);
        assertThat(w.predicted().count()).isEqualTo(2);
        assertThat(w.labelled().get(0).confusion().fp()).isEqualTo(1);
        assertThat(PendingHalfCodec.decode(PendingHalfCodec.encode(new PendingHalf(5, "1", 0.25))))
                .isEqualTo(new PendingHalf(5, "1", 0.25));
        PendingHalf multiclass = new PendingHalf(7, "b", Double.NaN, List.of(0.2, 0.7, 0.1));
        assertThat(PendingHalfCodec.decode(PendingHalfCodec.encode(multiclass))).isEqualTo(multiclass);
    }

    /** A version 2 entry (before class scores) is version 3 without the trailing count: it decodes without them. */
    @Test
    void shouldDecodeAVersionTwoPendingHalf() {
        byte[] v3 = PendingHalfCodec.encode(new PendingHalf(5, "1", 0.25));
        assertThat(v3[0]).isEqualTo((byte) 3);
        assertThat(v3[v3.length - 1]).isEqualTo((byte) 0);
        byte[] v2 = Arrays.copyOf(v3, v3.length - 1);
        v2[0] = 2;
        assertThat(PendingHalfCodec.decode(v2)).isEqualTo(new PendingHalf(5, "1", 0.25));
        byte[] tooMany = v3.clone();
        tooMany[tooMany.length - 1] = 33;
        assertThatThrownBy(() -> PendingHalfCodec.decode(tooMany))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("33 class scores");
    }

    /** A window's state for one 128-dimensional vector feature: at most 64 KiB encoded, whatever the vector count. */
    @Test
    void aVectorFeaturesWindowStateStaysUnder64KibAndRoundTrips() {
        int dimension = 128;
        java.util.Random random = new java.util.Random(16);
        EmbeddingReference.Builder builder = EmbeddingReference.builder(dimension);
        for (int i = 0; i < 1_000; i++) {
            builder.add(random.doubles(dimension).toArray());
        }
        EmbeddingReference reference = builder.build();
        DatasetProfile projected = reference.newWindow();
        WindowState without = window();
        int largest = 0;
        for (int n = 1; n <= 100_000; n++) {
            reference.add(projected, random.doubles(dimension).toArray());
            if (n % 25_000 == 0) {
                WindowState with = withEmbeddings(without, Map.of("emb", projected));
                largest = Math.max(
                        largest, WindowStateCodec.encode(with).length - WindowStateCodec.encode(without).length);
            }
        }
        assertThat(largest).isLessThanOrEqualTo(64 * 1024);
        WindowState back =
                WindowStateCodec.decode(WindowStateCodec.encode(withEmbeddings(without, Map.of("emb", projected))));
        assertThat(back.embeddings()).containsOnlyKeys("emb");
        assertThat(ProfileCodec.encode(back.embeddings().get("emb"))).isEqualTo(ProfileCodec.encode(projected));
    }

    /** A window stored by the previous version (3, without vector features) still decodes. */
    @Test
    void aVersion3WindowStillDecodes() {
        byte[] current = WindowStateCodec.encode(window());
        byte[] v3 = Arrays.copyOf(current, current.length - Integer.BYTES); // version 4 adds a count, 0 here
        v3[0] = 3;
        WindowState back = WindowStateCodec.decode(v3);
        assertThat(back.embeddings()).isEmpty();
        assertThat(back.events()).isEqualTo(3);
        assertThat(back.multivariate().rows()).isEqualTo(1);
    }

    private static WindowState withEmbeddings(WindowState s, Map<String, DatasetProfile> embeddings) {
        return new WindowState(
                s.windowStartMs(),
                s.events(),
                s.numericValues(),
                s.outliers(),
                s.labelled(),
                s.errors(),
                s.performanceChange(),
                s.scoreChange(),
                s.versions(),
                s.inputs(),
                s.outputs(),
                s.multivariate(),
                embeddings);
    }

    @Test
    void shouldRoundTripAPendingRecalibration() {
        LabelledScores fresh = LabelledScores.empty();
        fresh.add(ScoreBins.of(0.6), true, false);
        EstimationCodec.State pending = new EstimationCodec.State(
                estimation().sample(),
                new TreeSet<>(List.of(60_000L)),
                new EstimationCodec.Recalibration("ana", "labels redefined ⟶ v2", 59_999L, List.of(fresh)));
        EstimationCodec.State s = EstimationCodec.decode(EstimationCodec.encode(pending));
        assertThat(s.recalibration().operator()).isEqualTo("ana");
        assertThat(s.recalibration().reason()).isEqualTo("labels redefined ⟶ v2");
        assertThat(s.recalibration().fromEventTimeMs()).isEqualTo(59_999L);
        assertThat(s.recalibration().sample().get(0).confusion().fp()).isEqualTo(1);
        assertThat(s.count()).isEqualTo(3);
        assertThat(EstimationCodec.decode(EstimationCodec.encode(estimation())).recalibration())
                .isNull();
    }

    /**
     * Version 2 (binary only) is version 3 without the class count, version 1 (before recalibration) version 2
     * without the trailing flag: state written by either still decodes, as a binary classifier's.
     */
    @Test
    void shouldDecodeVersionOneAndTwoModelCells() {
        byte[] v3 = EstimationCodec.encode(estimation());
        assertThat(v3[0]).isEqualTo((byte) 3);
        assertThat(v3[1]).isEqualTo((byte) 1);
        assertThat(v3[v3.length - 1]).isEqualTo((byte) 0);
        byte[] v2 = new byte[v3.length - 1];
        v2[0] = 2;
        System.arraycopy(v3, 2, v2, 1, v3.length - 2);
        EstimationCodec.State s2 = EstimationCodec.decode(v2);
        assertThat(s2.sample()).hasSize(1);
        assertThat(s2.count()).isEqualTo(3);
        assertThat(s2.sample().get(0).confusion().tn()).isEqualTo(1);
        assertThat(s2.windowStarts()).containsExactly(60_000L, 120_000L);
        assertThat(s2.recalibration()).isNull();
        byte[] v1 = Arrays.copyOf(v2, v2.length - 1);
        v1[0] = 1;
        EstimationCodec.State s = EstimationCodec.decode(v1);
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.windowStarts()).containsExactly(60_000L, 120_000L);
        assertThat(s.recalibration()).isNull();
        byte[] v4 = v3.clone();
        v4[0] = 4;
        assertThatThrownBy(() -> EstimationCodec.decode(v4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format version 4");
        byte[] badFlag = v3.clone();
        badFlag[badFlag.length - 1] = 7;
        assertThatThrownBy(() -> EstimationCodec.decode(badFlag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recalibration flag 7");
        byte[] badClasses = v3.clone();
        badClasses[1] = 33;
        assertThatThrownBy(() -> EstimationCodec.decode(badClasses))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("33 classes");
    }

    /** A multiclass model's sample, recalibration and window (scores, labels, estimate) round-trip. */
    @Test
    void shouldRoundTripAMulticlassModelAndWindow() {
        MulticlassLabelled sample = MulticlassLabelled.empty(3);
        sample.add(new int[] {ScoreBins.of(0.7), ScoreBins.of(0.2), ScoreBins.of(0.1)}, 0, 0);
        sample.add(new int[] {ScoreBins.of(0.3), ScoreBins.of(0.6), ScoreBins.of(0.1)}, 1, 2);
        MulticlassLabelled fresh = MulticlassLabelled.empty(3);
        fresh.add(new int[] {ScoreBins.of(0.1), ScoreBins.of(0.1), ScoreBins.of(0.8)}, 2, 2);
        EstimationCodec.State state = new EstimationCodec.State(
                sample.oneVsRest(),
                new TreeSet<>(List.of(5_000L)),
                new EstimationCodec.Recalibration("bo", "new classes", 4_000L, fresh.oneVsRest()));
        EstimationCodec.State s = EstimationCodec.decode(EstimationCodec.encode(state));
        assertThat(s.sample()).hasSize(3);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.sample().get(2).confusion().fn()).isEqualTo(1); // label 2 predicted 1
        assertThat(s.sample().get(1).confusion().fp()).isEqualTo(1);
        assertThat(s.recalibration().sample()).hasSize(3);
        assertThat(s.recalibration().sample().get(2).confusion().tp()).isEqualTo(1);

        EstimationCodec.Window window = EstimationCodec.Window.empty(3);
        window.multiclass().add(new double[] {0.6, 0.3, 0.1}, new int[] {ScoreBins.of(0.7), 40, 20}, 0);
        window.multiclass().add(new double[] {0.2, 0.2, 0.6}, new int[] {ScoreBins.of(0.1), 40, 150}, 2);
        MulticlassLabelled.of(window.labelled()).add(new int[] {ScoreBins.of(0.7), 40, 20}, 0, 1);
        Map<Metric, Double> atClose = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            atClose.put(metric, 0.5);
        }
        EstimationCodec.Window w =
                EstimationCodec.decodeWindow(EstimationCodec.encodeWindow(window.withEstimate(atClose)));
        assertThat(w.classes()).isEqualTo(3);
        assertThat(w.predicted()).isNull();
        assertThat(w.scored()).isEqualTo(2);
        assertThat(w.multiclass().predicted(2)).isEqualTo(1);
        assertThat(w.multiclass().tp(0)).isEqualTo(0.6);
        assertThat(w.multiclass().fn(0)).isEqualTo(0.2);
        assertThat(w.multiclass().tpVariance(2)).isEqualTo(0.6 * 0.4);
        assertThat(w.multiclass().positiveMass(2, 150)).isEqualTo(0.6);
        assertThat(w.multiclass().negativeMass(1, 40)).isEqualTo((1 - 0.3) + (1 - 0.2));
        assertThat(w.labelled().get(1).confusion().fn()).isEqualTo(1);
        assertThat(w.estimate()).isEqualTo(atClose);
    }

    /**
     * Version 1 of a window cell (binary, before the estimate was kept) is version 2 without the class count and the
     * trailing flag.
     */
    @Test
    void shouldDecodeAVersionOneWindowCellAndKeepTheEstimateMadeAtClose() {
        byte[] v2 = EstimationCodec.encodeWindow(estimationWindow());
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(v2[1]).isEqualTo((byte) 1);
        assertThat(v2[v2.length - 1]).isEqualTo((byte) 0);
        byte[] v1 = new byte[v2.length - 2];
        v1[0] = 1;
        System.arraycopy(v2, 2, v1, 1, v2.length - 3);
        EstimationCodec.Window old = EstimationCodec.decodeWindow(v1);
        assertThat(old.predicted().count()).isEqualTo(2);
        assertThat(old.labelled().get(0).confusion().fp()).isEqualTo(1);
        assertThat(old.estimate()).isEmpty();

        Map<Metric, Double> atClose = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            atClose.put(metric, 0.1 * (metric.ordinal() + 1));
        }
        atClose.put(Metric.PRECISION, Double.NaN);
        byte[] estimated = EstimationCodec.encodeWindow(estimationWindow().withEstimate(atClose));
        assertThat(estimated).hasSize(v2.length + 5 * Double.BYTES);
        assertThat(EstimationCodec.decodeWindow(estimated).estimate()).isEqualTo(atClose);
        byte[] badFlag = v2.clone();
        badFlag[badFlag.length - 1] = 4;
        assertThatThrownBy(() -> EstimationCodec.decodeWindow(badFlag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("estimate flag 4");
    }

    private static List<Case> cases() {
        return List.of(
                new Case("window state", WindowStateCodec.encode(window()), WindowStateCodec::decode),
                new Case("watermark", WatermarkCodec.encode(123L), WatermarkCodec::decode),
                new Case(
                        "pending join entry",
                        PendingHalfCodec.encode(new PendingHalf(5, "fraud")),
                        PendingHalfCodec::decode),
                new Case("baseline", BaselineCodec.encode(new BaselineCodec.Counts(10, 3)), BaselineCodec::decode),
                new Case("performance estimation", EstimationCodec.encode(estimation()), EstimationCodec::decode),
                new Case(
                        "performance estimation window",
                        EstimationCodec.encodeWindow(estimationWindow()),
                        EstimationCodec::decodeWindow),
                new Case(
                        "reference store value",
                        ReferenceValueCodec.encode("ref-1", new byte[] {1, 2, 3}),
                        ReferenceValueCodec::decode));
    }

    @Test
    void shouldRoundTripEveryLayout() {
        WindowState w = WindowStateCodec.decode(WindowStateCodec.encode(window()));
        assertThat(w.windowStartMs()).isEqualTo(60_000);
        assertThat(List.of(w.events(), w.numericValues(), w.outliers(), w.labelled(), w.errors()))
                .containsExactly(3L, 2L, 1L, 4L, 2L);
        assertThat(w.performanceChange()).isTrue();
        assertThat(List.of(
                        w.multivariate().rows(),
                        w.multivariate().outliers(),
                        w.multivariate().incomplete()))
                .containsExactly(1L, 1L, 1L);
        assertThat(w.scoreChange()).isFalse();
        assertThat(w.versions()).isEqualTo(Map.of("v1", 2L, "v2", 1L));
        assertThat(ProfileCodec.encode(w.inputs())).isEqualTo(ProfileCodec.encode(window().inputs()));

        assertThat(WatermarkCodec.decode(WatermarkCodec.encode(-7L))).isEqualTo(-7L);
        assertThat(PendingHalfCodec.decode(PendingHalfCodec.encode(new PendingHalf(5, "fraud"))))
                .isEqualTo(new PendingHalf(5, "fraud"));
        assertThat(PendingHalfCodec.decode(PendingHalfCodec.encode(new PendingHalf(6, null))))
                .isEqualTo(new PendingHalf(6, null));
        assertThat(BaselineCodec.decode(BaselineCodec.encode(new BaselineCodec.Counts(10, 3))))
                .isEqualTo(new BaselineCodec.Counts(10, 3));
        ReferenceValueCodec.Value ref = ReferenceValueCodec.decode(ReferenceValueCodec.encode("ref-1", new byte[] {9}));
        assertThat(ref.id()).isEqualTo("ref-1");
        assertThat(ref.profile()).containsExactly(9);
    }

    @Test
    void shouldRefuseWrongVersionTruncationAndTrailingBytes() {
        for (Case c : cases()) {
            byte[] wrongVersion = c.valid().clone();
            wrongVersion[0] = (byte) (wrongVersion[0] + 1);
            assertThatThrownBy(() -> c.decoder().apply(wrongVersion))
                    .as(c.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c.name())
                    .hasMessageContaining("version");
            for (int length = 0; length < c.valid().length; length++) {
                byte[] truncated = Arrays.copyOf(c.valid(), length);
                assertThatThrownBy(() -> c.decoder().apply(truncated))
                        .as("%s cut at %d", c.name(), length)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            byte[] longer = Arrays.copyOf(c.valid(), c.valid().length + 1);
            assertThatThrownBy(() -> c.decoder().apply(longer))
                    .as(c.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("trailing");
        }
    }

    @Test
    void shouldRefuseBaselineWithMoreErrorsThanLabels() {
        assertThatThrownBy(() -> BaselineCodec.decode(BaselineCodec.encode(new BaselineCodec.Counts(2, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("errors <= labels");
    }

    @Property(tries = 300)
    void shouldThrowOnlyIllegalArgumentWhenDecodingGarbage(@ForAll byte[] garbage) {
        for (Case c : cases()) {
            try {
                c.decoder().apply(garbage);
            } catch (IllegalArgumentException expected) {
                // refused as it should be
            }
        }
    }
}
