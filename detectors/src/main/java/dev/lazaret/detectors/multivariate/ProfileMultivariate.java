package dev.lazaret.detectors.multivariate;

import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits a reference profile's multivariate part over its numeric features (sorted by name, pseudo-features named
 * {@code __like_this__} left out) from the rows the profile was built from, and attaches it.
 */
public final class ProfileMultivariate {
    private ProfileMultivariate() {}

    /** Something that can feed the same records (feature name to value) more than once. */
    @FunctionalInterface
    public interface RecordSource {
        void forEach(Consumer<Map<String, ?>> consumer);
    }

    /** The features a profile's multivariate part covers: numeric, not a pseudo-feature, in name order. */
    public static List<String> features(DatasetProfile profile) {
        return profile.features().entrySet().stream()
                .filter(e -> e.getValue() instanceof NumericProfile)
                .map(Map.Entry::getKey)
                .filter(name -> !(name.startsWith("__") && name.endsWith("__")))
                .toList();
    }

    /**
     * Fits and attaches the multivariate part (three more passes over the records); leaves the profile without one
     * when there are fewer than two numeric features or too few complete rows.
     *
     * @return the profile
     */
    public static DatasetProfile attach(DatasetProfile profile, RecordSource records, double varianceShare) {
        List<String> features = features(profile);
        MultivariateReference.fit(
                        features, rows -> records.forEach(values -> rows.accept(row(features, values))), varianceShare)
                .ifPresentOrElse(profile::withMultivariate, () -> profile.withMultivariate(null));
        return profile;
    }

    /** The record's values of the features, in order; NaN where a value is missing or not a number. */
    public static double[] row(List<String> features, Map<String, ?> values) {
        double[] row = new double[features.size()];
        for (int i = 0; i < row.length; i++) {
            Object v = values.get(features.get(i));
            row[i] = v instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return row;
    }
}
