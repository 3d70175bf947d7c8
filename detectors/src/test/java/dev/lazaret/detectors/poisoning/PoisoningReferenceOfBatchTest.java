package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The reference derived from a batch's accumulator ({@link PoisoningReference#of(BatchPoisoningAccumulator)}) is the
 * one built row by row from the same rows over the same bins: the candidate an approved batch publishes needs no
 * second pass over its records.
 */
class PoisoningReferenceOfBatchTest {
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();
    private static final PoisoningReference REFERENCE = PoisoningReference.build(SyntheticRows.clean(5, 3000), CONFIG);
    private static final RecordBloomFilter APPROVED = approved();

    private static RecordBloomFilter approved() {
        RecordBloomFilter f = RecordBloomFilter.withCapacity(10_000, 1e-3);
        SyntheticRows.clean(6, 500).forEach(f::add);
        return f;
    }

    /**
     * Up to 5,000 rows with repeats and replayed rows: past the sample's 1,000 rows and past the 0.75 x map size
     * distinct values after which the frequent-items sketches purge, so the approximate regime is compared too.
     */
    @Property(tries = 15)
    void shouldEqualTheReferenceBuiltRowByRowWhenDerivedFromTheBatchAccumulator(
            @ForAll long seed, @ForAll @IntRange(max = 5000) int n) {
        List<LabeledRow> rows = batch(seed, n);
        BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(REFERENCE, APPROVED, CONFIG);
        PoisoningReference rowByRow = PoisoningReference.create(REFERENCE.bins(), CONFIG);
        for (LabeledRow row : rows) {
            batch.update(row);
            rowByRow.update(row);
        }

        PoisoningReference derived = PoisoningReference.of(batch);

        // both through one decode: a heapified frequent-items sketch may order its bytes differently than the live one
        assertThat(derived.encode())
                .isEqualTo(PoisoningReference.decode(rowByRow.encode()).encode());
        assertThat(derived.rows()).isEqualTo(rows.size());
        assertThat(derived.bins()).isEqualTo(REFERENCE.bins());
        assertThat(derived.labelCounts()).isEqualTo(rowByRow.labelCounts());
        assertThat(derived.sample().size()).isEqualTo(rowByRow.sample().size());
        long distinct = rows.stream()
                .map(r -> RowFingerprints.contentHash(r)[0])
                .distinct()
                .count();
        assertThat(derived.sample().size()).isEqualTo(Math.min(distinct, NeighbourSample.CAPACITY));
        List<LabeledRow> probe = SyntheticRows.clean(seed + 1, 800);
        assertThat(signals(derived, probe)).isEqualTo(signals(rowByRow, probe));
    }

    @Example
    void shouldEqualTheImmediateAccumulatorsReferenceWhenTheReplayCheckWasDeferred() {
        List<LabeledRow> rows = batch(3, 2500);
        BatchPoisoningAccumulator immediate = BatchPoisoningAccumulator.create(REFERENCE, APPROVED, CONFIG);
        BatchPoisoningAccumulator deferred = BatchPoisoningAccumulator.createDeferringReplays(REFERENCE, CONFIG);
        ContentHashes hashes = new ContentHashes();
        for (LabeledRow row : rows) {
            long[] content = ContentHashes.of(row);
            immediate.update(row);
            deferred.update(row, content);
            hashes.add(content);
        }
        deferred.checkReplays(APPROVED, hashes);

        assertThat(PoisoningReference.of(deferred).encode())
                .isEqualTo(PoisoningReference.of(immediate).encode());
    }

    @Example
    void shouldNotChangeWhenTheBatchGoesOnAccumulating() {
        BatchPoisoningAccumulator batch = BatchPoisoningAccumulator.create(REFERENCE, APPROVED, CONFIG);
        batch(4, 1500).forEach(batch::update);
        PoisoningReference derived = PoisoningReference.of(batch);
        byte[] before = derived.encode();

        batch(7, 1500).forEach(batch::update);

        assertThat(derived.encode()).isEqualTo(before);
        assertThat(derived.rows()).isEqualTo(1500);
    }

    private static List<LabeledRow> batch(long seed, int n) {
        List<LabeledRow> rows = SyntheticRows.copies(SyntheticRows.clean(seed, n), 0.1, 0, seed);
        return SyntheticRows.replay(rows, SyntheticRows.clean(6, 500), 0.1, seed);
    }

    /** What each poisoning check says of {@code probe} against {@code reference}: name, flag, score and evidence. */
    private static List<String> signals(PoisoningReference reference, List<LabeledRow> probe) {
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(reference, APPROVED, CONFIG);
        probe.forEach(acc::update);
        return PoisoningChecks.evaluate(reference, acc).stream()
                .map(s -> s.check() + " " + s.flagged() + " " + s.score() + " " + s.evidence())
                .toList();
    }
}
