package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetProfileTest {

    private static Map<String, Object> record(Object age, Object country) {
        Map<String, Object> m = new HashMap<>();
        m.put("age", age);
        m.put("country", country);
        return m;
    }

    @Test
    void shouldFixKindByFirstNonNullValueWhenNotDeclared() {
        DatasetProfile p = DatasetProfile.create();
        p.update(record(null, null), "yes");
        p.update(record(31, "FR"), "no");
        p.update(record(42.5, true), null);
        p.update(record("forty", 7), "yes");

        NumericProfile age = (NumericProfile) p.features().get("age");
        CategoricalProfile country = (CategoricalProfile) p.features().get("country");
        assertThat(age.count()).isEqualTo(2);
        assertThat(age.nullCount()).isEqualTo(1);
        assertThat(country.counts()).containsEntry("FR", 1L).containsEntry("true", 1L);
        assertThat(country.nullCount()).isEqualTo(1);
        assertThat(p.typeMismatches()).containsEntry("age", 1L).containsEntry("country", 1L);
        assertThat(p.label().counts()).containsEntry("yes", 2L);
        assertThat(p.label().nullCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseMergeWhenFeatureKindsDiffer() {
        DatasetProfile a = DatasetProfile.create();
        DatasetProfile b = DatasetProfile.create();
        a.update(Map.of("x", 1.0), null);
        b.update(Map.of("x", "one"), null);
        assertThatThrownBy(() -> a.merge(b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
    }

    @Test
    void shouldKeepDeclaredKindWhenFirstValueIsOfAnotherKind() {
        DatasetProfile p = DatasetProfile.create().declare("zip", FeatureKind.CATEGORICAL);
        p.update(Map.of("zip", 75001), null);
        assertThat(p.features().get("zip").kind()).isEqualTo(FeatureKind.CATEGORICAL);
        assertThat(p.typeMismatches()).containsEntry("zip", 1L);
    }

    @Test
    void shouldMergeNullsOfUnknownKindWhenOtherSideKnowsTheKind() {
        DatasetProfile a = DatasetProfile.create();
        DatasetProfile b = DatasetProfile.create();
        a.update(record(null, null), null);
        b.update(record(5, "DE"), null);
        a.merge(b);
        assertThat(a.features().get("age").nullCount()).isEqualTo(1);
        assertThat(a.pendingNulls()).isEmpty();
    }
}
