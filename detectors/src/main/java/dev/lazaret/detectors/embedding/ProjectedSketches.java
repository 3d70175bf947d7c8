package dev.lazaret.detectors.embedding;

import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A vector stream's projections as a data set profile with one numeric feature per projection ({@link #names}), each
 * a KLL sketch of k = {@value #SKETCH_K}: so the reference and a window are compared with the univariate drift test
 * and its false-discovery control, and their size depends on the projection count, never on the dimension or the
 * number of vectors.
 */
public final class ProjectedSketches {
    /**
     * KLL k of a projection's sketch: smaller than a numeric feature's 200 so that 16 projections of a window encode
     * in well under 64 KiB; the sketch KS test subtracts the rank error, so a smaller k costs power, not false alarms.
     */
    public static final int SKETCH_K = 100;

    /** The most projections per vector feature. */
    public static final int MAX_PROJECTIONS = 100;

    private static final List<String> NAMES = IntStream.range(0, MAX_PROJECTIONS)
            .mapToObj(j -> String.format(Locale.ROOT, "p%02d", j))
            .toList();

    private ProjectedSketches() {}

    /** The feature names of {@code count} projections: {@code p00}, {@code p01}, … (sorted as numbered). */
    public static List<String> names(int count) {
        if (count < 1 || count > MAX_PROJECTIONS) {
            throw new IllegalArgumentException(
                    String.format("projection count must be 1 to %d, was %d", MAX_PROJECTIONS, count));
        }
        return NAMES.subList(0, count);
    }

    /** An empty profile of {@code count} projections, each declared numeric. */
    public static DatasetProfile create(int count) {
        DatasetProfile profile = DatasetProfile.create(SKETCH_K, 1);
        for (String name : names(count)) {
            profile.declare(name, FeatureKind.NUMERIC);
        }
        return profile;
    }

    /** Projects {@code vector} and adds its projections to {@code profile}. */
    public static void add(DatasetProfile profile, RandomProjections projections, double[] vector) {
        double[] p = projections.project(vector);
        List<String> names = names(p.length);
        Map<String, Object> row = new HashMap<>();
        for (int j = 0; j < p.length; j++) {
            row.put(names.get(j), p[j]);
        }
        profile.update(row, null);
    }
}
