package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * One frequent-items sketch per feature over 64-bit token keys ({@link TokenHashes}). Memory is bounded by the map
 * size per feature; counts are exact until a feature has more than 0.75 x map size distinct keys, then each count is
 * within {@code 3.5 / mapSize} of the stream. Keys rather than the tokens' text: a probe compares two longs in one
 * array, where over strings it followed a pointer per slot, and no text is built per value.
 *
 * <p>Names: a sketch created {@link #named} keeps the text of a key once its count reaches {@link #NAME_AT}, which is
 * every key the trigger check can report (a candidate needs two rows). At most {@code mapSize} names per feature:
 * when a feature's names reach that bound, the names of keys its sketch no longer tracks are dropped, which leaves at
 * most the 0.75 x map size tracked keys. A key counted once in each of two merged sketches has no name. Other sketches
 * keep no names (a reference's counts are only compared, never reported by name).
 */
final class TokenSketches {
    /** Count at which a named sketch asks for a key's text. */
    static final int NAME_AT = 2;

    private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();
    /** Flag bit of the encoding: names follow each feature's sketch. */
    private static final int WITH_NAMES = 1;
    /** Flag bit of the encoding: each feature's stream length and error offset follow its sketch bytes. */
    private static final int WITH_TOTALS = 2;

    private final int mapSize;
    private final boolean named;
    private final HashMap<String, Feature> features = new HashMap<>();

    /** Counts without names. */
    TokenSketches(int mapSize) {
        this(mapSize, false);
    }

    private TokenSketches(int mapSize, boolean named) {
        this.mapSize = mapSize;
        this.named = named;
    }

    /** Counts that keep the names of the keys seen {@link #NAME_AT} times. */
    static TokenSketches named(int mapSize) {
        return new TokenSketches(mapSize, true);
    }

    /**
     * Counts one occurrence of {@code key}. Returns {@code true} when this sketch keeps names and the key has just
     * become worth naming: pass its text to {@link #name}.
     */
    boolean add(String feature, long key) {
        return add(feature(feature), key);
    }

    /** {@link #add(String, long)} for the counts of one feature, {@link #feature}{@code (name)}: no lookup by name. */
    boolean add(Feature f, long key) {
        f.counts.update(key);
        return named && f.counts.getLowerBound(key) == NAME_AT && !f.names.containsKey(key);
    }

    /** Records the text of {@code key}, the token it stands for (ignored by a sketch without names). */
    void name(String feature, long key, String text) {
        if (named) {
            feature(feature).name(key, text, mapSize);
        }
    }

    /** {@link #name(String, long, String)} for the counts of one feature, {@link #feature}{@code (name)}. */
    void name(Feature f, long key, String text) {
        if (named) {
            f.name(key, text, mapSize);
        }
    }

    /** The text of {@code key}, or {@code null} when it was not kept. */
    String nameOf(String feature, long key) {
        Feature f = features.get(feature);
        return f == null || f.names == null ? null : f.names.get(key);
    }

    /** The counts of {@code feature}, empty ones added when it has none yet (as {@link #add} would). */
    Feature feature(String feature) {
        Feature f = features.get(feature);
        if (f == null) {
            f = new Feature(new LongsSketch(mapSize), named ? new HashMap<>() : null);
            features.put(feature, f);
        }
        return f;
    }

    /** Each feature's sketch, by feature name. */
    Map<String, LongsSketch> asMap() {
        Map<String, LongsSketch> out = new TreeMap<>();
        features.forEach((name, f) -> out.put(name, f.counts));
        return Collections.unmodifiableMap(out);
    }

    /** Point estimate of the count of {@code key} (0 when it is not tracked). */
    long estimate(String feature, long key) {
        Feature f = features.get(feature);
        return f == null ? 0 : f.counts.getEstimate(key);
    }

    /** Lower bound of the count of {@code key} (0 when it is not tracked). */
    long lowerBound(String feature, long key) {
        Feature f = features.get(feature);
        return f == null ? 0 : f.counts.getLowerBound(key);
    }

    /** Upper bound of the count of {@code key}: never below the true count, also for keys the sketch let go. */
    long upperBound(String feature, long key) {
        Feature f = features.get(feature);
        return f == null ? 0 : f.counts.getUpperBound(key);
    }

    void merge(TokenSketches other) {
        other.features.forEach((name, o) -> {
            Feature f = feature(name);
            if (o.counts.getNumActiveItems() > 0) {
                f.counts.merge(o.counts);
            } else if (o.counts.getStreamLength() > 0) {
                // every item purged: DataSketches' merge skips a sketch with no items, and its error offset with it
                f = replaceCounts(
                        name,
                        f,
                        f.counts.getStreamLength() + o.counts.getStreamLength(),
                        f.counts.getMaximumError() + o.counts.getMaximumError());
            }
            Feature merged = f;
            if (named && o.names != null) {
                o.names.forEach((key, text) -> merged.name(key, text, mapSize));
            }
        });
    }

    void write(StateWriter w) {
        write(w, named);
    }

    /** Writes the counts alone, read back as an unnamed sketch: a reference derived from a batch names nothing. */
    void writeCounts(StateWriter w) {
        write(w, false);
    }

    private void write(StateWriter w, boolean withNames) {
        w.writeByte((withNames ? WITH_NAMES : 0) | WITH_TOTALS);
        w.writeInt(features.size());
        new TreeMap<>(features).forEach((name, f) -> {
            // DataSketches writes a sketch whose items were all purged as empty, without its error offset
            w.writeString(name).writeBytes(f.counts.toByteArray());
            w.writeLong(f.counts.getStreamLength()).writeLong(f.counts.getMaximumError());
            if (withNames) {
                w.writeInt(f.names.size());
                new TreeMap<>(f.names).forEach((key, text) -> w.writeLong(key).writeString(text));
            }
        });
    }

    static TokenSketches read(StateReader r, int mapSize) {
        int flag = r.readByte();
        if ((flag & ~(WITH_NAMES | WITH_TOTALS)) != 0) {
            throw r.invalid("token sketches flag %d has bits other than names (1) and totals (2)", flag);
        }
        TokenSketches t = new TokenSketches(mapSize, (flag & WITH_NAMES) != 0);
        int n = r.readCount(1 << 20);
        for (int i = 0; i < n; i++) {
            String name = r.readString();
            Feature f = t.feature(name);
            LongsSketch stored = LongsSketch.getInstance(Memory.wrap(r.readBytes()));
            f.counts.merge(stored);
            if ((flag & WITH_TOTALS) != 0) {
                long streamLength = r.readLong();
                long offset = r.readLong();
                if (streamLength < 0 || offset < 0 || offset > streamLength) {
                    throw r.invalid("token sketch '%s' has stream length %d and error %d", name, streamLength, offset);
                }
                if (stored.getNumActiveItems() == 0 && streamLength > 0) {
                    f = t.replaceCounts(name, f, streamLength, offset);
                }
            }
            if (t.named) {
                int names = r.readCount(mapSize);
                for (int j = 0; j < names; j++) {
                    f.name(r.readLong(), r.readString(), mapSize);
                }
            }
        }
        return t;
    }

    /**
     * Reads the former encoding of a reference's tokens, string sketches of their text ({@link RowFingerprints#token}
     * or {@link FeatureBins#gridToken}), into keys: each tracked item's key gets the item's count, and each feature's
     * sketch keeps the old one's stream length and error offset, so estimates and bounds are those of the old sketch as
     * stored (DataSketches stored a sketch whose items were all purged as empty, without its offset).
     */
    static TokenSketches readText(StateReader r, int mapSize) {
        TokenSketches t = new TokenSketches(mapSize, false);
        int n = r.readCount(1 << 20);
        for (int i = 0; i < n; i++) {
            String name = r.readString();
            ItemsSketch<String> old = ItemsSketch.getInstance(Memory.wrap(r.readBytes()), SERDE);
            // every tracked item: DataSketches raises the threshold to the error offset, and an upper bound is above it
            ItemsSketch.Row<String>[] rows = old.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES);
            List<long[]> converted = new ArrayList<>(rows.length);
            for (ItemsSketch.Row<String> row : rows) {
                String item = row.getItem();
                converted.add(new long[] {TokenHashes.ofText(item), row.getLowerBound()});
            }
            t.features.put(
                    name,
                    new Feature(sketchOf(mapSize, converted, old.getStreamLength(), old.getMaximumError()), null));
        }
        return t;
    }

    /**
     * A sketch holding exactly {@code counts} ({key, count} pairs, at most the map's capacity) with the given stream
     * length and error offset. Built through DataSketches' string form, the one way to set the offset, which the
     * upper bounds of the keys the old sketch let go depend on.
     */
    private static LongsSketch sketchOf(int mapSize, List<long[]> counts, long streamLength, long offset) {
        if (counts.isEmpty() && offset == 0) {
            LongsSketch s = new LongsSketch(mapSize);
            if (streamLength > 0) {
                throw new IllegalArgumentException("string sketch with a stream but no items and no error");
            }
            return s;
        }
        Map<Long, Long> summed = new HashMap<>();
        counts.forEach(kc -> summed.merge(kc[0], kc[1], Long::sum)); // two items with one key share their count
        StringBuilder sb = new StringBuilder();
        // serVer 1, family 10 (frequency), lg max map size, flags (1: no items, which DataSketches requires to say),
        // stream length, offset; then the map
        sb.append("1,10,")
                .append(Integer.numberOfTrailingZeros(mapSize))
                .append(summed.isEmpty() ? ",1," : ",0,")
                .append(streamLength)
                .append(',')
                .append(offset)
                .append(',')
                .append(summed.size())
                .append(',')
                .append(mapSize)
                .append(',');
        summed.forEach((key, count) -> sb.append(key).append(',').append(count).append(','));
        return LongsSketch.getInstance(sb.toString());
    }

    /** Replaces the counts of feature {@code name} by the same items with the given stream length and offset. */
    private Feature replaceCounts(String name, Feature f, long streamLength, long offset) {
        List<long[]> items = new ArrayList<>();
        for (LongsSketch.Row row : f.counts.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            items.add(new long[] {row.getItem(), row.getLowerBound()});
        }
        Feature replaced = new Feature(sketchOf(mapSize, items, streamLength, offset), f.names);
        features.put(name, replaced);
        return replaced;
    }

    /** One feature's counts and, in a named sketch, the names of its keys. */
    record Feature(LongsSketch counts, HashMap<Long, String> names) {
        void name(long key, String text, int bound) {
            if (names.containsKey(key)) {
                return;
            }
            if (names.size() >= bound) {
                names.keySet().removeIf(k -> counts.getLowerBound(k) == 0);
            }
            if (names.size() < bound) {
                names.put(key, text);
            }
        }
    }
}
