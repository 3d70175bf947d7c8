package dev.lazaret.core.drift;

import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.CategoricalProfile;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * @param outlierRate share of reference values outside their bounds (mean over features), floored at {@link
 *     #MIN_OUTLIER_RATE}
 */
public record Reference(
        String id, DatasetProfile features, DatasetProfile outputs, Map<String, Bounds> bounds, double outlierRate) {

    /** Pseudo-feature of the model's prediction, in reports and metrics. */
    public static final String PREDICTION = "__prediction__";
    /** Pseudo-feature of the model's score, in reports and metrics. */
    public static final String SCORE = "__score__";
    /**
     * The KLL sketch cannot resolve tail masses much below its rank error, so a smaller reference outlier rate is
     * raised to this; a surge then needs well above 0.1% of values out of range.
     */
    public static final double MIN_OUTLIER_RATE = 1e-3;

    /** Normal-consistent scale from the interquartile range (IQR of N(0,1) is 1.349). */
    private static final double IQR_TO_SIGMA = 1.3489795003921634;

    /**
     * A numeric feature's non-outlier range.
     *
     * @param low values below are outliers
     * @param high values above are outliers
     */
    public record Bounds(double low, double high) {
        boolean contains(double value) {
            return value >= low && value <= high;
        }
    }

    /** Whether a numeric value of {@code feature} is an outlier; false for features without bounds. */
    public boolean isOutlier(String feature, double value) {
        Bounds b = bounds.get(feature);
        return b != null && !b.contains(value);
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
        Map<String, Bounds> bounds = new HashMap<>();
        double rateSum = 0;
        for (Map.Entry<String, FeatureProfile> e : inputs.entrySet()) {
            if (e.getValue() instanceof NumericProfile n && n.count() > 0) {
                double median = n.quantile(0.5);
                double scale = (n.quantile(0.75) - n.quantile(0.25)) / IQR_TO_SIGMA;
                if (scale > 0 && Double.isFinite(scale)) {
                    Bounds b = new Bounds(median - outlierZ * scale, median + outlierZ * scale);
                    bounds.put(e.getKey(), b);
                    rateSum += n.rank(Math.nextDown(b.low())) + (1 - n.rank(b.high()));
                }
            }
        }
        double rate = bounds.isEmpty() ? MIN_OUTLIER_RATE : rateSum / bounds.size();
        return new Reference(
                id,
                restrict(profile, inputs),
                restrict(profile, outputs),
                Map.copyOf(bounds),
                Math.min(0.5, Math.max(MIN_OUTLIER_RATE, rate)));
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
     * The value kept in the reference store: the reference id and the profile bytes as published, so a lookup needs
     * no header.
     */
    static byte[] storeValue(String id, byte[] profileBytes) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + idBytes.length + profileBytes.length)
                .putInt(idBytes.length)
                .put(idBytes)
                .put(profileBytes)
                .array();
    }

    /** Decodes a reference store value; throws IllegalArgumentException if it is not one. */
    static Reference fromStoreValue(byte[] value, double outlierZ) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        byte[] idBytes = new byte[buffer.getInt()];
        buffer.get(idBytes);
        byte[] profile = new byte[buffer.remaining()];
        buffer.get(profile);
        return of(new String(idBytes, StandardCharsets.UTF_8), ProfileCodec.decodeDataset(profile), outlierZ);
    }
}
