package dev.lazaret.detectors.poisoning;

import java.util.Arrays;

/**
 * The 128-bit content hashes of a batch's rows, in the order they were added: 16 bytes a row (in an array that
 * doubles, so up to 32 while it grows). What a {@link RecordBloomFilter} needs of a row, so a batch judged after its
 * rows went by can still be checked against the replay filter and added to it, without its rows. Not thread-safe.
 */
public final class ContentHashes {
    private static final byte VERSION = 1;
    private static final byte KIND = 'H';
    /** 2^26 rows (1 GiB encoded): far past a Kafka record, so a larger count is garbage. */
    private static final int MAX_ROWS = 1 << 26;

    private long[] halves = new long[1024];
    private int size;

    /** The content hash of a row: the one {@link RecordBloomFilter} adds and looks up. */
    public static long[] of(LabeledRow row) {
        return RowFingerprints.contentHash(row);
    }

    /** Appends one row's content hash ({@link #of}). */
    public void add(long[] content) {
        if (2 * size + 2 > halves.length) {
            halves = Arrays.copyOf(halves, halves.length * 2);
        }
        halves[2 * size] = content[0];
        halves[2 * size + 1] = content[1];
        size++;
    }

    /** Rows added. */
    public int size() {
        return size;
    }

    /** How many of the rows {@code filter} may hold (each row counted, repeats included). */
    public long countIn(RecordBloomFilter filter) {
        long hits = 0;
        for (int i = 0; i < size; i++) {
            if (filter.mightContainHash(halves[2 * i], halves[2 * i + 1])) {
                hits++;
            }
        }
        return hits;
    }

    /** Encodes to a versioned byte array (version 1): the row count, then two longs a row. */
    public byte[] encode() {
        StateWriter w = new StateWriter(VERSION, KIND);
        w.writeInt(size);
        for (int i = 0; i < 2 * size; i++) {
            w.writeLong(halves[i]);
        }
        return w.toByteArray();
    }

    /** Decodes {@link #encode()} output; throws {@link IllegalArgumentException} on anything else. */
    public static ContentHashes decode(byte[] bytes) {
        return StateReader.decode(bytes, "ContentHashes", VERSION, KIND, r -> {
            ContentHashes hashes = new ContentHashes();
            int n = r.readCount(MAX_ROWS);
            for (int i = 0; i < n; i++) {
                hashes.add(new long[] {r.readLong(), r.readLong()});
            }
            return hashes;
        });
    }

    /** Adds every row to {@code filter}, as {@link RecordBloomFilter#add} would have row by row. */
    public void addTo(RecordBloomFilter filter) {
        long[] h = new long[2];
        for (int i = 0; i < size; i++) {
            h[0] = halves[2 * i];
            h[1] = halves[2 * i + 1];
            filter.addHash(h);
        }
    }
}
