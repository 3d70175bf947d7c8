package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Content hashes kept for later stand in for their rows: in a filter, in a replay count, and through the codec. */
class ContentHashesTest {
    @Property(tries = 20)
    void shouldFillTheFilterAsAddingTheRowsDoesWhenAddedToIt(
            @ForAll long seed, @ForAll @IntRange(max = 3000) int n, @ForAll @IntRange(max = 3000) int earlier) {
        List<LabeledRow> rows = SyntheticRows.clean(seed, n);
        RecordBloomFilter byRow = RecordBloomFilter.withCapacity(5_000, 1e-3);
        SyntheticRows.clean(seed + 1, earlier).forEach(byRow::add);
        RecordBloomFilter byHash = byRow.copy();
        ContentHashes hashes = new ContentHashes();
        rows.forEach(r -> hashes.add(ContentHashes.of(r)));

        long before = hashes.countIn(byRow);
        assertThat(before).isEqualTo(rows.stream().filter(byRow::mightContain).count());
        rows.forEach(byRow::add);
        hashes.addTo(byHash);

        assertThat(byHash.encode()).isEqualTo(byRow.encode());
        assertThat(hashes.countIn(byHash)).isEqualTo(n);
        ContentHashes decoded = ContentHashes.decode(hashes.encode());
        assertThat(decoded.size()).isEqualTo(n);
        assertThat(decoded.encode()).isEqualTo(hashes.encode());
    }

    @Test
    void shouldRefuseBytesThatAreNotContentHashes() {
        ContentHashes hashes = new ContentHashes();
        hashes.add(new long[] {1, 2});
        byte[] bytes = hashes.encode();
        assertThatThrownBy(() -> ContentHashes.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentHashes.decode(
                        RecordBloomFilter.withCapacity(10, 0.1).encode()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
