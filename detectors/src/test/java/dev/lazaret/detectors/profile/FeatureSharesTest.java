package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSharesTest {
    private static CategoricalProfile categorical(int maxExact, String... values) {
        CategoricalProfile p = CategoricalProfile.create(maxExact);
        for (String v : values) {
            if (v == null) {
                p.updateNull();
            } else {
                p.update(v);
            }
        }
        return p;
    }

    @Test
    void shouldCountNullsAndUnseenCategoriesWhenReferenceIsExact() {
        CategoricalProfile reference = categorical(100, "a", "b", "b");
        CategoricalProfile window = categorical(100, "a", "c", "c", "d", null);

        FeatureShares shares = FeatureShares.of(reference, window);

        assertThat(shares).isEqualTo(new FeatureShares(1, 5, 3, 4));
        assertThat(shares.nullShare()).isEqualTo(0.2);
        assertThat(shares.unseenShare()).isEqualTo(0.75);
        assertThat(FeatureShares.unseenValues(reference, window)).isEqualTo(Map.of("c", 2L, "d", 1L));
    }

    @Test
    void shouldCountNoUnseenWhenReferenceIsSketched() {
        // 3 distinct values past an exact limit of 2: the reference no longer lists everything it saw
        CategoricalProfile reference = categorical(2, "a", "b", "x");
        assertThat(reference.isExact()).isFalse();
        assertThat(FeatureShares.of(reference, categorical(100, "zzz")).unseen())
                .isZero();
    }

    @Test
    void shouldGiveNaNSharesAndAddUpWhenFeaturesAreEmptyOrNumeric() {
        NumericProfile numeric = NumericProfile.create();
        numeric.update(1.0);
        numeric.updateNull();
        FeatureShares n = FeatureShares.of(null, numeric);
        assertThat(n).isEqualTo(new FeatureShares(1, 2, 0, 0));
        assertThat(n.unseenShare()).isNaN();
        assertThat(FeatureShares.of(null, null)).isEqualTo(FeatureShares.NONE);
        assertThat(FeatureShares.NONE.nullShare()).isNaN();
        FeatureShares sum = n.plus(FeatureShares.of(categorical(10, "a"), categorical(10, "b", null)));
        assertThat(sum).isEqualTo(new FeatureShares(2, 4, 1, 1));
    }
}
