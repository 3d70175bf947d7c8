package dev.lazaret.detectors.codec;

import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.profile.CategoricalProfile;
import dev.lazaret.detectors.profile.CategoricalProfileSnapshot;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.FeatureProfile;
import dev.lazaret.detectors.profile.LabelBinJointCounts;
import dev.lazaret.detectors.profile.NumericProfile;
import dev.lazaret.detectors.profile.NumericProfileSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes and decodes profiles as {@code byte[]}.
 *
 * <p>Layout: byte 0 format version, byte 1 family ({@link #FAMILY_NUMERIC}, {@link #FAMILY_CATEGORICAL}, {@link
 * #FAMILY_DATASET}, {@link #FAMILY_JOINT_COUNTS}), then the body. A decoder that meets a newer version refuses it
 * rather than guessing, so a rolling upgrade must deploy readers before writers.
 *
 * <p>It is longer than the project's other classes because it holds all four families' layouts side by side: one
 * place to read the whole byte format of the profiles topic, as DataSketches keeps a sketch's preamble in one class.
 */
public final class ProfileCodec {

    /** Current format version, written as byte 0. */
    public static final byte FORMAT_VERSION = 1;

    /**
     * Version of a data set profile that carries a multivariate part ({@link DatasetProfile#multivariate()}): the
     * version 1 layout followed by {@code int length, MultivariateCodec bytes}. Without the part a data set profile
     * is still written as version 1, so version 1 readers keep reading it; both versions are read.
     */
    public static final byte MULTIVARIATE_VERSION = 2;

    /**
     * Version of a data set profile that carries embedding parts ({@link DatasetProfile#embeddings()}): after the
     * version 1 body, a boolean and (when true) the multivariate blob, then {@code int n} and n × {utf feature, int
     * dimension, long seed, blob: the projections' data set profile}.
     */
    public static final byte EMBEDDING_VERSION = 3;

    /** Family byte of a {@link NumericProfile}. */
    public static final byte FAMILY_NUMERIC = 1;

    /** Family byte of a {@link CategoricalProfile}. */
    public static final byte FAMILY_CATEGORICAL = 2;

    /** Family byte of a {@link DatasetProfile}. */
    public static final byte FAMILY_DATASET = 3;

    /** Family byte of {@link LabelBinJointCounts}. */
    public static final byte FAMILY_JOINT_COUNTS = 4;

    private static final int MAX_BLOB = 64 << 20;

    private ProfileCodec() {}

    /** Encodes a numeric profile. */
    public static byte[] encode(NumericProfile profile) {
        return write(FAMILY_NUMERIC, out -> writeNumeric(out, profile));
    }

    /** Encodes a categorical profile. */
    public static byte[] encode(CategoricalProfile profile) {
        return write(FAMILY_CATEGORICAL, out -> writeCategorical(out, profile));
    }

    /** Encodes a data set profile with all its features and the label. */
    public static byte[] encode(DatasetProfile profile) {
        boolean embedded = !profile.embeddings().isEmpty();
        byte version = embedded
                ? EMBEDDING_VERSION
                : profile.multivariate().isPresent() ? MULTIVARIATE_VERSION : FORMAT_VERSION;
        return write(version, FAMILY_DATASET, out -> {
            out.writeInt(profile.numericK());
            out.writeInt(profile.maxExactDistinct());
            writeCategorical(out, profile.label());
            out.writeInt(profile.features().size());
            for (Map.Entry<String, FeatureProfile> e : profile.features().entrySet()) {
                writeString(out, e.getKey());
                if (e.getValue() instanceof NumericProfile n) {
                    out.writeByte(FAMILY_NUMERIC);
                    writeNumeric(out, n);
                } else if (e.getValue() instanceof CategoricalProfile c) {
                    out.writeByte(FAMILY_CATEGORICAL);
                    writeCategorical(out, c);
                }
            }
            out.writeInt(profile.declaredKinds().size());
            for (Map.Entry<String, FeatureKind> e : profile.declaredKinds().entrySet()) {
                writeString(out, e.getKey());
                out.writeByte(e.getValue().ordinal());
            }
            writeLongMap(out, profile.pendingNulls());
            writeLongMap(out, profile.typeMismatches());
            if (embedded) {
                out.writeBoolean(profile.multivariate().isPresent());
            }
            if (profile.multivariate().isPresent()) {
                writeBlob(out, MultivariateCodec.encode(profile.multivariate().get()));
            }
            if (embedded) {
                out.writeInt(profile.embeddings().size());
                for (Map.Entry<String, EmbeddingReference> e :
                        profile.embeddings().entrySet()) {
                    writeString(out, e.getKey());
                    out.writeInt(e.getValue().dimension());
                    out.writeLong(e.getValue().seed());
                    writeBlob(out, encode(e.getValue().projected()));
                }
            }
        });
    }

    /** Encodes joint (bin, label) counts. */
    public static byte[] encode(LabelBinJointCounts joint) {
        return write(FAMILY_JOINT_COUNTS, out -> {
            out.writeBoolean(joint.isNumeric());
            double[] edges = joint.edges();
            out.writeInt(edges.length);
            for (double e : edges) {
                out.writeDouble(e);
            }
            out.writeInt(joint.maxBins());
            out.writeInt(joint.maxLabels());
            Map<String, Map<String, Long>> counts = joint.counts();
            out.writeInt(counts.size());
            for (Map.Entry<String, Map<String, Long>> row : counts.entrySet()) {
                writeString(out, row.getKey());
                writeLongMap(out, row.getValue());
            }
        });
    }

    /**
     * Decodes a numeric profile.
     *
     * @param bytes output of {@link #encode(NumericProfile)}
     * @return the profile
     * @throws IllegalArgumentException on a malformed array, unknown version or another family
     */
    public static NumericProfile decodeNumeric(byte[] bytes) {
        return read(bytes, FAMILY_NUMERIC, ProfileCodec::readNumeric);
    }

    /**
     * Decodes a categorical profile.
     *
     * @param bytes output of {@link #encode(CategoricalProfile)}
     * @return the profile
     * @throws IllegalArgumentException on a malformed array, unknown version or another family
     */
    public static CategoricalProfile decodeCategorical(byte[] bytes) {
        return read(bytes, FAMILY_CATEGORICAL, ProfileCodec::readCategorical);
    }

    /**
     * Decodes a data set profile.
     *
     * @param bytes output of {@link #encode(DatasetProfile)}
     * @return the profile
     * @throws IllegalArgumentException on a malformed array, unknown version or another family
     */
    public static DatasetProfile decodeDataset(byte[] bytes) {
        byte version = bytes != null && bytes.length > 0 ? bytes[0] : FORMAT_VERSION;
        return read(bytes, FAMILY_DATASET, in -> {
            int k = in.readInt();
            int maxExact = in.readInt();
            CategoricalProfile label = readCategorical(in);
            int n = readSize(in);
            Map<String, FeatureProfile> features = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String name = readString(in);
                byte family = in.readByte();
                if (family == FAMILY_NUMERIC) {
                    features.put(name, readNumeric(in));
                } else if (family == FAMILY_CATEGORICAL) {
                    features.put(name, readCategorical(in));
                } else {
                    throw new IllegalArgumentException(
                            String.format("feature '%s' has unknown family byte %d", name, family));
                }
            }
            int d = readSize(in);
            Map<String, FeatureKind> declared = new TreeMap<>();
            for (int i = 0; i < d; i++) {
                String name = readString(in);
                int ordinal = in.readUnsignedByte();
                if (ordinal >= FeatureKind.values().length) {
                    throw new IllegalArgumentException(String.format("unknown feature kind %d", ordinal));
                }
                declared.put(name, FeatureKind.values()[ordinal]);
            }
            DatasetProfile profile =
                    DatasetProfile.restore(k, maxExact, features, label, declared, readLongMap(in), readLongMap(in));
            boolean multivariate =
                    version == MULTIVARIATE_VERSION || (version == EMBEDDING_VERSION && in.readBoolean());
            if (multivariate) {
                profile.withMultivariate(MultivariateCodec.decodeReference(readBlob(in)));
            }
            if (version == EMBEDDING_VERSION) {
                int embeddings = readSize(in);
                for (int i = 0; i < embeddings; i++) {
                    String name = readString(in);
                    int dimension = in.readInt();
                    long seed = in.readLong();
                    profile.withEmbedding(name, new EmbeddingReference(dimension, seed, decodeDataset(readBlob(in))));
                }
            }
            return profile;
        });
    }

    /**
     * Decodes joint (bin, label) counts.
     *
     * @param bytes output of {@link #encode(LabelBinJointCounts)}
     * @return the counts
     * @throws IllegalArgumentException on a malformed array, unknown version or another family
     */
    public static LabelBinJointCounts decodeJointCounts(byte[] bytes) {
        return read(bytes, FAMILY_JOINT_COUNTS, in -> {
            boolean numeric = in.readBoolean();
            int ne = readSize(in);
            double[] edges = new double[ne];
            for (int i = 0; i < ne; i++) {
                edges[i] = in.readDouble();
            }
            int maxBins = in.readInt();
            int maxLabels = in.readInt();
            LabelBinJointCounts joint = numeric
                    ? LabelBinJointCounts.forNumeric(edges, maxLabels)
                    : LabelBinJointCounts.forCategorical(maxBins, maxLabels);
            int rows = readSize(in);
            for (int i = 0; i < rows; i++) {
                String bin = readString(in);
                readLongMap(in).forEach((label, n) -> joint.add(bin, label, n));
            }
            return joint;
        });
    }

    private static void writeNumeric(DataOutputStream out, NumericProfile profile) throws IOException {
        NumericProfileSnapshot s = profile.snapshot();
        out.writeInt(s.k());
        out.writeLong(s.count());
        out.writeDouble(s.mean());
        out.writeDouble(s.m2());
        out.writeDouble(s.min());
        out.writeDouble(s.max());
        out.writeLong(s.nullCount());
        out.writeLong(s.nonFiniteCount());
        writeBlob(out, s.sketch());
    }

    private static NumericProfile readNumeric(DataInputStream in) throws IOException {
        NumericProfileSnapshot s = new NumericProfileSnapshot(
                in.readInt(),
                in.readLong(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readLong(),
                in.readLong(),
                readBlob(in));
        return NumericProfile.fromSnapshot(s);
    }

    private static void writeCategorical(DataOutputStream out, CategoricalProfile profile) throws IOException {
        CategoricalProfileSnapshot s = profile.snapshot();
        out.writeInt(s.maxExactDistinct());
        out.writeLong(s.count());
        out.writeLong(s.nullCount());
        writeLongMap(out, s.exactCounts());
        byte[] frequent = s.frequentItemsSketch();
        out.writeBoolean(frequent != null);
        if (frequent != null) {
            writeBlob(out, frequent);
        }
        writeBlob(out, s.distinctSketch());
    }

    private static CategoricalProfile readCategorical(DataInputStream in) throws IOException {
        int maxExact = in.readInt();
        long count = in.readLong();
        long nulls = in.readLong();
        Map<String, Long> exact = readLongMap(in);
        byte[] frequent = in.readBoolean() ? readBlob(in) : null;
        byte[] hll = readBlob(in);
        return CategoricalProfile.fromSnapshot(
                new CategoricalProfileSnapshot(maxExact, count, nulls, exact, frequent, hll));
    }

    private static void writeLongMap(DataOutputStream out, Map<String, Long> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Long> e : map.entrySet()) {
            writeString(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static Map<String, Long> readLongMap(DataInputStream in) throws IOException {
        int n = readSize(in);
        Map<String, Long> map = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String key = readString(in);
            long value = in.readLong();
            if (value < 0) {
                throw new IllegalArgumentException(String.format("negative count %d for '%s'", value, key));
            }
            map.put(key, value);
        }
        return map;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBlob(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBlob(in), StandardCharsets.UTF_8);
    }

    private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
        out.writeInt(blob.length);
        out.write(blob);
    }

    private static byte[] readBlob(DataInputStream in) throws IOException {
        int n = readSize(in);
        if (n > in.available()) {
            throw new IllegalArgumentException(String.format("length %d exceeds the %d bytes left", n, in.available()));
        }
        byte[] blob = new byte[n];
        in.readFully(blob);
        return blob;
    }

    private static int readSize(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_BLOB) {
            throw new IllegalArgumentException(String.format("implausible length %d", n));
        }
        return n;
    }

    @FunctionalInterface
    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(byte family, Body body) {
        return write(FORMAT_VERSION, family, body);
    }

    private static byte[] write(byte version, byte family, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            out.writeByte(family);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory stream
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, byte family, Reader<T> reader) {
        if (bytes == null || bytes.length < 2) {
            throw new IllegalArgumentException(String.format(
                    "not a Lazaret profile: %s bytes, need at least 2", bytes == null ? "null" : bytes.length));
        }
        if (bytes[0] != FORMAT_VERSION
                && !((bytes[0] == MULTIVARIATE_VERSION || bytes[0] == EMBEDDING_VERSION) && family == FAMILY_DATASET)) {
            throw new IllegalArgumentException(String.format(
                    "unsupported profile format version %d (this build reads version %d)", bytes[0], FORMAT_VERSION));
        }
        if (bytes[1] != family) {
            throw new IllegalArgumentException(
                    String.format("expected profile family %d but found family byte %d", family, bytes[1]));
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 2, bytes.length - 2));
        try {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(String.format("%d trailing bytes", in.available()));
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    String.format("malformed profile of family %d: %s", family, e.getMessage()), e);
        }
    }
}
