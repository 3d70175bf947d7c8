package dev.lazaret.detectors.outlier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.detectors.rate.BinomialExcess;
import dev.lazaret.detectors.rate.BinomialExcessResult;
import org.junit.jupiter.api.Test;

/** The deprecated outlier form must give exactly what {@link BinomialExcess} gives: callers may switch freely. */
@SuppressWarnings("deprecation")
class OutlierRateStatisticTest {
    @Test
    void shouldAgreeWithBinomialExcessWhenDelegating() {
        OutlierRateResult old = OutlierRateStatistic.test(150, 1000, 0.1);
        BinomialExcessResult now = BinomialExcess.test(150, 1000, 0.1);
        assertThat(old.pValue()).isEqualTo(now.pValue());
        assertThat(old.statistic()).isEqualTo(now.rate());
        assertThat(old.effect()).isEqualTo(now.effect());
        assertThat(old.reject(0.01, 2.0)).isEqualTo(now.reject(0.01, 2.0)).isFalse();
    }

    @Test
    void shouldKeepRefusingZeroReferenceRateWhenCalledTheOldWay() {
        assertThatThrownBy(() -> OutlierRateStatistic.test(1, 10, 0)).hasMessageContaining("referenceRate");
    }
}
