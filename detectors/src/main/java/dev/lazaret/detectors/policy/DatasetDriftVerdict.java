package dev.lazaret.detectors.policy;

import java.util.List;

/**
 * The drift decision for one window.
 *
 * @param features one verdict per feature seen on either side, sorted by name
 * @param driftedShare drifted features / tested features (0 when none was tested)
 * @param datasetDrift whether the share reached the policy's {@code datasetDriftShare}
 * @param label verdict on the label distribution (prior shift); not counted in the share, null when neither side has
 *     labels
 */
public record DatasetDriftVerdict(
        List<FeatureDriftVerdict> features, double driftedShare, boolean datasetDrift, FeatureDriftVerdict label) {

    /** Copies the list. */
    public DatasetDriftVerdict {
        features = List.copyOf(features);
    }

    /** Returns the verdict of one feature, or null. */
    public FeatureDriftVerdict feature(String name) {
        return features.stream()
                .filter(f -> f.feature().equals(name))
                .findFirst()
                .orElse(null);
    }
}
