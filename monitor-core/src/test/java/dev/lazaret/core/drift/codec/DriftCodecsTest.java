package dev.lazaret.core.drift.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.multivariate.MultivariateWindow;
import dev.lazaret.detectors.multivariate.RowScore;
import dev.lazaret.detectors.performance.LabelledScores;
import dev.lazaret.detectors.performance.PredictedScores;
import dev.lazaret.detectors.performance.ScoreBins;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Arrays;
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
        return new EstimationCodec.State(sample, new TreeSet<>(List.of(60_000L, 120_000L)));
    }

    private static EstimationCodec.Window estimationWindow() {
        PredictedScores predicted = PredictedScores.empty();
        predicted.add(ScoreBins.of(0.7), true);
        predicted.add(ScoreBins.of(0.1), false);
        LabelledScores labelled = LabelledScores.empty();
        labelled.add(ScoreBins.of(0.7), true, false);
        return new EstimationCodec.Window(predicted, labelled);
    }

    @Test
    void shouldRoundTripPerformanceEstimationStateAndScoresOfPendingHalves() {
        EstimationCodec.State s = EstimationCodec.decode(EstimationCodec.encode(estimation()));
        assertThat(s.sample().count()).isEqualTo(3);
        assertThat(s.sample().positives(ScoreBins.of(0.2))).isEqualTo(1);
        assertThat(s.sample().negatives(ScoreBins.of(0.2))).isEqualTo(1);
        assertThat(s.sample().confusion().tp()).isEqualTo(1);
        assertThat(s.sample().confusion().fn()).isEqualTo(1);
        assertThat(s.sample().confusion().tn()).isEqualTo(1);
        assertThat(s.windowStarts()).containsExactly(60_000L, 120_000L);
        EstimationCodec.Window w = EstimationCodec.decodeWindow(EstimationCodec.encodeWindow(estimationWindow()));
        assertThat(w.predicted().predictedPositive(ScoreBins.of(0.7))).isEqualTo(1);
        assertThat(w.predicted().predictedNegative(ScoreBins.of(0.1))).isEqualTo(1);
        assertThat(w.predicted().count()).isEqualTo(2);
        assertThat(w.labelled().confusion().fp()).isEqualTo(1);
        assertThat(PendingHalfCodec.decode(PendingHalfCodec.encode(new PendingHalf(5, "1", 0.25))))
                .isEqualTo(new PendingHalf(5, "1", 0.25));
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
                new EstimationCodec.Recalibration("ana", "labels redefined ⟶ v2", 59_999L, fresh));
        EstimationCodec.State s = EstimationCodec.decode(EstimationCodec.encode(pending));
        assertThat(s.recalibration().operator()).isEqualTo("ana");
        assertThat(s.recalibration().reason()).isEqualTo("labels redefined ⟶ v2");
        assertThat(s.recalibration().fromEventTimeMs()).isEqualTo(59_999L);
        assertThat(s.recalibration().sample().confusion().fp()).isEqualTo(1);
        assertThat(s.sample().count()).isEqualTo(3);
        assertThat(EstimationCodec.decode(EstimationCodec.encode(estimation())).recalibration())
                .isNull();
    }

    /** Version 1 (before recalibration) is version 2 without the trailing flag: state written then still decodes. */
    @Test
    void shouldDecodeAVersionOneModelCell() {
        byte[] v2 = EstimationCodec.encode(estimation());
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(v2[v2.length - 1]).isEqualTo((byte) 0);
        byte[] v1 = Arrays.copyOf(v2, v2.length - 1);
        v1[0] = 1;
        EstimationCodec.State s = EstimationCodec.decode(v1);
        assertThat(s.sample().count()).isEqualTo(3);
        assertThat(s.windowStarts()).containsExactly(60_000L, 120_000L);
        assertThat(s.recalibration()).isNull();
        byte[] v3 = v2.clone();
        v3[0] = 3;
        assertThatThrownBy(() -> EstimationCodec.decode(v3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format version 3");
        byte[] badFlag = v2.clone();
        badFlag[badFlag.length - 1] = 7;
        assertThatThrownBy(() -> EstimationCodec.decode(badFlag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recalibration flag 7");
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
