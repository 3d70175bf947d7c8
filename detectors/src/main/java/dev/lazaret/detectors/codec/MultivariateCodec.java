package dev.lazaret.detectors.codec;

import dev.lazaret.detectors.multivariate.MultivariateReference;
import dev.lazaret.detectors.multivariate.MultivariateWindow;
import dev.lazaret.detectors.multivariate.PcaModel;
import dev.lazaret.detectors.outlier.LedoitWolfCovariance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte layouts of the multivariate reference and window, version {@value #VERSION}.
 *
 * <pre>
 * reference:
 * byte   version = 1
 * int    d, then d × utf feature
 * long   rows
 * d × double mean, d × double scale
 * double explained share
 * int    k, then k × d × double component
 * int    length, then that many bytes: reference errors, {@link ProfileCodec#encode(dev.lazaret.detectors.profile.NumericProfile)}
 * d × double LW mean, d × d × double LW covariance, double shrinkage
 * double reference outlier rate
 *
 * window:
 * byte   version = 1
 * long   rows, long outliers, long incomplete
 * int    length, then that many bytes: errors, ProfileCodec numeric profile
 * </pre>
 */
public final class MultivariateCodec {
    public static final byte VERSION = 1;
    private static final int MAX_DIMENSIONS = 4096;

    private MultivariateCodec() {}

    public static byte[] encode(MultivariateReference r) {
        return write(out -> {
            int d = r.features().size();
            out.writeInt(d);
            for (String f : r.features()) {
                out.writeUTF(f);
            }
            out.writeLong(r.rows());
            writeVector(out, r.pca().mean());
            writeVector(out, r.pca().scale());
            out.writeDouble(r.pca().explainedShare());
            double[][] components = r.pca().componentVectors();
            out.writeInt(components.length);
            for (double[] c : components) {
                writeVector(out, c);
            }
            writeBlob(out, ProfileCodec.encode(r.referenceErrors()));
            writeVector(out, r.covariance().mean());
            for (double[] row : r.covariance().covariance()) {
                writeVector(out, row);
            }
            out.writeDouble(r.covariance().shrinkage());
            out.writeDouble(r.referenceOutlierRate());
        });
    }

    /** Decodes a reference; throws IllegalArgumentException if the bytes are not one. */
    public static MultivariateReference decodeReference(byte[] bytes) {
        return read(bytes, in -> {
            int d = count(in.readInt(), MAX_DIMENSIONS);
            List<String> features = new ArrayList<>();
            for (int i = 0; i < d; i++) {
                features.add(in.readUTF());
            }
            long rows = in.readLong();
            double[] mean = readVector(in, d);
            double[] scale = readVector(in, d);
            double explained = in.readDouble();
            int k = count(in.readInt(), d);
            double[][] components = new double[k][];
            for (int c = 0; c < k; c++) {
                components[c] = readVector(in, d);
            }
            var errors = ProfileCodec.decodeNumeric(readBlob(in));
            double[] lwMean = readVector(in, d);
            double[][] covariance = new double[d][];
            for (int i = 0; i < d; i++) {
                covariance[i] = readVector(in, d);
            }
            double shrinkage = in.readDouble();
            double outlierRate = in.readDouble();
            return new MultivariateReference(
                    features,
                    PcaModel.restore(mean, scale, components, explained),
                    errors,
                    LedoitWolfCovariance.restore(lwMean, covariance, shrinkage),
                    outlierRate,
                    rows);
        });
    }

    public static byte[] encode(MultivariateWindow w) {
        return write(out -> {
            out.writeLong(w.rows());
            out.writeLong(w.outliers());
            out.writeLong(w.incomplete());
            writeBlob(out, ProfileCodec.encode(w.errors()));
        });
    }

    /** Decodes a window; throws IllegalArgumentException if the bytes are not one. */
    public static MultivariateWindow decodeWindow(byte[] bytes) {
        return read(bytes, in -> {
            long rows = in.readLong();
            long outliers = in.readLong();
            long incomplete = in.readLong();
            return MultivariateWindow.restore(ProfileCodec.decodeNumeric(readBlob(in)), rows, outliers, incomplete);
        });
    }

    private static void writeVector(DataOutputStream out, double[] v) throws IOException {
        for (double x : v) {
            out.writeDouble(x);
        }
    }

    private static double[] readVector(DataInputStream in, int d) throws IOException {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
        out.writeInt(blob.length);
        out.write(blob);
    }

    private static byte[] readBlob(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException(String.format("length %d exceeds the %d bytes left", n, in.available()));
        }
        byte[] blob = new byte[n];
        in.readFully(blob);
        return blob;
    }

    private static int count(int n, int max) {
        if (n < 0 || n > max) {
            throw new IllegalArgumentException(String.format("implausible count %d (at most %d)", n, max));
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

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory stream
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        if (bytes == null || bytes.length < 1 || bytes[0] != VERSION) {
            throw new IllegalArgumentException(String.format(
                    "not a multivariate state of version %d (first byte %s)",
                    VERSION, bytes == null || bytes.length == 0 ? "missing" : bytes[0]));
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
        try {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed multivariate state: " + e.getMessage(), e);
        }
    }
}
