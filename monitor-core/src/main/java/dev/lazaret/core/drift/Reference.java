package dev.lazaret.core.drift;

import dev.lazaret.core.drift.codec.ReferenceValueCodec;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.multivariate.MultivariateReference;
import dev.lazaret.detectors.outlier.OutlierBounds;
import dev.lazaret.detectors.outlier.ReferenceOutlierRate;
import dev.lazaret.detectors.outlier.RobustZScore;
import dev.lazaret.detectors.profile.CategoricalProfile;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's reference, decoded from the profiles topic: the input features, the model outputs on the reference data
 * when the profile carries them (pseudo-features {@value #PREDICTION} and {@value #SCORE}), and the outlier bounds
 * derived from the reference quantiles.
 *
 * @param id where the reference came from (header {@code lazaret.reference.id}), or empty
 * @param features the input features only
 * @param outputs {@value #PREDICTION} and {@value #SCORE} profiles: from the reference when present, else the
 *     reference label stands in for the prediction
 * @param bounds numeric feature to its non-outlier range
 * @param outlierRate share of reference values outside their bounds, per value ({@link ReferenceOutlierRate#perValue})
 * @param multivariate the scorer of the reference's multivariate part, or null when the reference has none (built
 *     before the part existed, from a batch profile, or with fewer than two numeric features)
 * @param embeddings vector feature to its dimension and projections; a window's vectors must have that dimension
 */
public record Reference(
        String id,
        DatasetProfile features,
        DatasetProfile outputs,
        Map<String, OutlierBounds> bounds,
        double outlierRate,
        MultivariateReference.Scorer multivariate,
        Map<String, EmbeddingReference> embeddings) {

    /** Pseudo-feature of the model's prediction, in reports and metrics. */
    public static final String PREDICTION = "__prediction__";
    /** Pseudo-feature of the model's score, in reports and metrics. */
    public static final String SCORE = "__score__";
    /** Whether a numeric value of {@code feature} is an outlier; false for features without bounds. */
    public boolean isOutlier(String feature, double value) {
        OutlierBounds b = bounds.get(feature);
        return b != null && b.isOutlier(value);
    }

    /** Builds a reference from the profile bytes and the robust z threshold. */
    public static Reference of(String id, DatasetProfile profile, double outlierZ) {
        Map<String, FeatureProfile> inputs = new TreeMap<>(profile.features());
        FeatureProfile prediction = inputs.remove(PREDICTION);
        FeatureProfile score = inputs.remove(SCORE);
        Map<String, FeatureProfile> outputs = new TreeMap<>();
        if (prediction != null) {
            outputs.put(PREDICTION, prediction);
        } else if (profile.label().total() > 0) {
            outputs.put(PREDICTION, profile.label());
        }
        if (score != null) {
            outputs.put(SCORE, score);
        }
        Map<String, OutlierBounds> bounds = new HashMap<>();
        List<Double> tailMasses = new ArrayList<>();
        for (Map.Entry<String, FeatureProfile> e : inputs.entrySet()) {
            if (e.getValue() instanceof NumericProfile n) {
                RobustZScore.fromProfile(n).map(z -> z.bounds(outlierZ)).ifPresent(b -> {
                    bounds.put(e.getKey(), b);
                    tailMasses.add(b.tailMass(n));
                });
            }
        }
        return new Reference(
                id,
                restrict(profile, inputs),
                restrict(profile, outputs),
                Map.copyOf(bounds),
                ReferenceOutlierRate.perValue(
                        tailMasses.stream().mapToDouble(Double::doubleValue).toArray()),
                profile.multivariate().map(MultivariateReference::scorer).orElse(null),
                Map.copyOf(profile.embeddings()));
    }

    private static DatasetProfile restrict(DatasetProfile source, Map<String, FeatureProfile> features) {
        return DatasetProfile.restore(
                source.numericK(),
                source.maxExactDistinct(),
                features,
                CategoricalProfile.create(source.maxExactDistinct()),
                Map.of(),
                Map.of(),
                Map.of());
    }

    /**
     * The value kept in the reference store: the reference id and the profile bytes as published ({@link
     * ReferenceValueCodec}), so a lookup needs no header.
     */
    static byte[] storeValue(String id, byte[] profileBytes) {
        return ReferenceValueCodec.encode(id, profileBytes);
    }

    /** Decodes a reference store value; throws IllegalArgumentException if it is not one. */
    static Reference fromStoreValue(byte[] value, double outlierZ) {
        ReferenceValueCodec.Value v = ReferenceValueCodec.decode(value);
        return of(v.id(), ProfileCodec.decodeDataset(v.profile()), outlierZ);
    }
}
