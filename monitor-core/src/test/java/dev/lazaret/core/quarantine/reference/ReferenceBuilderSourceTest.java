package dev.lazaret.core.quarantine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.contract.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The builder reads its source once per pass; a source that gives other rows on a later pass is refused. */
class ReferenceBuilderSourceTest {

    private static ReferenceBuilder.Row row(Random random) {
        return new ReferenceBuilder.Row(
                Map.of("x", random.nextGaussian(), "c", random.nextBoolean() ? "a" : "b"),
                random.nextBoolean() ? "pos" : "neg");
    }

    @Test
    void shouldRefuseASourceThatDrawsFreshRowsOnEachPass() {
        Random shared = new Random(1);
        assertThatThrownBy(() -> ReferenceBuilder.build("import:t", "d", rows -> {
                    for (int i = 0; i < 200; i++) {
                        rows.accept(row(shared));
                    }
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "other rows on pass 2 than on pass 1 (200 rows, then 200, with different content)")
                .hasMessageContaining("same rows each time it is read");
    }

    @Test
    void shouldRefuseASourceThatGivesFewerRowsOnALaterPass() {
        List<ReferenceBuilder.Row> rows = new ArrayList<>();
        Random random = new Random(2);
        for (int i = 0; i < 200; i++) {
            rows.add(row(random));
        }
        int[] passes = {0};
        assertThatThrownBy(() -> ReferenceBuilder.build("import:t", "d", consumer -> {
                    int take = passes[0]++ == 0 ? rows.size() : rows.size() - 1;
                    rows.subList(0, take).forEach(consumer);
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(200 rows, then 199)");
    }

    @Test
    void shouldBuildFromASourceThatRecreatesEqualRowsEachPassVectorsIncluded() {
        // a file read again yields new but equal objects, vectors too (whose arrays differ by identity)
        ReferenceBundle bundle = ReferenceBuilder.build("import:t", "d", consumer -> {
            Random random = new Random(3);
            for (int i = 0; i < 200; i++) {
                ReferenceBuilder.Row r = row(random);
                Map<String, Object> features = new java.util.HashMap<>(r.features());
                features.put("v", new FeatureVector(new double[] {random.nextGaussian(), random.nextGaussian()}));
                consumer.accept(new ReferenceBuilder.Row(features, r.label()));
            }
        });

        assertThat(bundle.profile().label().counts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(200);
    }
}
