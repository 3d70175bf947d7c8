package dev.lazaret.detectors.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ChangeDetector} must honour, in the manner of Commons Statistics'
 * {@code BaseDoubleStatisticTest}: subclasses supply a detector and a stream with one abrupt change and inherit the
 * final tests. There is no merge test because sequential detectors are not mergeable (see {@link ChangeDetector}).
 */
abstract class ChangeDetectorContractTest {
    /** Index of the first post-change value in the abrupt-change stream. */
    static final int CHANGE_AT = 1000;

    private static final int SEEDS = 10;

    /** Returns a fresh detector with the parameters under test. */
    abstract ChangeDetector create();

    /** Draws one value of the regime before the change. */
    abstract double preChange(SplittableRandom random);

    /** Draws one value of the regime after the change. */
    abstract double postChange(SplittableRandom random);

    /** Largest acceptable delay, in values after {@link #CHANGE_AT}, to report the abrupt change. */
    abstract int maxDetectionDelay();

    /** Values that, repeated forever, must never raise an alarm. */
    abstract double[] constantValues();

    private double[] abruptStream(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = i < CHANGE_AT ? preChange(random) : postChange(random);
        }
        return values;
    }

    private static List<String> trace(ChangeDetector detector, double[] values, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < values.length; i++) {
            DetectorState state = detector.update(values[i]);
            // Exact bit patterns: a restored detector must not even round differently.
            out.add(state + "/" + Double.doubleToLongBits(detector.estimation()) + "/" + detector.samplesSeen());
        }
        return out;
    }

    @Test
    final void shouldBehaveIdenticallyWhenDecodedMidStream() {
        double[] values = abruptStream(11, 2 * CHANGE_AT);
        for (int split : new int[] {0, 1, 37, CHANGE_AT - 1, CHANGE_AT + 15, CHANGE_AT + 300}) {
            ChangeDetector original = create();
            for (int i = 0; i < split; i++) {
                original.update(values[i]);
            }
            byte[] encoded = original.encode();
            ChangeDetector restored = ChangeDetectors.decode(encoded);

            assertThat(restored).isExactlyInstanceOf(original.getClass());
            assertThat(restored.state()).isEqualTo(original.state());
            assertThat(restored.encode()).isEqualTo(encoded);
            assertThat(trace(restored, values, split)).isEqualTo(trace(original, values, split));
        }
    }

    @Test
    final void shouldEqualFreshInstanceWhenReset() {
        double[] values = abruptStream(23, 2 * CHANGE_AT);
        ChangeDetector used = create();
        trace(used, values, 0);
        used.reset();

        assertThat(used.samplesSeen()).isZero();
        assertThat(used.state()).isEqualTo(DetectorState.STABLE);
        assertThat(used.encode()).isEqualTo(create().encode());
        assertThat(trace(used, values, 0)).isEqualTo(trace(create(), values, 0));
    }

    @Test
    final void shouldNeverAlarmWhenStreamIsConstant() {
        for (double constant : constantValues()) {
            ChangeDetector detector = create();
            for (int i = 0; i < 20_000; i++) {
                assertThat(detector.update(constant))
                        .as("value %s at index %d", constant, i)
                        .isEqualTo(DetectorState.STABLE);
            }
            assertThat(detector.samplesSeen()).isEqualTo(20_000);
        }
    }

    @Test
    final void shouldDetectAbruptChangeWhenWithinStatedDelay() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            double[] values = abruptStream(seed, CHANGE_AT + maxDetectionDelay() + 1);
            ChangeDetector detector = create();
            int firstAlarmAfterChange = -1;
            for (int i = 0; i < values.length && firstAlarmAfterChange < 0; i++) {
                if (detector.update(values[i]) == DetectorState.CHANGE && i >= CHANGE_AT) {
                    firstAlarmAfterChange = i;
                }
            }
            assertThat(firstAlarmAfterChange)
                    .as("seed %d: change at %d must be reported within %d values", seed, CHANGE_AT, maxDetectionDelay())
                    .isBetween(CHANGE_AT, CHANGE_AT + maxDetectionDelay());
        }
    }

    @Test
    final void shouldRejectInputWhenNotFinite() {
        ChangeDetector detector = create();
        assertThatThrownBy(() -> detector.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> detector.update(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(detector.samplesSeen()).isZero();
    }

    @Test
    final void shouldRejectBytesWhenCorruptOrOfUnknownVersion() {
        ChangeDetector detector = create();
        for (double value : abruptStream(5, 100)) {
            detector.update(value);
        }
        byte[] encoded = detector.encode();

        byte[] wrongVersion = encoded.clone();
        wrongVersion[0] = 99;
        assertThatThrownBy(() -> ChangeDetectors.decode(wrongVersion))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 99");

        byte[] wrongType = encoded.clone();
        wrongType[1] = 42;
        assertThatThrownBy(() -> ChangeDetectors.decode(wrongType))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type");

        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        assertThatThrownBy(() -> ChangeDetectors.decode(truncated)).isInstanceOf(IllegalArgumentException.class);

        byte[] trailing = java.util.Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> ChangeDetectors.decode(trailing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");

        assertThatThrownBy(() -> ChangeDetectors.decode(new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeDetectors.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    final void shouldNeverThrowOtherThanIllegalArgumentWhenDecodingGarbage() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] garbage = new byte[random.nextInt(0, 120)];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = (byte) random.nextInt(256);
            }
            if (garbage.length > 1 && trial % 2 == 0) {
                // Keep a valid header half the time so the body parsers are exercised too.
                garbage[0] = ChangeDetectors.FORMAT_VERSION;
                garbage[1] = create().encode()[1];
            }
            try {
                ChangeDetectors.decode(garbage);
            } catch (IllegalArgumentException expected) {
                // the only acceptable failure
            }
        }
    }
}
