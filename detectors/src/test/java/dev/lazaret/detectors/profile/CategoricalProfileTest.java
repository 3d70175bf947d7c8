package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CategoricalProfileTest {

    @Test
    void shouldCountExactlyWhenCardinalityIsBelowLimit() {
        CategoricalProfile p = CategoricalProfile.create();
        for (String s : new String[] {"a", "b", "a", "c", "a"}) {
            p.update(s);
        }
        p.update(null);
        assertThat(p.counts()).isEqualTo(Map.of("a", 3L, "b", 1L, "c", 1L));
        assertThat(p.total()).isEqualTo(5);
        assertThat(p.nullCount()).isEqualTo(1);
        assertThat(p.isExact()).isTrue();
        assertThat(p.distinctEstimate()).isCloseTo(3, within(0.1));
    }

    @Test
    void shouldSwitchToSketchAndKeepHeavyHittersWhenCardinalityExplodes() {
        CategoricalProfile p = CategoricalProfile.create(16);
        for (int i = 0; i < 20_000; i++) {
            p.update(i % 2 == 0 ? "heavy" : "id-" + i);
        }
        assertThat(p.isExact()).isFalse();
        assertThat(p.counts().get("heavy")).isCloseTo(10_000L, within(p.maximumCountError() + 1));
        assertThat(p.distinctEstimate()).isCloseTo(10_001, within(10_001 * 0.1));
        assertThat(p.total()).isEqualTo(20_000);
    }

    @Property(tries = 100)
    void shouldEqualOneStreamWhenMergedWhileExact(
            @ForAll @Size(max = 500) List<@IntRange(min = 0, max = 40) Integer> left,
            @ForAll @Size(max = 500) List<@IntRange(min = 0, max = 40) Integer> right) {
        CategoricalProfile a = CategoricalProfile.create();
        CategoricalProfile b = CategoricalProfile.create();
        CategoricalProfile all = CategoricalProfile.create();
        left.forEach(v -> {
            a.update("c" + v);
            all.update("c" + v);
        });
        right.forEach(v -> {
            b.update("c" + v);
            all.update("c" + v);
        });
        a.merge(b);
        assertThat(a.counts()).isEqualTo(all.counts());
        assertThat(a.total()).isEqualTo(all.total());
        assertThat(a.distinctEstimate()).isCloseTo(all.distinctEstimate(), within(1e-9));
    }
}
