package dev.lazaret.core.quarantine.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.parse.JsonScalars;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a stored canonical record back into the values the detectors take, with the parse step's own mapping ({@link
 * JsonScalars}): numbers as doubles, strings, booleans, null, and arrays as vector features ({@link FeatureVector}).
 * Stored records passed the parse step, so every value is one of these. It runs once per record as the record is
 * stored (live evaluation) and again on release, so it streams the tokens straight into the row rather than building
 * a JSON tree first.
 */
final class RecordRows {
    /**
     * Numbers through Jackson's bundled FastDoubleParser, which rounds correctly as {@link Double#parseDouble} does
     * (the same double for every text; {@code RecordRowsTest} compares with the tree read of {@link JsonSerde}, which
     * uses the JDK's parser): reading each stored number back was a tenth of this read in profiles.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private RecordRows() {}

    /** A stored record: its dataset and its row. */
    record Stored(String dataset, ReferenceBuilder.Row row) {}

    static Stored read(byte[] canonical) {
        try (JsonParser p = JSON.createParser(canonical)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("stored record is not a JSON object");
            }
            String dataset = null;
            Map<String, Object> features = null;
            Object label = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "dataset" -> dataset = p.getText();
                    case "features" -> features = features(p, value);
                    case "label" -> label = scalar(p, value);
                    default -> p.skipChildren();
                }
            }
            if (dataset == null || features == null) {
                throw new IllegalArgumentException("stored record lacks its dataset or features");
            }
            return new Stored(dataset, new ReferenceBuilder.Row(features, label));
        } catch (IOException e) {
            throw new UncheckedIOException("stored record is not JSON", e);
        }
    }

    private static Map<String, Object> features(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("stored record's features are not an object");
        }
        Map<String, Object> features = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            features.put(name, value == JsonToken.START_ARRAY ? vector(p, name) : scalar(p, value));
        }
        return features;
    }

    /** The elements of a vector feature the parse step accepted (1 or more finite numbers), from its array's tokens. */
    private static FeatureVector vector(JsonParser p, String name) throws IOException {
        double[] values = new double[16];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new IllegalArgumentException("stored vector feature '" + name + "' holds a " + t);
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = p.getDoubleValue();
        }
        return new FeatureVector(Arrays.copyOf(values, n));
    }

    /** {@link JsonScalars#value}'s mapping, from the token rather than a tree node. */
    private static Object scalar(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            default -> throw new IllegalArgumentException("not a JSON scalar: " + token);
        };
    }
}
