package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.codec.ProfileCodec;
import java.util.List;
import java.util.SplittableRandom;

final class NumericProfileContractTest extends ProfileContractTest<NumericProfile, Double> {
    @Override
    NumericProfile create() {
        return NumericProfile.create();
    }

    @Override
    void update(NumericProfile profile, Double value) {
        profile.update(value);
    }

    @Override
    void merge(NumericProfile target, NumericProfile other) {
        target.merge(other);
    }

    @Override
    byte[] encode(NumericProfile profile) {
        return ProfileCodec.encode(profile);
    }

    @Override
    NumericProfile decode(byte[] bytes) {
        return ProfileCodec.decodeNumeric(bytes);
    }

    @Override
    Double randomValue(SplittableRandom random) {
        return random.nextGaussian() * 3 + 1;
    }

    @Override
    void assertSameData(NumericProfile merged, NumericProfile whole) {
        assertThat(merged.count()).isEqualTo(whole.count());
        assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-9));
        assertThat(merged.variance()).isCloseTo(whole.variance(), within(1e-9 * whole.variance()));
        assertThat(merged.min()).isEqualTo(whole.min());
        assertThat(merged.max()).isEqualTo(whole.max());
        double tolerance = merged.normalizedRankError() + whole.normalizedRankError();
        for (double rank = 0.05; rank < 1; rank += 0.05) {
            assertThat(whole.rank(merged.quantile(rank))).isCloseTo(rank, within(tolerance + 1e-9));
        }
    }

    @Override
    Double constantValue() {
        return 4.2;
    }

    @Override
    DatasetProfile asDataset(List<Double> values) {
        return ProfileContractTest.dataset(values, v -> v);
    }
}
