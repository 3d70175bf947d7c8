package dev.lazaret.detectors.embedding;

/**
 * The seed and count of the random projections a new reference's vector features get ({@code embedding.projections},
 * {@code embedding.seed}). Only new references use them: a built reference keeps the seed and count it was built with
 * ({@link EmbeddingReference#seed()}, {@link EmbeddingReference#projectionCount()}), so changing the settings never
 * changes an existing reference's projections.
 *
 * @param seed the seed of the directions
 * @param count projections per vector feature, 1 to {@link ProjectedSketches#MAX_PROJECTIONS}
 */
public record ProjectionSettings(long seed, int count) {
    /** {@link EmbeddingReference#DEFAULT_SEED} and {@link EmbeddingReference#DEFAULT_PROJECTIONS}. */
    public static final ProjectionSettings DEFAULTS =
            new ProjectionSettings(EmbeddingReference.DEFAULT_SEED, EmbeddingReference.DEFAULT_PROJECTIONS);

    public ProjectionSettings {
        ProjectedSketches.names(count); // validates the count with the one message
    }

    /** An empty embedding part for {@code dimension}-dimensional vectors with these projections. */
    public EmbeddingReference.Builder builder(int dimension) {
        return EmbeddingReference.builder(dimension, seed, count);
    }
}
