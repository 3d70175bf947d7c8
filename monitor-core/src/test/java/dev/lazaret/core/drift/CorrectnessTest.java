package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Predictions (events) and labels (feedback) are counted under the same category as reference import's labels. */
class CorrectnessTest {

    @Test
    void shouldCountPredictionAndFeedbackLabelsUnderOneCategoryWhenFormsDiffer() {
        assertThat(Correctness.category(1.0)).isEqualTo("1");
        assertThat(Correctness.category("1")).isEqualTo("1");
        assertThat(Correctness.category("1.0")).isEqualTo("1");
        assertThat(Correctness.category(1)).isEqualTo("1");
    }

    @Test
    void shouldNotCountAnErrorWhenPredictionAndLabelAreTheSameNumberInOtherForms() {
        assertThat(Correctness.isError("1", "1.0")).isFalse();
        assertThat(Correctness.isError("0", "1")).isTrue();
    }
}
