package dev.lazaret.detectors.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.detectors.profile.CategoricalProfile;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.LabelBinJointCounts;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ProfileCodecTest {

    @Property(tries = 40)
    void shouldPreserveEverythingWhenNumericProfileRoundTrips(
            @ForAll @Size(max = 2000) List<@DoubleRange(min = -1e12, max = 1e12) Double> values,
            @ForAll @IntRange(max = 5) int nulls) {
        NumericProfile p = NumericProfile.create(64);
        values.forEach(p::update);
        p.update(Double.NaN);
        for (int i = 0; i < nulls; i++) {
            p.updateNull();
        }
        NumericProfile back = ProfileCodec.decodeNumeric(ProfileCodec.encode(p));
        assertThat(back.snapshot()).isEqualTo(p.snapshot());
        if (p.count() > 0) {
            assertThat(back.quantile(0.5)).isEqualTo(p.quantile(0.5));
            assertThat(back.rank(p.mean())).isEqualTo(p.rank(p.mean()));
        }
        assertThat(ProfileCodec.encode(back)).isEqualTo(ProfileCodec.encode(p));
    }

    @Property(tries = 40)
    void shouldPreserveEverythingWhenCategoricalProfileRoundTrips(
            @ForAll @Size(max = 600) List<@IntRange(max = 300) Integer> values,
            @ForAll @IntRange(min = 1, max = 64) int maxExact) {
        CategoricalProfile p = CategoricalProfile.create(maxExact);
        values.forEach(v -> p.update(v % 7 == 0 ? null : "v" + v));
        CategoricalProfile back = ProfileCodec.decodeCategorical(ProfileCodec.encode(p));
        // the sketches re-hash their items on load, so their bytes may differ; their content may not
        assertThat(back.snapshot().exactCounts()).isEqualTo(p.snapshot().exactCounts());
        assertThat(back.total()).isEqualTo(p.total());
        assertThat(back.nullCount()).isEqualTo(p.nullCount());
        assertThat(back.maximumCountError()).isEqualTo(p.maximumCountError());
        assertThat(back.counts()).isEqualTo(p.counts());
        assertThat(back.distinctEstimate()).isEqualTo(p.distinctEstimate());
        assertThat(back.isExact()).isEqualTo(p.isExact());
    }

    @Test
    void shouldPreserveFeaturesLabelAndBookkeepingWhenDatasetRoundTrips() {
        DatasetProfile p = DatasetProfile.create().declare("declared", FeatureKind.NUMERIC);
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 5000; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("x", rng.nextGaussian());
            r.put("c", "k" + rng.nextInt(5));
            r.put("onlyNulls", null);
            r.put("mixed", i == 3 ? "oops" : i);
            p.update(r, rng.nextBoolean());
        }
        byte[] bytes = ProfileCodec.encode(p);
        DatasetProfile back = ProfileCodec.decodeDataset(bytes);
        assertThat(ProfileCodec.encode(back)).isEqualTo(bytes);
        assertThat(back.features()).containsOnlyKeys("x", "c", "mixed", "declared");
        assertThat(back.pendingNulls()).containsEntry("onlyNulls", 5000L);
        assertThat(back.typeMismatches()).containsEntry("mixed", 1L);
        assertThat(back.declaredKinds()).containsEntry("declared", FeatureKind.NUMERIC);
        assertThat(back.label().counts()).isEqualTo(p.label().counts());
    }

    @Test
    void shouldRoundTripJointCountsWhenNumeric() {
        LabelBinJointCounts j = LabelBinJointCounts.forNumeric(new double[] {-1, 0, 1}, 4);
        j.update(-3.0, "a");
        j.update(0.5, "b");
        j.update(null, "a");
        LabelBinJointCounts back = ProfileCodec.decodeJointCounts(ProfileCodec.encode(j));
        assertThat(back.counts()).isEqualTo(j.counts());
        assertThat(back.edges()).containsExactly(-1, 0, 1);
    }

    @Test
    void shouldRejectUnknownVersionWhenFirstByteIsNewer() {
        byte[] bytes = ProfileCodec.encode(NumericProfile.create());
        bytes[0] = 9;
        assertThatThrownBy(() -> ProfileCodec.decodeNumeric(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void shouldRejectOtherFamilyWhenDecodingAsNumeric() {
        byte[] bytes = ProfileCodec.encode(CategoricalProfile.create());
        assertThatThrownBy(() -> ProfileCodec.decodeNumeric(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("family");
    }

    @Test
    void shouldThrowIllegalArgumentWhenBytesAreTruncatedOrGarbage() {
        NumericProfile p = NumericProfile.create();
        for (int i = 0; i < 1000; i++) {
            p.update(i);
        }
        byte[] good = ProfileCodec.encode(p);
        for (int len = 0; len < good.length; len += 7) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> ProfileCodec.decodeNumeric(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            byte[] garbage = new byte[rng.nextInt(2, 200)];
            rng.nextBytes(garbage);
            garbage[0] = ProfileCodec.FORMAT_VERSION;
            garbage[1] = (byte) rng.nextInt(1, 5);
            assertThatThrownBy(() -> decodeAny(garbage)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Object decodeAny(byte[] b) {
        return switch (b[1]) {
            case ProfileCodec.FAMILY_NUMERIC -> ProfileCodec.decodeNumeric(b);
            case ProfileCodec.FAMILY_CATEGORICAL -> ProfileCodec.decodeCategorical(b);
            case ProfileCodec.FAMILY_DATASET -> ProfileCodec.decodeDataset(b);
            default -> ProfileCodec.decodeJointCounts(b);
        };
    }

    @Test
    void shouldStayBoundedWhenMillionValuesAreProfiled() {
        SplittableRandom rng = new SplittableRandom(11);
        NumericProfile numeric = NumericProfile.create();
        CategoricalProfile lowCard = CategoricalProfile.create();
        CategoricalProfile highCard = CategoricalProfile.create();
        String[] fifty = new String[50];
        for (int i = 0; i < fifty.length; i++) {
            fifty[i] = "category-" + i;
        }
        int smallBytes = 0;
        for (int i = 0; i < 1_000_000; i++) {
            numeric.update(rng.nextGaussian());
            lowCard.update(fifty[rng.nextInt(50)]);
            highCard.update(Long.toString(rng.nextLong(10_000_000L), 36));
            if (i == 9_999) {
                smallBytes = ProfileCodec.encode(numeric).length;
            }
        }
        int numericBytes = ProfileCodec.encode(numeric).length;
        int lowBytes = ProfileCodec.encode(lowCard).length;
        int highBytes = ProfileCodec.encode(highCard).length;
        System.out.printf(
                "encoded bytes after 1e6 updates: numeric=%d (at 1e4: %d), categorical 50 values=%d, "
                        + "categorical ~1e6 distinct=%d%n",
                numericBytes, smallBytes, lowBytes, highBytes);
        // KLL grows only logarithmically: 100x more values may not even double the size
        assertThat(numericBytes).isLessThan(2 * smallBytes).isLessThan(8 * 1024);
        assertThat(lowBytes).isLessThan(4 * 1024);
        assertThat(highBytes).isLessThan(128 * 1024);
        assertThat(highCard.isExact()).isFalse();
    }
}
