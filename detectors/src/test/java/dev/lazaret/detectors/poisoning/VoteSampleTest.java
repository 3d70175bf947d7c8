package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class VoteSampleTest {
    private static final int CAPACITY = 40;

    /** A content's vote depends on the content alone, as a neighbour vote does. */
    private static LabelConsistency.Vote voteOf(long hash) {
        int own = (int) Math.floorMod(hash, LabelConsistency.K + 1);
        return new LabelConsistency.Vote(own, own < 5, own > 5 ? 1 : 0);
    }

    /** Strongly outvoted contents that keep their values: fewer than many generated batches have. */
    private static final int MAX_OUTVOTED = 3;

    /** A content's label and values depend on the content alone. */
    private static VoteSample.OutvotedRow rowOf(long hash) {
        return new VoteSample.OutvotedRow(
                "l" + Math.floorMod(hash, 3),
                Map.of("x", (double) Math.floorMod(hash, 7), "c", "s:" + Math.floorMod(hash, 2)),
                1);
    }

    private static VoteSample offerAll(List<Long> hashes) {
        VoteSample sample = new VoteSample(CAPACITY, MAX_OUTVOTED);
        hashes.forEach(h -> sample.offer(h, rowOf(h).label(), () -> voteOf(h), () -> rowOf(h)));
        return sample;
    }

    @Property(tries = 200)
    void shouldKeepExactlyTheSmallestHashesWithExactCounts(@ForAll("rows") List<Long> hashes) {
        // brute force: every distinct content, its count, the CAPACITY smallest kept
        TreeMap<Long, Long> counts =
                hashes.stream().collect(Collectors.groupingBy(h -> h, TreeMap::new, Collectors.counting()));
        long[] expected = new long[LabelConsistency.K + 1];
        Map<String, long[]> byLabel = new TreeMap<>();
        long rows = 0;
        long disagreements = 0;
        int kept = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            if (kept++ == CAPACITY) {
                break;
            }
            LabelConsistency.Vote v = voteOf(e.getKey());
            expected[v.own()] += e.getValue();
            byLabel.computeIfAbsent(rowOf(e.getKey()).label(), l -> new long[LabelConsistency.K + 1])[v.own()] +=
                    e.getValue();
            rows += e.getValue();
            disagreements += v.disagrees() ? e.getValue() : 0;
        }
        VoteSample sample = offerAll(hashes);
        assertThat(sample.ownVotes()).containsExactly(expected);
        assertThat(lists(sample.ownVotesByLabel())).isEqualTo(lists(byLabel));
        assertThat(sample.rows()).isEqualTo(rows);
        assertThat(sample.disagreements()).isEqualTo(disagreements);
        assertThat(sample.full()).isEqualTo(counts.size() >= CAPACITY);
    }

    @Property(tries = 200)
    void shouldKeepTheValuesOfTheOutvotedContentsWithTheSmallestHashes(@ForAll("rows") List<Long> hashes) {
        // brute force: of the CAPACITY smallest contents, the strongly outvoted; the MAX_OUTVOTED smallest keep values
        TreeMap<Long, Long> counts =
                hashes.stream().collect(Collectors.groupingBy(h -> h, TreeMap::new, Collectors.counting()));
        List<Long> kept = counts.keySet().stream().limit(CAPACITY).toList();
        List<Long> outvoted = kept.stream()
                .filter(h -> VoteSample.stronglyOutvoted(voteOf(h).own()))
                .toList();
        List<Long> withValues = outvoted.stream().limit(MAX_OUTVOTED).toList();
        List<VoteSample.OutvotedRow> expected = withValues.stream()
                .map(h -> new VoteSample.OutvotedRow(rowOf(h).label(), rowOf(h).values(), counts.get(h)))
                .toList();
        long exposure = outvoted.size() == withValues.size()
                ? kept.stream().mapToLong(counts::get).sum()
                : kept.stream()
                        .filter(h -> h <= withValues.get(withValues.size() - 1))
                        .mapToLong(counts::get)
                        .sum();
        VoteSample sample = offerAll(hashes);
        assertThat(sample.outvotedRows()).containsExactlyElementsOf(expected);
        assertThat(sample.outvotedExposure()).isEqualTo(exposure);
    }

    @Property(tries = 50)
    void shouldSpeakForNoRowsWhenItKeepsNoValues(@ForAll("rows") List<Long> hashes) {
        VoteSample sample = new VoteSample(CAPACITY, 0);
        hashes.forEach(h -> sample.offer(h, rowOf(h).label(), () -> voteOf(h), () -> rowOf(h)));
        boolean anyStrong = hashes.stream()
                .distinct()
                .sorted()
                .limit(CAPACITY)
                .anyMatch(h -> VoteSample.stronglyOutvoted(voteOf(h).own()));
        assertThat(sample.outvotedRows()).isEmpty();
        assertThat(sample.outvotedExposure()).isEqualTo(anyStrong ? 0 : sample.rows());
    }

    @Property(tries = 200)
    void shouldNotDependOnRowOrderOrSplit(
            @ForAll("rows") List<Long> hashes, @ForAll long seed, @ForAll @IntRange(max = 400) int cut) {
        List<Long> shuffled = new ArrayList<>(hashes);
        Collections.shuffle(shuffled, new Random(seed));
        int at = Math.min(cut, shuffled.size());
        VoteSample merged = offerAll(shuffled.subList(0, at));
        merged.merge(offerAll(shuffled.subList(at, shuffled.size())));
        VoteSample whole = offerAll(hashes);
        assertThat(merged.ownVotes()).containsExactly(whole.ownVotes());
        assertThat(lists(merged.ownVotesByLabel())).isEqualTo(lists(whole.ownVotesByLabel()));
        assertThat(merged.disagreements()).isEqualTo(whole.disagreements());
        assertThat(merged.outvotedRows()).containsExactlyElementsOf(whole.outvotedRows());
        assertThat(merged.outvotedExposure()).isEqualTo(whole.outvotedExposure());
        VoteSample reordered = offerAll(shuffled);
        assertThat(reordered.ownVotes()).containsExactly(whole.ownVotes());
        assertThat(reordered.outvotedRows()).containsExactlyElementsOf(whole.outvotedRows());
        assertThat(reordered.outvotedExposure()).isEqualTo(whole.outvotedExposure());
    }

    @Property(tries = 100)
    void shouldVoteOnlyForContentsEnteringTheSample(@ForAll("rows") List<Long> hashes) {
        AtomicInteger searches = new AtomicInteger();
        VoteSample sample = new VoteSample(CAPACITY, MAX_OUTVOTED);
        hashes.forEach(h -> sample.offer(
                h,
                rowOf(h).label(),
                () -> {
                    searches.incrementAndGet();
                    return voteOf(h);
                },
                () -> rowOf(h)));
        // each distinct content is searched at most once, however often it repeats
        assertThat(searches.get())
                .isLessThanOrEqualTo((int) hashes.stream().distinct().count());
    }

    @Property(tries = 100)
    void shouldRoundTripWhenWrittenAndRead(@ForAll("rows") List<Long> hashes) {
        VoteSample sample = new VoteSample();
        hashes.forEach(h -> sample.offer(h, rowOf(h).label(), () -> voteOf(h), () -> rowOf(h)));
        StateWriter w = new StateWriter((byte) 1, (byte) 'V');
        sample.write(w);
        VoteSample read = StateReader.decode(w.toByteArray(), "VoteSample", (byte) 1, (byte) 'V', VoteSample::read);
        assertThat(read.ownVotes()).containsExactly(sample.ownVotes());
        assertThat(lists(read.ownVotesByLabel())).isEqualTo(lists(sample.ownVotesByLabel()));
        assertThat(read.disagreements()).isEqualTo(sample.disagreements());
        assertThat(read.contents()).isEqualTo(sample.contents());
        assertThat(read.outvotedRows()).containsExactlyElementsOf(sample.outvotedRows());
        assertThat(read.outvotedExposure()).isEqualTo(sample.outvotedExposure());
    }

    /** Histograms by label as lists, so that maps of them compare by content. */
    private static Map<String, List<Long>> lists(Map<String, long[]> byLabel) {
        Map<String, List<Long>> out = new TreeMap<>();
        byLabel.forEach((l, h) -> out.put(l, java.util.Arrays.stream(h).boxed().toList()));
        return out;
    }

    /** Up to 400 rows over a small pool of contents, so repeats are common and the sample overflows often. */
    @Provide
    Arbitrary<List<Long>> rows() {
        return Arbitraries.longs()
                .list()
                .ofMinSize(1)
                .ofMaxSize(80)
                .flatMap(pool -> Arbitraries.of(pool).list().ofMaxSize(400));
    }
}
