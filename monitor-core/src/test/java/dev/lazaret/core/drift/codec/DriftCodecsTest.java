package dev.lazaret.core.drift.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.multivariate.MultivariateWindow;
import dev.lazaret.detectors.multivariate.RowScore;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    private static List<Case> cases() {
        return List.of(
                new Case("window state", WindowStateCodec.encode(window()), WindowStateCodec::decode),
                new Case("watermark", WatermarkCodec.encode(123L), WatermarkCodec::decode),
                new Case(
                        "pending join entry",
                        PendingHalfCodec.encode(new PendingHalf(5, "fraud")),
                        PendingHalfCodec::decode),
                new Case("baseline", BaselineCodec.encode(new BaselineCodec.Counts(10, 3)), BaselineCodec::decode),
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
