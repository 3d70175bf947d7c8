package dev.lazaret.core.quarantine.reference;

import dev.lazaret.detectors.label.Labels;
import dev.lazaret.detectors.multivariate.PcaModel;
import dev.lazaret.detectors.multivariate.ProfileMultivariate;
import dev.lazaret.detectors.poisoning.FeatureBinsAccumulator;
import dev.lazaret.detectors.poisoning.LabeledRow;
import dev.lazaret.detectors.poisoning.PoisoningConfig;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds a reference from trusted rows in two passes, as {@link PoisoningReference#build} does: quantile bins and the
 * profile first, then the poisoning counts over those bins; then the multivariate part of the profile over its numeric
 * features ({@link ProfileMultivariate}, three more passes in O(d²) state). The rows are given as a re-runnable source, so a
 * million-row file is streamed twice rather than held in memory.
 */
public final class ReferenceBuilder {
    private ReferenceBuilder() {}

    /** Something that can feed the same rows to a consumer more than once. */
    @FunctionalInterface
    public interface RowSource {
        void forEach(Consumer<Row> consumer);
    }

    /** One trusted row. */
    public record Row(Map<String, Object> features, Object label) {}

    public static ReferenceBundle build(String referenceId, String dataset, RowSource rows) {
        DatasetProfile profile = DatasetProfile.create();
        FeatureBinsAccumulator bins = FeatureBinsAccumulator.create();
        rows.forEach(row -> {
            profile.update(row.features(), row.label());
            bins.update(labeled(row));
        });
        PoisoningConfig config = PoisoningConfig.defaults();
        PoisoningReference poisoning = PoisoningReference.create(bins.toBins(config.numericBins()), config);
        rows.forEach(row -> poisoning.update(labeled(row)));
        ProfileMultivariate.attach(
                profile,
                records -> rows.forEach(row -> records.accept(row.features())),
                PcaModel.DEFAULT_VARIANCE_SHARE);
        return new ReferenceBundle(referenceId, dataset, profile, poisoning);
    }

    /** The poisoning detectors' view of a record: the label's category ({@link Labels}), {@code "null"} when absent. */
    public static LabeledRow labeled(Row row) {
        return LabeledRow.of(row.features(), labelString(row.label()));
    }

    public static String labelString(Object label) {
        return label == null ? "null" : Labels.category(label);
    }
}
