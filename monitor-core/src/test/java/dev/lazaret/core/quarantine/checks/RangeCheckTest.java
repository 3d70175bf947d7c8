package dev.lazaret.core.quarantine.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@code range} check: a share of values outside the widened reference range, beyond what chance leaves there. */
class RangeCheckTest {
    /** Far beyond the range of normal values widened by 10% (about -4.4 to 4.4 for 20,000 of them). */
    private static final double FAR_OUT = 50.0;

    @Test
    void shouldPassAFewValuesOutsideTheRangeOfASmallReference() {
        ReferenceBundle reference = reference(384, new Random(1));
        // 4 of 200 (2%, above the 1% threshold): a reference of 384 values leaves at least 4 outside with chance 0.05
        CheckResult range = range(reference, batch(200, 4, new Random(2)));

        assertThat(range.status()).isEqualTo(CheckStatus.PASS);
        assertThat(range.score()).isGreaterThan(0.01);
        assertThat(range.evidence())
                .contains("feature 'x'")
                .contains("384 values")
                .contains("within chance");
    }

    @Test
    void shouldHoldManyValuesOutsideTheRangeOfASmallReference() {
        ReferenceBundle reference = reference(384, new Random(1));
        CheckResult range = range(reference, batch(200, 30, new Random(2)));

        assertThat(range.status()).isEqualTo(CheckStatus.HOLD);
        assertThat(range.evidence()).contains("feature 'x'").doesNotContain("within chance");
    }

    @Test
    void shouldHoldTheSameFewValuesOutsideTheRangeOfALargeReference() {
        // 20,000 values leave 0.02 of 200 outside by chance: 4 is far beyond it
        ReferenceBundle reference = reference(20_000, new Random(1));
        CheckResult range = range(reference, batch(200, 4, new Random(2)));

        assertThat(range.status()).isEqualTo(CheckStatus.HOLD);
        assertThat(range.evidence()).contains("feature 'x'").contains("20000 values");
    }

    @Test
    void shouldPassACleanBatch() {
        ReferenceBundle reference = reference(384, new Random(1));
        CheckResult range = range(reference, batch(200, 0, new Random(2)));

        assertThat(range.status()).isEqualTo(CheckStatus.PASS);
    }

    /** Clean rows, the first {@code outside} of them with {@code x} far beyond any reference's range. */
    private static List<ReferenceBuilder.Row> batch(int rows, int outside, Random random) {
        return NormalRows.withXAt(rows, outside, FAR_OUT, random);
    }

    private static ReferenceBundle reference(int rows, Random random) {
        return NormalRows.reference(rows, random);
    }

    private static CheckResult range(ReferenceBundle reference, List<ReferenceBuilder.Row> batch) {
        return NormalRows.check(CheckName.RANGE, reference, batch);
    }
}
