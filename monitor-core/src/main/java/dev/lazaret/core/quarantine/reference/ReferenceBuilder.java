package dev.lazaret.core.quarantine.reference;

import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import dev.lazaret.detectors.label.Labels;
import dev.lazaret.detectors.multivariate.PcaModel;
import dev.lazaret.detectors.multivariate.ProfileMultivariate;
import dev.lazaret.detectors.poisoning.FeatureBinsAccumulator;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds a reference from trusted rows in two passes, as {@link PoisoningReference#build} does: quantile bins and the
 * profile first, then the poisoning counts over those bins; then the multivariate part of the profile over its numeric
 * features ({@link ProfileMultivariate}, three more passes in O(d²) state). The rows are given as a re-runnable source, so a
 * million-row file is streamed twice rather than held in memory.
 */
public final class ReferenceBuilder {
    private ReferenceBuilder() {}

    /** Something that can feed the same rows to a consumer more than once. */
    @FunctionalInterface
    public interface RowSource {
        void forEach(Consumer<Row> consumer);
    }

    /** One trusted row. */
    public record Row(Map<String, Object> features, Object label) {}

    /** Builds the bundle with the default projections ({@link ProjectionSettings#DEFAULTS}). */
    public static ReferenceBundle build(String referenceId, String dataset, RowSource rows) {
        return build(referenceId, dataset, rows, ProjectionSettings.DEFAULTS);
    }

    /**
     * Builds the bundle. Vector features ({@link FeatureVector}) are kept out of the profile's features and the
     * poisoning counts ({@link #labeled}): each gets an embedding part ({@link EmbeddingReference}, with {@code
     * projections}' seed and count, which the part keeps) whose dimension is that of its first vector.
     *
     * @throws IllegalArgumentException when a vector feature's dimension changes or it also has scalar values
     */
    public static ReferenceBundle build(
            String referenceId, String dataset, RowSource source, ProjectionSettings projections) {
        RowSource rows = new RepeatChecked(source);
        DatasetProfile profile = DatasetProfile.create();
        FeatureBinsAccumulator bins = FeatureBinsAccumulator.create();
        Map<String, EmbeddingReference.Builder> embeddings = new TreeMap<>();
        rows.forEach(row -> {
            Row scalars = withoutVectors(row, embeddings, projections);
            profile.update(scalars.features(), scalars.label());
            bins.update(labeled(scalars));
        });
        embeddings.forEach((name, builder) -> profile.withEmbedding(name, builder.build()));
        PoisoningConfig config = PoisoningConfig.defaults();
        PoisoningReference poisoning = PoisoningReference.create(bins.toBins(config.numericBins()), config);
        rows.forEach(row -> poisoning.update(labeled(row)));
        ProfileMultivariate.attach(
                profile,
                records -> rows.forEach(row -> records.accept(row.features())),
                PcaModel.DEFAULT_VARIANCE_SHARE);
        return new ReferenceBundle(referenceId, dataset, profile, poisoning);
    }

    /**
     * A source that checks each pass gives the rows of the first: a source that draws fresh rows per pass (a shared
     * random generator, a consumed stream) would otherwise build bins from some rows and counts from others, and the
     * reference's neighbour sample would not be the rows its profile describes. Compares the row count and an
     * order-independent sum of row hashes.
     */
    private static final class RepeatChecked implements RowSource {
        private final RowSource source;
        private long[] first;
        private int pass;

        RepeatChecked(RowSource source) {
            this.source = source;
        }

        @Override
        public void forEach(Consumer<Row> consumer) {
            long[] seen = new long[2];
            source.forEach(row -> {
                seen[0]++;
                seen[1] += mix(contentHash(row));
                consumer.accept(row);
            });
            pass++;
            if (first == null) {
                first = seen;
            } else if (seen[0] != first[0] || seen[1] != first[1]) {
                throw new IllegalArgumentException(String.format(
                        "the reference's row source gave other rows on pass %d than on pass 1 (%d rows, then %d%s): a"
                                + " reference is built in several passes over the same rows, so the source must"
                                + " give the same rows each time it is read (a file, a list; not a shared random"
                                + " generator or a one-shot stream)",
                        pass, first[0], seen[0], seen[0] == first[0] ? ", with different content" : ""));
            }
        }

        /** Map.hashCode's order-independent sum, with vectors hashed by their elements rather than identity. */
        private static int contentHash(Row row) {
            int h = java.util.Objects.hashCode(row.label());
            for (Map.Entry<String, Object> f : row.features().entrySet()) {
                Object v = f.getValue();
                int value = v instanceof FeatureVector vector
                        ? java.util.Arrays.hashCode(vector.values())
                        : java.util.Objects.hashCode(v);
                h += f.getKey().hashCode() ^ value;
            }
            return h;
        }

        /** Spreads a 32-bit hash over 64 bits (SplitMix64's finaliser), so that sums of row hashes rarely collide. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    /** The row without its vectors, which go to {@code embeddings} when it is not null. */
    private static Row withoutVectors(
            Row row, Map<String, EmbeddingReference.Builder> embeddings, ProjectionSettings projections) {
        Map<String, Object> scalars = null;
        for (Map.Entry<String, Object> f : row.features().entrySet()) {
            if (f.getValue() instanceof FeatureVector v) {
                if (scalars == null) {
                    scalars = new LinkedHashMap<>(row.features());
                }
                scalars.remove(f.getKey());
                if (embeddings != null) {
                    embeddings
                            .computeIfAbsent(f.getKey(), name -> projections.builder(v.dimension()))
                            .add(checked(f.getKey(), embeddings.get(f.getKey()), v));
                }
            } else if (embeddings != null && f.getValue() != null && embeddings.containsKey(f.getKey())) {
                throw new IllegalArgumentException(
                        "feature '" + f.getKey() + "' has vectors and scalar values; a feature is one or the other");
            }
        }
        return scalars == null ? row : new Row(scalars, row.label());
    }

    private static double[] checked(String feature, EmbeddingReference.Builder builder, FeatureVector v) {
        if (v.dimension() != builder.dimension()) {
            throw new IllegalArgumentException(String.format(
                    "feature '%s' has a vector of %d elements after vectors of %d; a feature's dimension is fixed",
                    feature, v.dimension(), builder.dimension()));
        }
        return v.values();
    }

    /**
     * The poisoning detectors' view of a record: its scalar features, the label's category ({@link Labels}, {@code
     * "null"} when absent) and a digest of its vector features (SHA-256 of their names and elements), so exact
     * duplicates and replays compare whole records while the other poisoning checks read scalars only.
     */
    public static LabeledRow labeled(Row row) {
        MessageDigest digest = null;
        Map<String, Object> scalars = row.features();
        if (!hasVector(scalars)) {
            // the usual row: nothing to digest, so no sorted copy to find the vectors in name order
            return new LabeledRow(scalars, labelString(row.label()), null);
        }
        for (Map.Entry<String, Object> f : new TreeMap<>(row.features()).entrySet()) {
            if (f.getValue() instanceof FeatureVector v) {
                if (digest == null) {
                    digest = sha256();
                    scalars = new LinkedHashMap<>(row.features());
                }
                scalars.remove(f.getKey());
                digest.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                ByteBuffer elements = ByteBuffer.allocate(Integer.BYTES + Double.BYTES * v.dimension());
                elements.putInt(v.dimension());
                for (double x : v.values()) {
                    elements.putDouble(x == 0.0 ? 0.0 : x); // -0.0 and 0.0 are one value, as for scalars
                }
                digest.update(elements.array());
            }
        }
        return new LabeledRow(
                scalars,
                labelString(row.label()),
                digest == null ? null : HexFormat.of().formatHex(digest.digest()));
    }

    private static boolean hasVector(Map<String, Object> features) {
        for (Object value : features.values()) {
            if (value instanceof FeatureVector) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String labelString(Object label) {
        return label == null ? "null" : Labels.category(label);
    }
}
