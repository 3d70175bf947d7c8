package dev.lazaret.detectors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DatasetProfileMergeTest {

    private static List<Map<String, Object>> records(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("x", rng.nextInt(10) == 0 ? null : rng.nextGaussian() * 100);
            r.put("c", rng.nextInt(10) == 0 ? null : "k" + rng.nextInt(8));
            r.put("late", rng.nextInt(4) == 0 ? (Object) rng.nextInt(3) : null);
            r.put("flag", rng.nextInt(50) == 0 ? "oops" : rng.nextBoolean());
            out.add(r);
        }
        return out;
    }

    @Property(tries = 30)
    void shouldEqualOneStreamWhenPartitionsAreMerged(
            @ForAll @IntRange(max = 1500) int leftSize,
            @ForAll @IntRange(max = 1500) int rightSize,
            @ForAll long seed) {
        DatasetProfile left = DatasetProfile.create();
        DatasetProfile right = DatasetProfile.create();
        DatasetProfile all = DatasetProfile.create();
        records(seed, leftSize).forEach(r -> {
            left.update(r, r.get("c"));
            all.update(r, r.get("c"));
        });
        records(seed + 1, rightSize).forEach(r -> {
            right.update(r, r.get("c"));
            all.update(r, r.get("c"));
        });
        left.merge(right);

        assertThat(left.features().keySet()).isEqualTo(all.features().keySet());
        assertThat(left.pendingNulls()).isEqualTo(all.pendingNulls());
        assertThat(left.typeMismatches()).isEqualTo(all.typeMismatches());
        assertThat(left.label().counts()).isEqualTo(all.label().counts());
        for (String name : all.features().keySet()) {
            FeatureProfile merged = left.features().get(name);
            FeatureProfile single = all.features().get(name);
            assertThat(merged.nullCount()).as(name).isEqualTo(single.nullCount());
            assertThat(merged.totalCount()).as(name).isEqualTo(single.totalCount());
            if (merged instanceof NumericProfile m && single instanceof NumericProfile s && s.count() > 1) {
                assertThat(m.mean()).isCloseTo(s.mean(), within(1e-9 * Math.max(1, Math.abs(s.mean()))));
                assertThat(m.variance()).isCloseTo(s.variance(), within(1e-9 * s.variance()));
            }
            if (merged instanceof CategoricalProfile m && single instanceof CategoricalProfile s) {
                assertThat(m.counts()).isEqualTo(s.counts());
            }
        }
    }
}
