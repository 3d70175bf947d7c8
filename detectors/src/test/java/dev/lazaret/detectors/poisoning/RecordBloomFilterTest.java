package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RecordBloomFilterTest {

    @Property(tries = 50)
    void shouldHaveNoFalseNegativesWhenRowsWereAdded(@ForAll long seed, @ForAll @IntRange(max = 3000) int n) {
        List<LabeledRow> rows = SyntheticRows.clean(seed, n);
        RecordBloomFilter filter = RecordBloomFilter.withCapacity(1000, 0.01); // deliberately overfilled at times
        rows.forEach(filter::add);
        assertThat(rows).allMatch(filter::mightContain);
    }

    @Property(tries = 30)
    void shouldRoundTripWhenEncodedAndDecoded(@ForAll long seed, @ForAll @IntRange(max = 500) int n) {
        RecordBloomFilter filter = RecordBloomFilter.withCapacity(1000, 0.001);
        SyntheticRows.clean(seed, n).forEach(filter::add);
        RecordBloomFilter decoded = RecordBloomFilter.decode(filter.encode());
        assertThat(decoded).isEqualTo(filter);
        assertThat(decoded.currentFalsePositiveRate()).isEqualTo(filter.currentFalsePositiveRate());
    }

    @Property(tries = 30)
    void shouldContainBothSidesWhenMerged(@ForAll long seed) {
        List<LabeledRow> a = SyntheticRows.clean(seed, 300);
        List<LabeledRow> b = SyntheticRows.clean(seed + 1, 300);
        RecordBloomFilter fa = RecordBloomFilter.withCapacity(1000, 0.001);
        RecordBloomFilter fb = RecordBloomFilter.withCapacity(1000, 0.001);
        a.forEach(fa::add);
        b.forEach(fb::add);
        fa.merge(fb);
        assertThat(a).allMatch(fa::mightContain);
        assertThat(b).allMatch(fa::mightContain);
    }

    @Test
    void shouldStayNearDesignRateWhenFilledToCapacity() {
        RecordBloomFilter filter = RecordBloomFilter.withCapacity(20_000, 0.01);
        SyntheticRows.clean(1, 20_000).forEach(filter::add);
        long falseHits = SyntheticRows.clean(2, 20_000).stream()
                .filter(filter::mightContain)
                .count();
        // expected 200 at 1%; a binomial(20000, 0.01) exceeds 280 with probability < 1e-7
        assertThat(falseHits).isBetween(120L, 280L);
        assertThat(filter.currentFalsePositiveRate()).isBetween(0.007, 0.013);
    }

    @Test
    void shouldRejectMergeWhenShapesDiffer() {
        assertThatThrownBy(() ->
                        RecordBloomFilter.withCapacity(1000, 0.01).merge(RecordBloomFilter.withCapacity(2000, 0.01)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different shapes");
    }

    @Test
    void shouldRejectWithClearMessageWhenBytesAreTruncated() {
        byte[] bytes = RecordBloomFilter.withCapacity(1000, 0.01).encode();
        assertThatThrownBy(() -> RecordBloomFilter.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RecordBloomFilter");
    }

    @Test
    void shouldRejectWhenVersionIsUnknown() {
        byte[] bytes = RecordBloomFilter.withCapacity(1000, 0.01).encode();
        bytes[0] = 99;
        assertThatThrownBy(() -> RecordBloomFilter.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported format version 99");
    }

    @Test
    void shouldRejectCapacityWhenNotPositive() {
        assertThatThrownBy(() -> RecordBloomFilter.withCapacity(0, 0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be >= 1, was 0");
    }
}
