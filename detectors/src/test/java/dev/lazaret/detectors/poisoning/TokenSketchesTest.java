package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.memory.Memory;

/** Token sketches over 64-bit keys against the string sketches of the tokens' text they replace. */
class TokenSketchesTest {
    private static final int MAP_SIZE = 256;
    /** Distinct tokens a stream may hold so that both sketches stay exact (0.75 x map size). */
    private static final int CAPACITY = MAP_SIZE * 3 / 4;

    /** One value of a stream: a feature value or a grid cell, with a label. */
    record Token(Object value, int grid, long cell, String label) {
        String text() {
            return grid < 0 ? RowFingerprints.token(value) : FeatureBins.gridToken(grid, cell);
        }

        long key() {
            return grid < 0 ? TokenHashes.value(value) : TokenHashes.cell(grid, cell);
        }
    }

    @Property(tries = 200)
    void shouldCountEachTokenAsTheStringSketchDoesWhileBelowCapacity(@ForAll("streams") List<Token> stream) {
        ItemsSketch<String> strings = new ItemsSketch<>(MAP_SIZE);
        ItemsSketch<String> labelledStrings = new ItemsSketch<>(MAP_SIZE);
        TokenSketches keys = TokenSketches.named(MAP_SIZE);
        TokenSketches labelledKeys = new TokenSketches(MAP_SIZE);
        for (Token t : stream) {
            strings.update(t.text());
            labelledStrings.update(t.text() + '\u0000' + t.label());
            if (keys.add("f", t.key())) {
                keys.name("f", t.key(), t.text());
            }
            labelledKeys.add("f", TokenHashes.withLabel(t.key(), TokenHashes.label(t.label())));
        }
        for (Token t : stream) {
            assertThat(keys.estimate("f", t.key())).isEqualTo(strings.getEstimate(t.text()));
            assertThat(keys.upperBound("f", t.key())).isEqualTo(strings.getUpperBound(t.text()));
            long labelled = TokenHashes.withLabel(t.key(), TokenHashes.label(t.label()));
            assertThat(labelledKeys.estimate("f", labelled))
                    .isEqualTo(labelledStrings.getEstimate(t.text() + '\u0000' + t.label()));
            // named from the second time on, by the text it stands for
            assertThat(keys.nameOf("f", t.key())).isEqualTo(strings.getEstimate(t.text()) >= 2 ? t.text() : null);
        }
        if (!stream.isEmpty()) {
            assertThat(keys.asMap().get("f").getNumActiveItems()).isEqualTo(strings.getNumActiveItems());
            assertThat(labelledKeys.asMap().get("f").getNumActiveItems())
                    .isEqualTo(labelledStrings.getNumActiveItems());
        }
    }

    @Property(tries = 100)
    void shouldConvertTheStringSketchToKeysWithItsCountsAndError(
            @ForAll("streams") List<Token> stream, @ForAll @IntRange(min = 0, max = 3000) int distinctMore) {
        // past capacity too: the conversion carries each tracked item's count and the sketch's error offset
        ItemsSketch<String> counted = new ItemsSketch<>(MAP_SIZE);
        stream.forEach(t -> counted.update(t.text()));
        for (int i = 0; i < distinctMore; i++) {
            counted.update(RowFingerprints.token(1e6 + i));
        }
        byte[] stored = counted.toByteArray(new ArrayOfStringsSerDe());
        StateWriter w = new StateWriter((byte) 0, (byte) 0);
        w.writeInt(1).writeString("f").writeBytes(stored);
        TokenSketches keys = StateReader.decode(
                w.toByteArray(), "test", (byte) 0, (byte) 0, r -> TokenSketches.readText(r, MAP_SIZE));
        // what a format-1 reference held: a sketch whose items were all purged was stored empty, without its error
        ItemsSketch<String> strings = ItemsSketch.getInstance(Memory.wrap(stored), new ArrayOfStringsSerDe());

        LongsSketch converted = keys.asMap().get("f");
        assertThat(converted.getMaximumError()).isEqualTo(strings.getMaximumError());
        assertThat(converted.getStreamLength()).isEqualTo(strings.getStreamLength());
        assertThat(converted.getNumActiveItems()).isEqualTo(strings.getNumActiveItems());
        for (ItemsSketch.Row<String> row : strings.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            long key = TokenHashes.ofText(row.getItem());
            assertThat(keys.lowerBound("f", key)).isEqualTo(row.getLowerBound());
            assertThat(keys.upperBound("f", key)).isEqualTo(row.getUpperBound());
        }
        for (Token t : stream) {
            assertThat(keys.upperBound("f", t.key())).isEqualTo(strings.getUpperBound(t.text()));
        }
    }

