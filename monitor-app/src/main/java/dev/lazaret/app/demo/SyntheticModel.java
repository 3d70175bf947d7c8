package dev.lazaret.app.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic model and the inference traffic it sees: numeric features {@code n00, n01, ...} drawn from N(0, 1),
 * categorical features {@code c00, c01, ...} over four categories with shares 40/30/20/10%, a 0/1 prediction that is
 * 1 with probability 0.3 (the label's share in the reference, so prediction drift stays quiet) and a uniform score.
 *
 * <p>Drifted traffic moves {@code n00} and {@code n01} by {@value #SHIFT_SD} standard deviations and turns the
 * categories of {@code c00} around (10/20/30/40%): a change a window of a few hundred events shows clearly.
 *
 * @param name the model name (the record key of its events)
 * @param dataset the dataset whose reference profile the model is compared with
 * @param numericFeatures how many numeric features
 * @param categoricalFeatures how many categorical features
 */
public record SyntheticModel(String name, String dataset, int numericFeatures, int categoricalFeatures) {
    /** The model version of the demo's traffic, the one the demo releases. */
    public static final String VERSION = "v1";

    /** Shift of the drifted numeric features, in standard deviations. */
    public static final double SHIFT_SD = 1.5;

    private static final String[] CATEGORIES = {"a", "b", "c", "d"};
    private static final double[] CLEAN_SHARES = {0.4, 0.7, 0.9, 1.0};
    private static final double[] DRIFTED_SHARES = {0.1, 0.3, 0.6, 1.0};
    private static final double POSITIVE_SHARE = 0.3;
    private static final JsonFactory JSON = new JsonFactory();

    /** The features that drifted traffic moves. */
    public static final java.util.List<String> DRIFTED_FEATURES = java.util.List.of("n00", "n01", "c00");

    /** A reference profile built from {@code rows} clean rows, labelled like the predictions. */
    public DatasetProfile referenceProfile(Random random, int rows) {
        DatasetProfile profile = DatasetProfile.create();
        for (int i = 0; i < rows; i++) {
            profile.update(row(random, false), prediction(random));
        }
        return profile;
    }

    /** One row of features; drifted rows follow the moved distributions. */
    public Map<String, Object> row(Random random, boolean drifted) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < numericFeatures; i++) {
            double shift = drifted && i < 2 ? SHIFT_SD : 0;
            row.put(numericName(i), random.nextGaussian() + shift);
        }
        for (int i = 0; i < categoricalFeatures; i++) {
            row.put(categoricalName(i), category(random, drifted && i == 0 ? DRIFTED_SHARES : CLEAN_SHARES));
        }
        return row;
    }

    /** A prediction, "1" with probability 0.3. */
    public static String prediction(Random random) {
        return random.nextDouble() < POSITIVE_SHARE ? "1" : "0";
    }

    /** An {@code inference.events} value of the public contract, of the released version {@link #VERSION}. */
    public byte[] eventJson(
            String eventId, long timestampMs, Map<String, Object> row, String prediction, double score) {
        return eventJson(VERSION, eventId, timestampMs, row, prediction, score);
    }

    /** An {@code inference.events} value of the public contract, of model version {@code version}. */
    public byte[] eventJson(
            String version,
            String eventId,
            long timestampMs,
            Map<String, Object> row,
            String prediction,
            double score) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + row.size() * 24);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("event_id", eventId);
            json.writeStringField("model", name);
            json.writeStringField("model_version", version);
            json.writeNumberField("timestamp", timestampMs);
            json.writeObjectFieldStart("features");
            for (Map.Entry<String, Object> f : row.entrySet()) {
                if (f.getValue() instanceof Double d) {
                    json.writeNumberField(f.getKey(), Math.round(d * 1e4) / 1e4);
                } else if (f.getValue() instanceof double[] vector) {
                    json.writeArrayFieldStart(f.getKey());
                    for (double x : vector) {
                        json.writeNumber(Math.round(x * 1e4) / 1e4);
                    }
                    json.writeEndArray();
                } else {
                    json.writeStringField(f.getKey(), String.valueOf(f.getValue()));
                }
            }
            json.writeEndObject();
            json.writeStringField("prediction", prediction);
            json.writeNumberField("score", Math.round(score * 1e4) / 1e4);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An {@code inference.feedback} value of the public contract. */
    public byte[] feedbackJson(String eventId, String label, long timestampMs) {
        return String.format(
                        Locale.ROOT,
                        "{\"event_id\":\"%s\",\"model\":\"%s\",\"label\":\"%s\",\"timestamp\":%d}",
                        eventId,
                        name,
                        label,
                        timestampMs)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String numericName(int i) {
        return String.format(Locale.ROOT, "n%02d", i);
    }

    static String categoricalName(int i) {
        return String.format(Locale.ROOT, "c%02d", i);
    }

    private static String category(Random random, double[] cumulative) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return CATEGORIES[i];
            }
        }
        return CATEGORIES[CATEGORIES.length - 1];
    }
}
