package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.detectors.codec.ProfileCodec;
import java.util.List;
import java.util.SplittableRandom;

final class CategoricalProfileContractTest extends ProfileContractTest<CategoricalProfile, String> {
    private static final String[] VALUES = {"red", "green", "blue", "black", "white"};

    @Override
    CategoricalProfile create() {
        return CategoricalProfile.create();
    }

    @Override
    void update(CategoricalProfile profile, String value) {
        profile.update(value);
    }

    @Override
    void merge(CategoricalProfile target, CategoricalProfile other) {
        target.merge(other);
    }

    @Override
    byte[] encode(CategoricalProfile profile) {
        return ProfileCodec.encode(profile);
    }

    @Override
    CategoricalProfile decode(byte[] bytes) {
        return ProfileCodec.decodeCategorical(bytes);
    }

    @Override
    String randomValue(SplittableRandom random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    @Override
    void assertSameData(CategoricalProfile merged, CategoricalProfile whole) {
        assertThat(merged.total()).isEqualTo(whole.total());
        assertThat(merged.counts()).isEqualTo(whole.counts());
        assertThat(merged.distinctEstimate()).isEqualTo(whole.distinctEstimate());
    }

    @Override
    String constantValue() {
        return "red";
    }

    @Override
    DatasetProfile asDataset(List<String> values) {
        return ProfileContractTest.dataset(values, v -> v);
    }
}
