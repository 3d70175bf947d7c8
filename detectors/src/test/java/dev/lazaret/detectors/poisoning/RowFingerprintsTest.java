package dev.lazaret.detectors.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * The content hash and the bands' exact part are the same bytes, and so the same hashes, as the {@code
 * ByteArrayOutputStream} writer they replaced (commit c8c1014, copied below): content hashes are stored in replay
 * filters and states, so a changed byte would make every stored hash miss.
 */
class RowFingerprintsTest {
    private static final long SEED = 0x4c617a617265744cL;
    private static final String[] NAMES = {"f0", "x", "", "größe", "名前", "a\uD83D\uDE00b", "c1", "label"};

    @Property(tries = 1000)
    void shouldHashTheSameBytesAsTheStreamWriter(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LabeledRow row = row(random);

        ByteArrayOutputStream before = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> e : row.features().entrySet()) {
            writeString(before, e.getKey());
            writeValue(before, e.getValue());
        }
        before.write('L');
        writeString(before, row.label());
        if (row.vectors() != null) {
            before.write('V');
            writeString(before, row.vectors());
        }

        assertThat(RowFingerprints.canonicalBytes(row).toByteArray()).containsExactly(before.toByteArray());
        assertThat(RowFingerprints.contentHash(row)).containsExactly(MurmurHash3.hash(before.toByteArray(), SEED));
    }

    @Property(tries = 300)
    void shouldHashAnExactPartAsItsCopy(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // a buffer that grew from a small capacity, hashed in place
        RowFingerprints.CanonicalBytes bytes = new RowFingerprints.CanonicalBytes(1);
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        int features = 1 + random.nextInt(6);
        for (int i = 0; i < features; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            Object value = value(random);
            bytes.writeFeature(name, value);
            writeString(before, name);
            writeValue(before, value);
        }
        assertThat(bytes.toByteArray()).containsExactly(before.toByteArray());
        assertThat(bytes.hash(SEED + 1)).containsExactly(MurmurHash3.hash(before.toByteArray(), SEED + 1));
    }

    private static LabeledRow row(SplittableRandom random) {
        Map<String, Object> f = new HashMap<>();
        int features = random.nextInt(12);
        for (int i = 0; i < features; i++) {
            f.put(
                    random.nextInt(4) == 0 ? NAMES[random.nextInt(NAMES.length)] : "f" + random.nextInt(40),
                    value(random));
        }
        String label = random.nextInt(5) == 0 ? "" : NAMES[random.nextInt(NAMES.length)] + random.nextInt(3);
        String vectors = random.nextBoolean() ? null : Long.toHexString(random.nextLong());
        return new LabeledRow(f, label, vectors);
    }

    private static Object value(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> -0.0;
            case 3 -> Double.NaN;
            case 4 -> random.nextInt(100);
            case 5 -> random.nextLong();
            case 6 -> NAMES[random.nextInt(NAMES.length)] + "ü".repeat(random.nextInt(3));
            case 7 -> "s".repeat(random.nextInt(300)); // past the initial buffer
            default -> random.nextDouble() * 1e6 - 5e5;
        };
    }

    // the writer as it was at commit c8c1014, verbatim

    private static void writeValue(ByteArrayOutputStream out, Object v) {
        if (v == null) {
            out.write('0');
        } else if (v instanceof Number n) {
            out.write('N');
            writeLong(out, Double.doubleToLongBits(RowFingerprints.canonical(n.doubleValue())));
        } else if (v instanceof Boolean b) {
            out.write(b ? 'T' : 'F');
        } else {
            out.write('S');
            writeString(out, (String) v);
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeLong(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int i = 56; i >= 0; i -= 8) {
            out.write((int) (v >>> i));
        }
    }
}
