package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Codec round trips, merge equivalence and garbage rejection for the reference and batch state. */
class PoisoningStateTest {
    private static final PoisoningConfig CONFIG = PoisoningConfig.defaults();
    private static final PoisoningReference REFERENCE = PoisoningReference.build(SyntheticRows.clean(5, 3000), CONFIG);
    private static final RecordBloomFilter APPROVED = approved();

    private static RecordBloomFilter approved() {
        RecordBloomFilter f = RecordBloomFilter.withCapacity(10_000, 1e-3);
        SyntheticRows.clean(6, 500).forEach(f::add);
        return f;
    }

    /** A batch with some duplicates and replayed rows, so every part of the state is non-trivial. */
    private static List<LabeledRow> batch(long seed, int n) {
        List<LabeledRow> rows = SyntheticRows.copies(SyntheticRows.clean(seed, n), 0.1, 0, seed);
        return SyntheticRows.replay(rows, SyntheticRows.clean(6, 500), 0.1, seed);
    }

    private static BatchPoisoningAccumulator accumulate(List<LabeledRow> rows) {
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(REFERENCE, APPROVED, CONFIG);
        rows.forEach(acc::update);
        return acc;
    }

    private static void assertSameSignals(List<PoisoningSignal> actual, List<PoisoningSignal> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            PoisoningSignal a = actual.get(i);
            PoisoningSignal e = expected.get(i);
            assertThat(a.check()).isEqualTo(e.check());
            assertThat(a.flagged()).as(e.check()).isEqualTo(e.flagged());
            assertThat(a.score()).as(e.check()).isCloseTo(e.score(), within(1e-9));
            if (!e.check().equals(CentroidCheck.NAME)) { // its evidence prints sums whose last bits depend on order
                assertThat(a.evidence()).isEqualTo(e.evidence());
            }
        }
    }

    @Property(tries = 25)
    void shouldEqualConcatenatedStreamWhenBatchAccumulatorsMerge(
            @ForAll long seed,
            @ForAll @IntRange(min = 20, max = 2000) int n,
            @ForAll @IntRange(max = 100) int splitPct) {
        List<LabeledRow> rows = batch(seed, n);
        int split = rows.size() * splitPct / 100;
        BatchPoisoningAccumulator left = accumulate(rows.subList(0, split));
        left.merge(accumulate(rows.subList(split, rows.size())));
        assertThat(left.rows()).isEqualTo(rows.size());
        // a value or grid cell seen once in each half is counted twice after the merge, but neither half kept its
        // text (a batch keeps a token's text from its second sighting): backdoor-trigger then names it by its key, so
        // such a candidate is compared from its label on (counts, p-values and levels); every other one in full
        BatchPoisoningAccumulator stream = accumulate(rows);
        List<PoisoningSignal> merged = PoisoningChecks.evaluate(REFERENCE, left);
        List<PoisoningSignal> whole = PoisoningChecks.evaluate(REFERENCE, stream);
        if (!left.contentCountsExact() || !stream.contentCountsExact()) {
            // a purged content sketch's lower bounds depend on the split, so duplicate-flood's most repeated content
            // may differ within the sketch's error; its repeat counts (exact theta sketches), flag and score may not
            merged = withoutMostRepeatedContent(merged);
            whole = withoutMostRepeatedContent(whole);
        }
        assertSameSignals(withTextsLostInMergeFrom(merged, whole), whole);
    }

    private static List<PoisoningSignal> withoutMostRepeatedContent(List<PoisoningSignal> signals) {
        return signals.stream()
                .map(s -> s.check().equals(DuplicationChecks.DUPLICATES)
                        ? new PoisoningSignal(
                                s.check(),
                                s.score(),
                                s.threshold(),
                                s.flagged(),
                                s.evidence().substring(0, s.evidence().indexOf("; most repeated content:")))
                        : s)
                .toList();
    }

    /** {@code merged}, with each trigger candidate whose text the merge lost described as {@code whole} does. */
    private static List<PoisoningSignal> withTextsLostInMergeFrom(
            List<PoisoningSignal> merged, List<PoisoningSignal> whole) {
        assertThat(merged).hasSameSizeAs(whole);
        List<PoisoningSignal> out = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            PoisoningSignal m = merged.get(i);
            if (!m.check().equals(TriggerCheck.NAME) || !whole.get(i).check().equals(TriggerCheck.NAME)) {
                out.add(m);
                continue;
            }
            String[] mine = m.evidence().split("; ");
            String[] theirs = whole.get(i).evidence().split("; ");
            assertThat(mine).hasSameSizeAs(theirs);
            for (int c = 0; c < mine.length; c++) {
                int label = mine[c].indexOf(" with label ");
                int theirLabel = theirs[c].indexOf(" with label ");
                if (mine[c].contains("(its text was not kept)") && label >= 0 && theirLabel >= 0) {
                    mine[c] = theirs[c].substring(0, theirLabel) + mine[c].substring(label);
                }
            }
            out.add(new PoisoningSignal(m.check(), m.score(), m.threshold(), m.flagged(), String.join("; ", mine)));
        }
        return out;
    }

    @Property(tries = 15)
    void shouldEqualConcatenatedStreamWhenReferencesMerge(
            @ForAll long seed, @ForAll @IntRange(max = 100) int splitPct) {
        List<LabeledRow> rows = SyntheticRows.clean(seed, 1500);
        int split = rows.size() * splitPct / 100;
        PoisoningReference left = PoisoningReference.create(REFERENCE.bins(), CONFIG);
        PoisoningReference right = PoisoningReference.create(REFERENCE.bins(), CONFIG);
        PoisoningReference whole = PoisoningReference.create(REFERENCE.bins(), CONFIG);
        rows.subList(0, split).forEach(left::update);
        rows.subList(split, rows.size()).forEach(right::update);
        rows.forEach(whole::update);
        left.merge(right);
        assertThat(left.labelCounts()).isEqualTo(whole.labelCounts());
        assertThat(left.binLabels()).isEqualTo(whole.binLabels());
        List<LabeledRow> probe = batch(seed + 1, 1000);
        assertSameSignals(
                PoisoningChecks.evaluate(left, accumulateAgainst(left, probe)),
                PoisoningChecks.evaluate(whole, accumulateAgainst(whole, probe)));
    }

    private static BatchPoisoningAccumulator accumulateAgainst(PoisoningReference ref, List<LabeledRow> rows) {
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(ref, APPROVED, CONFIG);
        rows.forEach(acc::update);
        return acc;
    }

    @Property(tries = 15)
    void shouldEqualTheImmediateReplayCheckWhenTheCheckIsDeferred(
            @ForAll long seed, @ForAll @IntRange(max = 2000) int n) {
        List<LabeledRow> rows = batch(seed, n);
        BatchPoisoningAccumulator deferred = BatchPoisoningAccumulator.createDeferringReplays(REFERENCE, CONFIG);
        ContentHashes hashes = new ContentHashes();
        for (LabeledRow row : rows) {
            long[] content = ContentHashes.of(row);
            hashes.add(content);
            deferred.update(row, content);
        }
        assertThatThrownBy(deferred::encode).isInstanceOf(IllegalStateException.class);
        ContentHashes oneMore = new ContentHashes();
        rows.forEach(r -> oneMore.add(ContentHashes.of(r)));
        oneMore.add(new long[] {1, 2});
        assertThatThrownBy(() -> deferred.checkReplays(APPROVED, oneMore)).isInstanceOf(IllegalArgumentException.class);

        deferred.checkReplays(APPROVED, hashes);

        BatchPoisoningAccumulator immediate = accumulate(rows);
        assertThat(deferred.replayHits()).isEqualTo(immediate.replayHits());
        assertThat(deferred.encode()).isEqualTo(immediate.encode());
        assertSameSignals(
                PoisoningChecks.evaluate(REFERENCE, deferred), PoisoningChecks.evaluate(REFERENCE, immediate));
        assertThatThrownBy(() -> deferred.checkReplays(APPROVED, hashes)).isInstanceOf(IllegalStateException.class);
    }

    @Property(tries = 20)
    void shouldRoundTripWhenBatchEncodedAndDecoded(@ForAll long seed, @ForAll @IntRange(max = 2000) int n) {
        BatchPoisoningAccumulator acc = accumulate(batch(seed, n));
        BatchPoisoningAccumulator decoded = BatchPoisoningAccumulator.decode(acc.encode(), REFERENCE, APPROVED, CONFIG);
        assertSameSignals(PoisoningChecks.evaluate(REFERENCE, decoded), PoisoningChecks.evaluate(REFERENCE, acc));
    }

    @Property(tries = 10)
    void shouldRoundTripWhenReferenceEncodedAndDecoded(@ForAll long seed) {
        PoisoningReference ref = PoisoningReference.build(SyntheticRows.clean(seed, 1000), CONFIG);
        PoisoningReference decoded = PoisoningReference.decode(ref.encode());
        assertThat(decoded.bins()).isEqualTo(ref.bins());
        assertThat(decoded.labelCounts()).isEqualTo(ref.labelCounts());
        // sketch bytes may reorder after heapify, so compare behaviour: the same batch must score the same
        List<LabeledRow> probe = batch(seed + 1, 1000);
        assertSameSignals(
                PoisoningChecks.evaluate(decoded, accumulateAgainst(decoded, probe)),
                PoisoningChecks.evaluate(ref, accumulateAgainst(ref, probe)));
    }

    @Property(tries = 10)
    void shouldRoundTripWhenBinsAccumulatorEncodedAndDecoded(@ForAll long seed) {
        FeatureBinsAccumulator acc = FeatureBinsAccumulator.create();
        SyntheticRows.clean(seed, 1000).forEach(acc::update);
        assertThat(FeatureBinsAccumulator.decode(acc.encode()).toBins(10)).isEqualTo(acc.toBins(10));
        assertThat(FeatureBins.decode(acc.toBins(10).encode())).isEqualTo(acc.toBins(10));
    }

    @Property(tries = 200)
    void shouldThrowOnlyIllegalArgumentWhenDecodingGarbage(@ForAll byte[] garbage) {
        for (Runnable decode : List.<Runnable>of(
                () -> PoisoningReference.decode(garbage),
                () -> BatchPoisoningAccumulator.decode(garbage, REFERENCE, APPROVED, CONFIG),
                () -> FeatureBins.decode(garbage),
                () -> FeatureBinsAccumulator.decode(garbage),
                () -> RecordBloomFilter.decode(garbage))) {
            try {
                decode.run();
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).startsWith("Cannot decode");
            }
        }
    }

    @Test
    void shouldRejectWithClearMessageWhenReferenceBytesTruncated() {
        byte[] bytes = REFERENCE.encode();
        assertThatThrownBy(() -> PoisoningReference.decode(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot decode PoisoningReference");
    }

    @Test
    void shouldRejectWhenBatchBytesAreAReference() {
        byte[] reference = REFERENCE.encode();
        // same version byte as a batch state, so that the kind byte is what tells them apart
        reference[0] =
                BatchPoisoningAccumulator.create(REFERENCE, APPROVED, CONFIG).encode()[0];
        assertThatThrownBy(() -> BatchPoisoningAccumulator.decode(reference, REFERENCE, APPROVED, CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encode something else");
    }

    @Test
    void shouldRefuseAnOlderBatchStateSoThatItsPassRestarts() {
        // version 4 kept no sample of the batch's own rows (the candidate reference derived from it needs one) and no
        // label with a vote (the per-class targeted-flip test needs it), version 3 no values of outvoted rows: the core
        // restarts the batch's pass on IllegalArgumentException (EvaluationStep.resume)
        byte[] state = accumulate(batch(3, 200)).encode();
        assertThat(state[0]).isEqualTo((byte) 5);
        for (byte older : new byte[] {3, 4}) {
            state[0] = older;
            assertThatThrownBy(() -> BatchPoisoningAccumulator.decode(state, REFERENCE, APPROVED, CONFIG))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unsupported format version " + older);
        }
    }

    @Test
    void shouldRejectEvaluationWhenBatchUsesOtherBins() {
        PoisoningReference other = PoisoningReference.build(SyntheticRows.clean(77, 1000), CONFIG);
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(other, null, CONFIG);
        assertThatThrownBy(() -> PoisoningChecks.evaluate(REFERENCE, acc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other bins");
    }

    @Test
    void shouldRejectRowWhenFeatureTypeUnsupported() {
        assertThatThrownBy(() -> new LabeledRow(java.util.Map.of("x", List.of(1)), "pos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'x' has unsupported type");
    }

    @Test
    void shouldHashRowsEquallyWhenNumbersDifferOnlyInType() {
        LabeledRow a = new LabeledRow(java.util.Map.of("x", 1, "c", "a"), "pos");
        LabeledRow b = new LabeledRow(java.util.Map.of("c", "a", "x", 1.0), "pos");
        assertThat(RowFingerprints.contentHash(a)).isEqualTo(RowFingerprints.contentHash(b));
    }

    @Test
    void shouldRejectConfigWhenThresholdOutOfRange() {
        PoisoningConfig d = PoisoningConfig.defaults();
        assertThatThrownBy(() -> new PoisoningConfig(
                        d.numericBins(),
                        d.maxCategoriesPerFeature(),
                        d.maxLabels(),
                        1000,
                        d.distinctLgK(),
                        d.labelShiftAlpha(),
                        d.labelShiftMinTvd(),
                        d.flipFdr(),
                        d.flipMinTvd(),
                        d.flipMinBinRows(),
                        d.triggerMinBatchShare(),
                        d.triggerMinLift(),
                        d.triggerCellStd(),
                        d.duplicateMaxShare(),
                        d.nearDuplicateMaxShare(),
                        d.nearDuplicateCellStd(),
                        d.replayMaxShare(),
                        d.replayAlpha(),
                        d.centroidMaxDistance(),
                        d.centroidMinClassRows()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of 2, was 1000");
    }

    @Test
    void shouldFlagNothingWhenBatchIsEmpty() {
        List<PoisoningSignal> signals =
                PoisoningChecks.evaluate(REFERENCE, BatchPoisoningAccumulator.create(REFERENCE, APPROVED, CONFIG));
        assertThat(signals).hasSize(8).noneMatch(PoisoningSignal::flagged);
        assertThat(signals).allMatch(s -> Double.isFinite(s.score()));
    }

    @Test
    void shouldRefuseDecodeWhenReferenceScalesChangedSinceEncoding() {
        PoisoningReference ref = PoisoningReference.decode(REFERENCE.encode());
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(ref, APPROVED, CONFIG);
        batch(3, 200).forEach(acc::update);
        byte[] bytes = acc.encode();
        SyntheticRows.clean(4, 500).forEach(ref::update); // promotion moves the mean and sd
        assertThatThrownBy(() -> BatchPoisoningAccumulator.decode(bytes, ref, APPROVED, CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature scales changed");
    }

    @Test
    void shouldReportLabelShiftWhenBatchHasLabelUnseenInReference() {
        BatchPoisoningAccumulator acc = BatchPoisoningAccumulator.create(REFERENCE, APPROVED, CONFIG);
        List<LabeledRow> rows = SyntheticRows.clean(8, 2000);
        for (int i = 0; i < rows.size(); i++) {
            LabeledRow r = rows.get(i);
            acc.update(i % 5 == 0 ? new LabeledRow(r.features(), "brand-new") : r);
        }
        PoisoningSignal shift = PoisoningChecks.evaluate(REFERENCE, acc).get(0);
        assertThat(shift.flagged()).isTrue();
        assertThat(shift.evidence()).contains("brand-new=0.200");
    }
}
