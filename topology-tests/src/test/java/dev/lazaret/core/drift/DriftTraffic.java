package dev.lazaret.core.drift;

import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeded synthetic inference traffic for the drift tests: {@code features} numeric features N(0,1) (the first
 * {@code shifted} of them shifted by {@code shift} sd when asked), a prediction and a score.
 */
final class DriftTraffic {
    private final Random random;
    private final int features;
    private final Map<String, String> predictions = new java.util.HashMap<>();

    DriftTraffic(long seed, int features) {
        this.random = new Random(seed);
        this.features = features;
    }

    /** A reference profile of {@code n} clean rows, with the model outputs as pseudo-features. */
    byte[] reference(int n) {
        DatasetProfile profile = DatasetProfile.create();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = row(0, 0);
            double score = random.nextDouble();
            row.put(Reference.PREDICTION, score > 0.5 ? "1" : "0");
            row.put(Reference.SCORE, score);
            profile.update(row, score > 0.5 ? "1" : "0");
        }
        return ProfileCodec.encode(profile);
    }

    Map<String, Object> row(int shifted, double shift) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int f = 0; f < features; f++) {
            row.put(name(f), random.nextGaussian() + (f < shifted ? shift : 0));
        }
        return row;
    }

    static String name(int feature) {
        return String.format(Locale.ROOT, "f%02d", feature);
    }

    /** One event as contract JSON. */
    String event(String model, String id, long timestampMs, int shifted, double shift) {
        double score = random.nextDouble();
        predictions.put(id, score > 0.5 ? "1" : "0");
        StringBuilder json = new StringBuilder("{\"event_id\":\"")
                .append(id)
                .append("\",\"model\":\"")
                .append(model)
                .append("\",\"model_version\":\"v1\",\"timestamp\":")
                .append(timestampMs)
                .append(",\"features\":{");
        Map<String, Object> row = row(shifted, shift);
        String separator = "";
        for (Map.Entry<String, Object> e : row.entrySet()) {
            json.append(separator).append('"').append(e.getKey()).append("\":").append(e.getValue());
            separator = ",";
        }
        return json.append("},\"prediction\":\"")
                .append(score > 0.5 ? "1" : "0")
                .append("\",\"score\":")
                .append(score)
                .append('}')
                .toString();
    }

    /** Feedback for an event produced earlier by this generator (or "1" for an unknown id): right or wrong. */
    String feedback(String model, String id, long timestampMs, boolean wrong) {
        String prediction = predictions.getOrDefault(id, "1");
        String label = wrong == prediction.equals("1") ? "0" : "1";
        return "{\"event_id\":\"" + id + "\",\"model\":\"" + model + "\",\"label\":\"" + label + "\",\"timestamp\":"
                + timestampMs + "}";
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }
}
