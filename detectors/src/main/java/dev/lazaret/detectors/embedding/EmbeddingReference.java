package dev.lazaret.detectors.embedding;

import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.TreeSet;

/**
 * What a pinned reference stores for one vector feature: its dimension, the seed and count of its random projections
 * and the reference vectors' projections ({@link ProjectedSketches}). State: the projection count's KLL sketches and
 * moments, independent of the dimension (the directions are regenerated from the seed, {@link RandomProjections}).
 * A pinned reference's part is immutable (do not update {@link #projected()}); a quarantine batch under evaluation
 * grows its own part through {@link #add} as it reads the batch.
 */
public final class EmbeddingReference {
    /** Default projection count: 16 sketches keep a window's state for the feature near 20 KiB. */
    public static final int DEFAULT_PROJECTIONS = 16;
    /** Default seed of the directions; a reference stores the seed it was built with. */
    public static final long DEFAULT_SEED = 0x1A2A7E7L;
    /** The largest dimension a vector feature may have (the contract's limit on a vector's elements). */
    public static final int MAX_DIMENSION = 4_096;

    private final int dimension;
    private final DatasetProfile projected;
    private final RandomProjections projections;

    /**
     * @param dimension the vectors' dimension, fixed for the feature
     * @param seed the seed of the directions
     * @param projected the reference vectors' projections, one numeric feature per projection
     */
    public EmbeddingReference(int dimension, long seed, DatasetProfile projected) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    String.format("dimension must be 1 to %d, was %d", MAX_DIMENSION, dimension));
        }
        int count = projected.features().size();
        if (!projected.features().keySet().equals(new TreeSet<>(ProjectedSketches.names(count)))) {
            throw new IllegalArgumentException("projected features must be " + ProjectedSketches.names(count));
        }
        this.dimension = dimension;
        this.projected = projected;
        this.projections = RandomProjections.of(seed, count, dimension);
    }

    /** Starts a reference for {@code dimension}-dimensional vectors with the default projections. */
    public static Builder builder(int dimension) {
        return builder(dimension, DEFAULT_SEED, DEFAULT_PROJECTIONS);
    }

    public static Builder builder(int dimension, long seed, int count) {
        return new Builder(dimension, seed, count);
    }

    public int dimension() {
        return dimension;
    }

    public long seed() {
        return projections.seed();
    }

    public int projectionCount() {
        return projections.count();
    }

    public RandomProjections projections() {
        return projections;
    }

    /** The reference's projections; live, do not change. */
    public DatasetProfile projected() {
        return projected;
    }

    /** Reference vectors seen. */
    public long count() {
        return ((NumericProfile)
                        projected.features().get(ProjectedSketches.names(1).get(0)))
                .count();
    }

    /** An empty window profile for this feature. */
    public DatasetProfile newWindow() {
        return ProjectedSketches.create(projectionCount());
    }

    /** Adds one vector to a window profile; throws IllegalArgumentException on a wrong dimension. */
    public void add(DatasetProfile window, double[] vector) {
        ProjectedSketches.add(window, projections, vector);
    }

    /** Accumulates reference vectors in one pass. */
    public static final class Builder {
        private final int dimension;
        private final long seed;
        private final RandomProjections projections;
        private final DatasetProfile projected;

        private Builder(int dimension, long seed, int count) {
            this.dimension = dimension;
            this.seed = seed;
            this.projections = RandomProjections.of(seed, count, dimension);
            this.projected = ProjectedSketches.create(count);
        }

        public int dimension() {
            return dimension;
        }

        /** Adds a reference vector; throws IllegalArgumentException on a wrong dimension. */
        public void add(double[] vector) {
            ProjectedSketches.add(projected, projections, vector);
        }

        public EmbeddingReference build() {
            return new EmbeddingReference(dimension, seed, projected);
        }
    }
}
