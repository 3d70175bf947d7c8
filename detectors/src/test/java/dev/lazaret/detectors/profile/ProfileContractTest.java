package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The contract every profile keeps, in the manner of Commons Statistics' {@code BaseDoubleStatisticTest}: subclasses
 * say how to create, feed, merge and encode one, and inherit the checks. Profiles have no {@code reset()}: a fresh
 * {@code create()} is the reset, so "reset equals new" holds by construction.
 *
 * @param <P> the profile type
 * @param <V> the value type it takes
 */
abstract class ProfileContractTest<P, V> {

    abstract P create();

    abstract void update(P profile, V value);

    abstract void merge(P target, P other);

    abstract byte[] encode(P profile);

    abstract P decode(byte[] bytes);

    abstract V randomValue(SplittableRandom random);

    /** Asserts that a merged profile describes the same data as the profile of the whole stream. */
    abstract void assertSameData(P merged, P whole);

    abstract V constantValue();

    /** A data set profile holding this profile's stream as its only feature, for the drift judge. */
    abstract DatasetProfile asDataset(List<V> values);

    private List<V> stream(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<V> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(randomValue(random));
        }
        return values;
    }

    private P profile(List<V> values) {
        P profile = create();
        values.forEach(v -> update(profile, v));
        return profile;
    }

    @Test
    final void shouldRoundTripThroughTheCodec() {
        P original = profile(stream(1, 5_000));

        byte[] encoded = encode(original);

        assertThat(encode(decode(encoded))).isEqualTo(encoded);
    }

    @Test
    final void shouldDescribeTheWholeStreamAfterMergingTwoParts() {
        List<V> values = stream(2, 20_000);
        P whole = profile(values);
        P left = profile(values.subList(0, 7_000));
        P right = profile(values.subList(7_000, values.size()));

        merge(left, right);

        assertSameData(decode(encode(left)), whole);
    }

    @Test
    final void shouldEqualAFreshProfileWhenNothingWasAdded() {
        assertThat(encode(create())).isEqualTo(encode(create()));
        assertThat(encode(decode(encode(create())))).isEqualTo(encode(create()));
    }

    @Test
    final void shouldNeverCallAConstantStreamDrift() {
        List<V> constant = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            constant.add(constantValue());
        }

        DatasetDriftVerdict verdict =
                DriftJudge.judge(asDataset(constant), asDataset(constant.subList(0, 3_000)), DriftPolicy.defaults());

        assertThat(verdict.datasetDrift()).isFalse();
        assertThat(verdict.features()).noneMatch(f -> f.drifted());
    }

    @Test
    final void shouldRejectGarbageBytesWithAClearError() {
        byte[] garbage = new byte[] {42, 1, 2, 3};
        byte[] truncated = Arrays.copyOf(encode(profile(stream(3, 100))), 5);

        assertThatThrownBy(() -> decode(garbage)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    static <T> DatasetProfile dataset(List<T> values, Function<T, Object> toFeature) {
        DatasetProfile profile = DatasetProfile.create();
        for (T value : values) {
            profile.update(Map.of("x", toFeature.apply(value)), null);
        }
        return profile;
    }
}
