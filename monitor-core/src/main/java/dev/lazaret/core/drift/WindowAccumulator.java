package dev.lazaret.core.drift;

import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.drift.codec.WindowState;
import dev.lazaret.core.drift.codec.WindowStateCodec;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.multivariate.MultivariateAccumulator;
import dev.lazaret.detectors.multivariate.MultivariateReference;
import dev.lazaret.detectors.multivariate.MultivariateWindow;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one model's open window has accumulated: the input profile, the output (prediction and score) profile,
 * outlier counts, joined labels and the model versions seen. Its encoded size ({@link WindowStateCodec}) depends on
 * the number of features and their sketches, never on the number of events.
 *
 * <p>Changed only through its methods. Not thread-safe.
 */
final class WindowAccumulator implements StateCells.Encodable {
    private static final int MAX_VERSIONS = 16;
    private static final String OTHER_VERSIONS = "__other__";

    private final long windowStartMs;
    private final DatasetProfile inputs;
    private final DatasetProfile outputs;
    private final Map<String, Long> versions;
    private long events;
    private long numericValues;
    private long outliers;
    private long labelled;
    private long errors;
    private boolean performanceChange;
    private boolean scoreChange;
    private MultivariateWindow multivariate;
    private final Map<String, DatasetProfile> embeddings = new TreeMap<>();

    private WindowAccumulator(
            long windowStartMs, DatasetProfile inputs, DatasetProfile outputs, Map<String, Long> versions) {
        this.windowStartMs = windowStartMs;
        this.inputs = inputs;
        this.outputs = outputs;
        this.versions = versions;
    }

    static WindowAccumulator open(long windowStartMs) {
        DatasetProfile outputs = DatasetProfile.create()
                .declare(Reference.PREDICTION, FeatureKind.CATEGORICAL)
                .declare(Reference.SCORE, FeatureKind.NUMERIC);
        return new WindowAccumulator(windowStartMs, DatasetProfile.create(), outputs, new TreeMap<>());
    }

    /**
     * Adds one event.
     *
     * @param features the event's input features
     * @param outputs its prediction and score under {@link Reference#PREDICTION} and {@link Reference#SCORE}
     * @param modelVersion its model version ("" when absent)
     * @param checked numeric values checked against the reference bounds
     * @param outliersFound of which outside them
     */
    void addEvent(
            Map<String, Object> features,
            Map<String, Object> outputs,
            String modelVersion,
            long checked,
            long outliersFound) {
        inputs.update(features, null);
        this.outputs.update(outputs, null);
        count(modelVersion, checked, outliersFound);
    }

    /**
     * Adds one parsed event, as {@link #addEvent(Map, Map, String, long, long)} with its scalar features (vectors are
     * left out: they go to {@link #addVector}) and its prediction and score as the outputs, without a map or a boxed
     * number per value.
     *
     * @param features the event's features
     * @param prediction its prediction's category, or null
     * @param score its score, or null
     * @param modelVersion its model version ("" when absent)
     * @param checked numeric values checked against the reference bounds
     * @param outliersFound of which outside them
     */
    void addEvent(
            FeatureMap features,
            String prediction,
            Double score,
            String modelVersion,
            long checked,
            long outliersFound) {
        for (int i = 0; i < features.size(); i++) {
            if (features.isNumber(i)) {
                inputs.updateNumber(features.name(i), features.number(i));
            } else {
                Object value = features.value(i);
                if (!(value instanceof FeatureVector)) {
                    inputs.updateFeature(features.name(i), value);
                }
            }
        }
        inputs.updateLabel(null);
        outputs.updateFeature(Reference.PREDICTION, prediction);
        outputs.updateFeature(Reference.SCORE, score);
        outputs.updateLabel(null);
        count(modelVersion, checked, outliersFound);
    }

    private void count(String modelVersion, long checked, long outliersFound) {
        events++;
        String key =
                versions.containsKey(modelVersion) || versions.size() < MAX_VERSIONS ? modelVersion : OTHER_VERSIONS;
        versions.merge(key, 1L, Long::sum);
        numericValues += checked;
        outliers += outliersFound;
    }

    /**
     * Scores one event's numeric features against the reference's multivariate part (opens the multivariate window
     * on the first such event).
     */
    void addJoint(MultivariateReference.Scorer scorer, Map<String, Object> features) {
        if (multivariate == null) {
            multivariate = MultivariateWindow.create();
        }
        MultivariateAccumulator.of(scorer, multivariate).accept(features);
    }

    /** Projects one vector of a reference's vector feature into the window's sketches for that feature. */
    void addVector(String feature, EmbeddingReference reference, double[] vector) {
        reference.add(embeddings.computeIfAbsent(feature, f -> reference.newWindow()), vector);
    }

    /** Per vector feature, the window's projections; live. */
    Map<String, DatasetProfile> embeddings() {
        return Collections.unmodifiableMap(embeddings);
    }

    /** The multivariate window, or null when no event was scored jointly. */
    MultivariateWindow multivariate() {
        return multivariate;
    }

    /** Adds one joined label; {@code changeSignalled}: a detector signalled an error-rate increase with it. */
    void addLabel(boolean error, boolean changeSignalled) {
        labelled++;
        if (error) {
            errors++;
        }
        performanceChange |= changeSignalled;
    }

    /** Page–Hinkley signalled a change of the mean score in this window. */
    void markScoreChange() {
        scoreChange = true;
    }

    long windowStartMs() {
        return windowStartMs;
    }

    DatasetProfile inputs() {
        return inputs;
    }

    DatasetProfile outputs() {
        return outputs;
    }

    Map<String, Long> versions() {
        return Collections.unmodifiableMap(versions);
    }

    long events() {
        return events;
    }

    long numericValues() {
        return numericValues;
    }

    long outliers() {
        return outliers;
    }

    long labelled() {
        return labelled;
    }

    long errors() {
        return errors;
    }

    boolean performanceChange() {
        return performanceChange;
    }

    boolean scoreChange() {
        return scoreChange;
    }

    @Override
    public byte[] encode() {
        return WindowStateCodec.encode(new WindowState(
                windowStartMs,
                events,
                numericValues,
                outliers,
                labelled,
                errors,
                performanceChange,
                scoreChange,
                versions,
                inputs,
                outputs,
                multivariate,
                embeddings));
    }

    /** Decodes a stored window; throws IllegalArgumentException if the bytes are not one. */
    static WindowAccumulator decode(byte[] encoded) {
        WindowState s = WindowStateCodec.decode(encoded);
        WindowAccumulator acc =
                new WindowAccumulator(s.windowStartMs(), s.inputs(), s.outputs(), new TreeMap<>(s.versions()));
        acc.events = s.events();
        acc.numericValues = s.numericValues();
        acc.outliers = s.outliers();
        acc.labelled = s.labelled();
        acc.errors = s.errors();
        acc.performanceChange = s.performanceChange();
        acc.scoreChange = s.scoreChange();
        acc.multivariate = s.multivariate();
        acc.embeddings.putAll(s.embeddings());
        return acc;
    }
}
