package dev.lazaret.detectors.poisoning;

import java.util.Arrays;

/**
 * Bloom filter of record-content hashes of approved batches, used to spot replayed records.
 *
 * <p>Sized from a capacity {@code n} and a target false-positive rate {@code p}: {@code m = -n ln p / (ln 2)^2} bits
 * and {@code k = round(m/n ln 2)} hash functions (Kirsch-Mitzenmacher double hashing over a 128-bit MurmurHash3).
 * No false negatives. {@link #currentFalsePositiveRate()} gives the rate at the current fill, which stays at or below
 * {@code p} while no more than {@code n} records were added. Memory is {@code m/8} bytes, for example 1.8 MB for one
 * million records at 0.1%. Filters of the same size merge by OR.
 */
public final class RecordBloomFilter {
    private static final byte VERSION = 1;
    private static final byte KIND = 'F';
    private static final long MAX_BITS = 1L << 36; // 8 GB would be a configuration mistake

    private final long[] words;
    private final long bits;
    private final int hashes;
    private long bitCount;

    private RecordBloomFilter(long bits, int hashes, long[] words) {
        this.bits = bits;
        this.hashes = hashes;
        this.words = words;
        for (long w : words) {
            bitCount += Long.bitCount(w);
        }
    }

    /**
     * An empty filter for {@code capacity} records at false-positive rate {@code fpp}.
     *
     * @throws IllegalArgumentException if capacity is not positive or fpp is not in (0, 1)
     */
    public static RecordBloomFilter withCapacity(long capacity, double fpp) {
        if (capacity < 1) {
            throw new IllegalArgumentException(String.format("capacity must be >= 1, was %d", capacity));
        }
        if (!(fpp > 0 && fpp < 1)) {
            throw new IllegalArgumentException(String.format("fpp must be in (0, 1), was %s", fpp));
        }
        double ln2 = Math.log(2);
        long m = Math.max(64, (long) Math.ceil(-capacity * Math.log(fpp) / (ln2 * ln2)));
        if (m > MAX_BITS) {
            throw new IllegalArgumentException(String.format(
                    "capacity %d at fpp %s needs %d bits, more than the %d allowed", capacity, fpp, m, MAX_BITS));
        }
        m = (m + 63) / 64 * 64;
        int k = (int) Math.max(1, Math.min(30, Math.round((double) m / capacity * ln2)));
        return new RecordBloomFilter(m, k, new long[(int) (m / 64)]);
    }

    /** Adds a record's content. */
    public void add(LabeledRow row) {
        addHash(RowFingerprints.contentHash(row));
    }

    /** Whether the record's content may have been added; never false for added content. */
    public boolean mightContain(LabeledRow row) {
        return mightContainHash(RowFingerprints.contentHash(row));
    }

    void addHash(long[] h) {
        for (int i = 0; i < hashes; i++) {
            long bit = index(h[0], h[1], i);
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            if ((words[word] & mask) == 0) {
                words[word] |= mask;
                bitCount++;
            }
        }
    }

    boolean mightContainHash(long[] h) {
        return mightContainHash(h[0], h[1]);
    }

    /** {@link #mightContainHash(long[])} for a content hash kept as its two halves. */
    boolean mightContainHash(long h0, long h1) {
        for (int i = 0; i < hashes; i++) {
            long bit = index(h0, h1, i);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private long index(long h0, long h1, int i) {
        return Math.floorMod(h0 + i * h1, bits);
    }

    /** The probability that content never added tests positive, from the current fill: {@code (set/m)^k}. */
    public double currentFalsePositiveRate() {
        return Math.pow((double) bitCount / bits, hashes);
    }

    /** Size in bits. */
    public long bitSize() {
        return bits;
    }

    /** Number of hash functions. */
    public int hashCount() {
        return hashes;
    }

    /** ORs {@code other} into this filter; both must have the same size and hash count. */
    public void merge(RecordBloomFilter other) {
        if (other.bits != bits || other.hashes != hashes) {
            throw new IllegalArgumentException(String.format(
                    "cannot merge Bloom filters of different shapes: %d bits/%d hashes vs %d bits/%d hashes",
                    bits, hashes, other.bits, other.hashes));
        }
        bitCount = 0;
        for (int i = 0; i < words.length; i++) {
            words[i] |= other.words[i];
            bitCount += Long.bitCount(words[i]);
        }
    }

    /** A deep copy. */
    public RecordBloomFilter copy() {
        return new RecordBloomFilter(bits, hashes, words.clone());
    }

    /** Encodes to a versioned byte array (version 1). */
    public byte[] encode() {
        StateWriter w = new StateWriter(VERSION, KIND);
        w.writeLong(bits).writeInt(hashes);
        for (long word : words) {
            w.writeLong(word);
        }
        return w.toByteArray();
    }

    /** Decodes {@link #encode()} output; throws {@link IllegalArgumentException} on anything else. */
    public static RecordBloomFilter decode(byte[] bytes) {
        return StateReader.decode(bytes, "RecordBloomFilter", VERSION, KIND, r -> {
            long m = r.readLong();
            int k = r.readInt();
            if (m < 64 || m > MAX_BITS || m % 64 != 0 || k < 1 || k > 30) {
                throw r.invalid("bad shape: %d bits, %d hashes", m, k);
            }
            if (r.remaining() != m / 8) {
                throw r.invalid("%d bits need %d bytes of bit array, found %d", m, m / 8, r.remaining());
            }
            long[] words = new long[(int) (m / 64)];
            for (int i = 0; i < words.length; i++) {
                words[i] = r.readLong();
            }
            return new RecordBloomFilter(m, k, words);
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordBloomFilter other
                && bits == other.bits
                && hashes == other.hashes
                && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words) * 31 + hashes;
    }
}
