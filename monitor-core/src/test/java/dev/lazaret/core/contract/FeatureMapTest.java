package dev.lazaret.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The parser's feature map is, to every reader of the {@code Map} interface, the {@code LinkedHashMap} it replaced:
 * same entries in the same order, same lookups, equal both ways with the same hash code; and its positional reads
 * give the same values without boxing.
 */
class FeatureMapTest {

    @Property(tries = 1_000)
    void readsAsTheLinkedHashMapOfTheSameEntries(@ForAll("features") List<Map.Entry<String, Object>> entries) {
        Map<String, Object> expected = new LinkedHashMap<>();
        FeatureMap.Builder builder = FeatureMap.builder(1);
        for (Map.Entry<String, Object> e : entries) {
            if (expected.containsKey(e.getKey())) {
                continue; // the parser refuses repeated names before they get here
            }
            expected.put(e.getKey(), e.getValue());
            if (e.getValue() instanceof Double d && (d.hashCode() & 1) == 0) {
                builder.putNumber(e.getKey(), d); // half the doubles as primitives, half as objects
            } else {
                builder.put(e.getKey(), e.getValue());
            }
        }
        FeatureMap actual = builder.build();

        assertThat(new ArrayList<>(actual.entrySet())).containsExactlyElementsOf(expected.entrySet());
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).isEqualTo(actual);
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(FeatureMap.copyOf(expected)).isEqualTo(expected);
        assertThat(new ArrayList<>(FeatureMap.copyOf(expected).keySet())).containsExactlyElementsOf(expected.keySet());
        int i = 0;
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            assertThat(actual.indexOf(e.getKey())).isEqualTo(i);
            assertThat(actual.name(i)).isEqualTo(e.getKey());
            assertThat(actual.value(i)).isEqualTo(e.getValue());
            assertThat(actual.isNumber(i)).isEqualTo(e.getValue() instanceof Number);
            if (e.getValue() instanceof Number n) {
                assertThat(Double.doubleToRawLongBits(actual.number(i)))
                        .isEqualTo(Double.doubleToRawLongBits(n.doubleValue()));
            }
            assertThat(actual.containsKey(e.getKey())).isTrue();
            assertThat(actual.get(e.getKey())).isEqualTo(e.getValue());
            // a name equal to the stored one but another instance, as the reference's names are
            assertThat(actual.indexOf(new String(e.getKey().toCharArray()))).isEqualTo(i);
            i++;
        }
        for (String absent : List.of("absent", "f_999", "")) {
            if (!expected.containsKey(absent)) {
                assertThat(actual.indexOf(absent)).isEqualTo(-1);
                assertThat(actual.containsKey(absent)).isFalse();
                assertThat(actual.get(absent)).isNull();
            }
        }
        assertThat(actual.indexOf(42)).isEqualTo(-1);
        assertThat(actual.indexOf(null)).isEqualTo(-1);
    }

    @Provide
    Arbitrary<List<Map.Entry<String, Object>>> features() {
        // few distinct short names, so repeats and hash collisions in the small index both happen
        Arbitrary<String> names =
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(-0.0, Double.NaN, Double.POSITIVE_INFINITY, 3.0).map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(4).map(s -> (Object) s),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.integers().map(n -> (Object) n),
                Arbitraries.just(new FeatureVector(new double[] {1, 2})).map(v -> (Object) v),
                Arbitraries.just((Object) null));
        return net.jqwik.api.Combinators.combine(names, values)
                .as((n, v) -> (Map.Entry<String, Object>) new java.util.AbstractMap.SimpleEntry<>(n, v))
                .list()
                .ofMaxSize(60);
    }

    @Test
    void isReadOnly() {
        FeatureMap map =
                FeatureMap.builder(2).putNumber("x", 1.5).put("c", "red").build();
        assertThatThrownBy(() -> map.put("y", 2.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(3.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(map).containsExactly(Map.entry("x", 1.5), Map.entry("c", "red"));
    }

    @Test
    void refusesARepeatedNameOrNoNameNamingTheFeature() {
        assertThatThrownBy(() -> FeatureMap.builder(2)
                        .putNumber("x", 1.5)
                        .put("c", "red")
                        .put("x", null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature 'x' is given twice");
        assertThatThrownBy(() -> FeatureMap.builder(2).put(null, "red"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a feature has a name");
    }

    @Test
    void refusesToReadANumberFromAnotherValueOrOutsideTheFeatures() {
        FeatureMap map =
                FeatureMap.builder(2).putNumber("x", 1.5).put("c", "red").build();
        assertThat(map.number(0)).isEqualTo(1.5);
        assertThatThrownBy(() -> map.number(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("feature 'c' is not a number");
        assertThatThrownBy(() -> map.name(2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("feature index 2 of 2");
        assertThatThrownBy(() -> map.value(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copiesNullAndEmptyAndKeepsItself() {
        assertThat(FeatureMap.copyOf(null)).isNull();
        assertThat(FeatureMap.copyOf(Map.of())).isEmpty();
        assertThat(FeatureMap.copyOf(Map.of()).indexOf("x")).isEqualTo(-1);
        FeatureMap map = FeatureMap.builder(1).putNumber("x", 1.5).build();
        assertThat(FeatureMap.copyOf(map)).isSameAs(map);
        // an Integer stays an Integer, so the copy still equals the original
        Map<String, Object> ints = new LinkedHashMap<>();
        ints.put("n", 3);
        assertThat(FeatureMap.copyOf(ints)).isEqualTo(ints);
        assertThat(FeatureMap.copyOf(ints).number(0)).isEqualTo(3.0);
    }

    @Test
    void growsPastItsExpectedSize() {
        FeatureMap.Builder builder = FeatureMap.builder(0);
        for (int i = 0; i < 1_000; i++) {
            builder.putNumber("f" + i, i);
        }
        FeatureMap map = builder.build();
        assertThat(map).hasSize(1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(map.indexOf("f" + i)).isEqualTo(i);
            assertThat(map.number(i)).isEqualTo(i);
        }
    }
}