    @Property(tries = 50)
    void shouldNameEveryTrackedKeySeenTwiceAndKeepAtMostMapSizeNames(
            @ForAll @IntRange(min = 0, max = 20_000) int rows, @ForAll long seed) {
        // a continuous feature: nearly every value new, so the sketch is full and purges
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        TokenSketches keys = TokenSketches.named(MAP_SIZE);
        for (int i = 0; i < rows; i++) {
            double v = random.nextInt(4) == 0 ? random.nextInt(50) : random.nextDouble();
            long key = TokenHashes.value(v);
            if (keys.add("f", key)) {
                keys.name("f", key, RowFingerprints.token(v));
            }
        }
        LongsSketch sketch = keys.asMap().getOrDefault("f", new LongsSketch(MAP_SIZE));
        // counts of at least 2 (DataSketches lists lower bounds at or above the threshold)
        for (LongsSketch.Row row : sketch.getFrequentItems(TokenSketches.NAME_AT, ErrorType.NO_FALSE_POSITIVES)) {
            assertThat(keys.nameOf("f", row.getItem())).isNotNull();
            assertThat(TokenHashes.ofText(keys.nameOf("f", row.getItem()))).isEqualTo(row.getItem());
        }
        StateWriter w = new StateWriter((byte) 0, (byte) 0);
        keys.write(w);
        TokenSketches read =
                StateReader.decode(w.toByteArray(), "test", (byte) 0, (byte) 0, r -> TokenSketches.read(r, MAP_SIZE));
        for (LongsSketch.Row row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            assertThat(read.upperBound("f", row.getItem())).isEqualTo(row.getUpperBound());
            assertThat(read.nameOf("f", row.getItem())).isEqualTo(keys.nameOf("f", row.getItem()));
        }
    }

    @Property(tries = 200)
    void shouldKeepStreamLengthAndErrorThroughWriteReadAndMergeAlsoWhenEveryItemWasPurged(
            @ForAll @IntRange(min = 0, max = 3) int purgesA,
            @ForAll @IntRange(min = 0, max = CAPACITY) int afterA,
            @ForAll @IntRange(min = 0, max = 3) int purgesB,
            @ForAll @IntRange(min = 0, max = CAPACITY) int afterB) {
        // all-distinct keys: the key past capacity purges every item, so with no key after it the sketch holds none
        int distinctA = purgesA * (CAPACITY + 1) + afterA;
        int distinctB = purgesB * (CAPACITY + 1) + afterB;
        TokenSketches a = distinct(distinctA, 0);
        TokenSketches b = distinct(distinctB, 1_000_000);
        LongsSketch sa = sketchOf(a);
        LongsSketch sb = sketchOf(b);

        LongsSketch readA = sketchOf(roundTrip(a));
        assertThat(readA.getStreamLength()).isEqualTo(sa.getStreamLength());
        assertThat(readA.getMaximumError()).isEqualTo(sa.getMaximumError());
        assertThat(readA.getNumActiveItems()).isEqualTo(sa.getNumActiveItems());
        for (LongsSketch.Row row : sa.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            assertThat(readA.getUpperBound(row.getItem())).isEqualTo(row.getUpperBound());
        }
        assertThat(readA.getUpperBound(-1)).isEqualTo(sa.getUpperBound(-1));

        TokenSketches merged = roundTrip(a);
        merged.merge(roundTrip(b));
        LongsSketch m = sketchOf(merged);
        assertThat(m.getStreamLength()).isEqualTo(sa.getStreamLength() + sb.getStreamLength());
        // never below the error of the two sides (a purge during the merge can only add)
        assertThat(m.getMaximumError()).isGreaterThanOrEqualTo(sa.getMaximumError() + sb.getMaximumError());
        // the upper bound never falls below the true count of a key either side counted
        for (int i = 0; i < distinctA; i++) {
            assertThat(merged.upperBound("f", i)).isGreaterThanOrEqualTo(1);
        }
        for (int i = 0; i < distinctB; i++) {
            assertThat(merged.upperBound("f", 1_000_000 + i)).isGreaterThanOrEqualTo(1);
        }
    }

