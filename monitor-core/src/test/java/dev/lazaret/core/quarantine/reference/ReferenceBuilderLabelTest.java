package dev.lazaret.core.quarantine.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference import reads integer CSV labels as doubles; they must count as the class batches and events use. */
class ReferenceBuilderLabelTest {

    @Test
    void shouldStoreIntegerLabelsAsTheClassBatchesUseWhenImportedAsDoubles() {
        List<ReferenceBuilder.Row> rows = List.of(
                new ReferenceBuilder.Row(Map.of("x", 0.1), 1.0),
                new ReferenceBuilder.Row(Map.of("x", 0.2), 0.0),
                new ReferenceBuilder.Row(Map.of("x", 0.3), "1"));

        ReferenceBundle bundle = ReferenceBuilder.build("import:t", "d", rows::forEach);

        assertThat(bundle.profile().label().counts()).containsExactlyInAnyOrderEntriesOf(Map.of("1", 2L, "0", 1L));
        assertThat(ReferenceBuilder.labeled(rows.get(0)).label()).isEqualTo("1");
        assertThat(ReferenceBuilder.labeled(new ReferenceBuilder.Row(Map.of(), null))
                        .label())
                .isEqualTo("null");
    }
}
