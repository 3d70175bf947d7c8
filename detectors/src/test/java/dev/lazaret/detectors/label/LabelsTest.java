package dev.lazaret.detectors.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void shouldGiveOneClassWhenTheSameNumberComesAsIntegerDoubleOrText() {
        assertThat(Labels.category(1)).isEqualTo("1");
        assertThat(Labels.category(1L)).isEqualTo("1");
        assertThat(Labels.category(1.0)).isEqualTo("1");
        assertThat(Labels.category("1")).isEqualTo("1");
        assertThat(Labels.category("1.0")).isEqualTo("1");
        assertThat(Labels.category("1e0")).isEqualTo("1");
        assertThat(Labels.category(-2.0)).isEqualTo("-2");
    }

    @Test
    void shouldKeepTheShortestDecimalWhenTheNumberHasAFraction() {
        assertThat(Labels.category(0.5)).isEqualTo("0.5");
        assertThat(Labels.category("0.50")).isEqualTo("0.5");
    }

    @Test
    void shouldKeepTextAndCodesWithLeadingZerosAsTheyAre() {
        assertThat(Labels.category("007")).isEqualTo("007");
        assertThat(Labels.category("pos")).isEqualTo("pos");
        assertThat(Labels.category(" 1")).isEqualTo(" 1");
        assertThat(Labels.category(true)).isEqualTo("true");
        assertThat(Labels.category(null)).isNull();
    }

    @Test
    void shouldCountOneLabelCategoryWhenAProfileSeesTheThreeForms() {
        DatasetProfile profile = DatasetProfile.create();
        profile.update(Map.of("x", 1.0), 1.0);
        profile.update(Map.of("x", 2.0), "1");
        profile.update(Map.of("x", 3.0), 1);
        profile.update(Map.of("x", 4.0), 0.0);

        assertThat(profile.label().counts()).containsExactlyInAnyOrderEntriesOf(Map.of("1", 3L, "0", 1L));
    }
}
