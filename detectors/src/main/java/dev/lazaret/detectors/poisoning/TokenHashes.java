package dev.lazaret.detectors.poisoning;

import java.nio.charset.StandardCharsets;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * 64-bit keys of the frequent-items tokens ({@link RowFingerprints#token}, {@link FeatureBins#gridToken}), computed
 * from the value without building the token's text, and the same key from the text (for state encoded as text).
 *
 * <p>Collisions. A number, a grid cell (|cell| below 2^48), a boolean and null are first encoded injectively in 64
 * bits: a number as its canonical {@code double} bits (one NaN), the others (and the empty string) in the NaN bit
 * patterns no canonical number uses; then mixed by MurmurHash3's {@code fmix64}, a bijection. So two such tokens never share a key. A string
 * (a categorical value), a farther cell and every (token, label) pair get a pseudo-random key instead: MurmurHash3 of
 * the UTF-8, and {@code fmix64(token key XOR label hash)}, which is still a bijection of the token for one label.
 * Treating those keys as uniform, among {@code n} distinct keys of one feature's sketch the chance that any two share
 * a key is at most {@code n^2 / 2^65}: below 3e-7 for a feature with 3 million distinct (value, label) pairs, the most
 * a 1,000,000-row batch with three tokens a value can hold. A collision adds two tokens' counts together: an upper
 * bound stays an upper bound, a batch count can only grow. The hash is not keyed: someone who knows it can construct
 * a string whose key equals another token's, so a categorical value could borrow a common value's reference count;
 * numbers, cells, booleans and null cannot.
 */
final class TokenHashes {
    private static final long SEED = 0x4c617a6172657454L; // "LazaretT"; fixed: keys are stored in references
    // sign bit and all exponent bits set, mantissa non-zero: NaNs, which canonical() folds to 0x7ff8000000000000L
    private static final long NAN_SPACE = 0xfff0000000000000L;
    private static final long NULL_CODE = NAN_SPACE | 1L;
    private static final long FALSE_CODE = NAN_SPACE | 2L;
    private static final long TRUE_CODE = NAN_SPACE | 3L;
    // MurmurHash3 takes no empty input
    private static final long EMPTY_STRING_CODE = NAN_SPACE | 4L;
    private static final long EMPTY_LABEL_CODE = NAN_SPACE | 5L;
    private static final long CELL_BIT = 1L << 51;
    private static final long GRID_BIT = 1L << 50;
    private static final long CELL_LIMIT = 1L << 48;
    private static final long STRING_SALT = 0x5354524e47L;
    private static final long FAR_CELL_SALT = 0x43454c4cL;

    private TokenHashes() {}

    /** Key of {@link RowFingerprints#token}{@code (v)}. */
    static long value(Object v) {
        if (v == null) {
            return fmix64(NULL_CODE);
        }
        if (v instanceof Number n) {
            return fmix64(Double.doubleToLongBits(RowFingerprints.canonical(n.doubleValue())));
        }
        if (v instanceof Boolean b) {
            return fmix64(b ? TRUE_CODE : FALSE_CODE);
        }
        return string(String.valueOf(v));
    }

    /** Key of {@link FeatureBins#gridToken}{@code (grid, cell)}. */
    static long cell(int grid, long cell) {
        if (cell > -CELL_LIMIT && cell < CELL_LIMIT) {
            // cell + 2^48 is in [1, 2^49): below GRID_BIT, never 0 (0 under the sign bit would be -Infinity's bits)
            return fmix64(NAN_SPACE | CELL_BIT | (grid == 0 ? 0 : GRID_BIT) | (cell + CELL_LIMIT));
        }
        return fmix64(MurmurHash3.hash(new long[] {grid, cell}, SEED ^ FAR_CELL_SALT)[0]);
    }

    /** Hash of a label, to pass to {@link #withLabel}. */
    static long label(String label) {
        return label.isEmpty()
                ? fmix64(EMPTY_LABEL_CODE)
                : MurmurHash3.hash(label.getBytes(StandardCharsets.UTF_8), SEED)[0];
    }

    /** Key of the token with {@code key} together with the label with hash {@code labelHash}. */
    static long withLabel(long key, long labelHash) {
        return fmix64(key ^ labelHash);
    }

    /** Key of a token given as its text ({@link RowFingerprints#token} or {@link FeatureBins#gridToken}). */
    static long ofText(String token) {
        if (token.equals("null")) {
            return value(null);
        }
        if (token.startsWith("n:")) {
            return value(Double.parseDouble(token.substring(2)));
        }
        if (token.equals("b:true") || token.equals("b:false")) {
            return value(token.equals("b:true"));
        }
        if (token.startsWith("s:")) {
            return string(token.substring(2));
        }
        if (FeatureBins.isGridToken(token)) {
            return cell(token.charAt(1) - '0', Long.parseLong(token.substring(3)));
        }
        throw new IllegalArgumentException("not a value token: '" + token + "'");
    }

    private static long string(String s) {
        return s.isEmpty()
                ? fmix64(EMPTY_STRING_CODE)
                : MurmurHash3.hash(s.getBytes(StandardCharsets.UTF_8), SEED ^ STRING_SALT)[0];
    }

    /** MurmurHash3's 64-bit finaliser: a bijection of the longs that spreads every input bit over the output. */
    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
