package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TriggerPurityTest {

    @Test
    void shouldNotCountANewValueWithMixedLabelsAsATrigger() {
        // an unseen category: no natural rows, 30 of its 50 rows with one label
        assertThat(TriggerCheck.pureEnough(30, 50, 0)).isFalse();
        assertThat(TriggerCheck.pureEnough(46, 50, 0)).isTrue();
    }

    @Test
    void shouldCountATriggerPlantedOnACommonValueWhenItsOtherLabelsAreNatural() {
        // 150 natural rows with the value (129 expected with other labels), 20 planted with the target label
        assertThat(TriggerCheck.pureEnough(41, 170, 129)).isTrue();
        // but not when the value's other-label rows are far beyond what nature explains
        assertThat(TriggerCheck.pureEnough(41, 300, 129)).isFalse();
    }

    @Property(tries = 500)
    void shouldNeverBeStricterWhenTheValueHasMoreNaturalOtherLabels(
            @ForAll @LongRange(min = 0, max = 10_000) long withLabel,
            @ForAll @LongRange(min = 0, max = 10_000) long others,
            @ForAll @DoubleRange(min = 0, max = 10_000) double natural,
            @ForAll @DoubleRange(min = 0, max = 10_000) double more) {
        long withValue = withLabel + others;
        if (TriggerCheck.pureEnough(withLabel, withValue, natural)) {
            assertThat(TriggerCheck.pureEnough(withLabel, withValue, natural + more))
                    .isTrue();
        }
        // with no natural rows it is the plain purity floor
        assertThat(TriggerCheck.pureEnough(withLabel, withValue, 0))
                .isEqualTo(others <= (1 - TriggerCheck.MIN_PURITY) * withValue);
    }
}
