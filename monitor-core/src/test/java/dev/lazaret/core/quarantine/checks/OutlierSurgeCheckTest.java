package dev.lazaret.core.quarantine.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code outlier-surge} check compares the batch's outlier rows with the reference's own count of them, so the same
 * few outliers are evidence against a large reference and not against a small one.
 */
class OutlierSurgeCheckTest {
    /** Far beyond 6 robust sd of a standard normal's median. */
    private static final double OUTLIER = 30.0;

    @Test
    void shouldPassAFewOutliersAgainstASmallReference() {
        // no outlier among 384 reference rows: its rate is the floor 0.001, 0.4 rows, counted as 0
        ReferenceBundle reference = NormalRows.reference(384, new Random(1));
        CheckResult surge = surge(reference, 6);

        // scipy.stats.fisher_exact([[6, 194], [0, 384]], alternative='greater').pvalue -> 0.001534680924422194;
        // a binomial test against the rate as known, binomtest(6, 200, 0.001, alternative='greater'), gives 7.0e-08
        assertThat(surge.status()).isEqualTo(CheckStatus.PASS);
        assertThat(surge.evidence()).contains("6 of 200 records").contains("p=0.0015");
    }

    @Test
    void shouldHoldTheSameOutliersAgainstALargeReference() {
        ReferenceBundle reference = NormalRows.reference(20_000, new Random(1));
        CheckResult surge = surge(reference, 6);

        // fisher_exact([[6, 194], [20, 19980]], alternative='greater').pvalue -> 1.7058946521240615e-07
        assertThat(surge.status()).isEqualTo(CheckStatus.HOLD);
        assertThat(surge.evidence()).contains("p=1.7e-07");
    }

    @Test
    void shouldHoldManyOutliersAgainstASmallReference() {
        ReferenceBundle reference = NormalRows.reference(384, new Random(1));

        assertThat(surge(reference, 20).status()).isEqualTo(CheckStatus.HOLD);
    }

    private static CheckResult surge(ReferenceBundle reference, int outliers) {
        return NormalRows.check(
                CheckName.OUTLIER_SURGE, reference, NormalRows.withXAt(200, outliers, OUTLIER, new Random(2)));
    }
}