    private static TokenSketches distinct(int count, long first) {
        TokenSketches t = new TokenSketches(MAP_SIZE);
        for (int i = 0; i < count; i++) {
            t.add("f", first + i);
        }
        return t;
    }

    private static LongsSketch sketchOf(TokenSketches t) {
        return t.asMap().getOrDefault("f", new LongsSketch(MAP_SIZE));
    }

    private static TokenSketches roundTrip(TokenSketches t) {
        StateWriter w = new StateWriter((byte) 0, (byte) 0);
        t.write(w);
        return StateReader.decode(w.toByteArray(), "test", (byte) 0, (byte) 0, r -> TokenSketches.read(r, MAP_SIZE));
    }

    @Property(tries = 1000)
    void shouldGiveTheTextOfAValueTheKeyOfTheValue(@ForAll("values") Object value, @ForAll long cell) {
        assertThat(TokenHashes.ofText(RowFingerprints.token(value))).isEqualTo(TokenHashes.value(value));
        for (int g = 0; g < 2; g++) {
            assertThat(TokenHashes.ofText(FeatureBins.gridToken(g, cell))).isEqualTo(TokenHashes.cell(g, cell));
        }
    }

    @Property(tries = 200)
    void shouldKeepNumbersCellsBooleansAndNullApart(
            @ForAll @Size(max = 200) List<Double> numbers, @ForAll @Size(max = 200) List<Long> cells) {
        // injective by construction (NaN bit patterns for the non-numbers, then a bijection): no two share a key
        Set<String> texts = new HashSet<>();
        Set<Long> keys = new HashSet<>();
        List<Object> values = new ArrayList<>(numbers);
        values.addAll(List.of(true, false));
        values.add(null);
        for (Object v : values) {
            texts.add(RowFingerprints.token(v));
            keys.add(TokenHashes.value(v));
        }
        for (long c : cells) {
            for (int g = 0; g < 2; g++) {
                texts.add(FeatureBins.gridToken(g, c));
                keys.add(TokenHashes.cell(g, c));
            }
        }
        assertThat(keys).hasSameSizeAs(texts);
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300)
                        .map(d -> (Object) d),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
    }

    /** Streams over at most {@link #CAPACITY} distinct (token, label) pairs, with repeats. */
    @Provide
    Arbitrary<List<Token>> streams() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.integers().between(-20, 20).map(i -> (Object) (i / 4.0)),
                Arbitraries.of("red", "green", "blue", "").map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<Token> plain =
                Combinators.combine(value, Arbitraries.of("pos", "neg")).as((v, l) -> new Token(v, -1, 0, l));
        Arbitrary<Token> cell = Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.longs().between(-8, 8),
                        Arbitraries.of("pos", "neg"))
                .as((g, c, l) -> new Token(null, g, c, l));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, plain), net.jqwik.api.Tuple.of(1, cell))
                .list()
                .ofMaxSize(600)
                .filter(s -> s.stream()
                                .map(t -> t.text() + '\u0000' + t.label())
                                .distinct()
                                .count()
                        <= CAPACITY);
    }
}
