package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.outlier.OutlierBounds;
import dev.lazaret.detectors.outlier.ReferenceOutlierRate;
import dev.lazaret.detectors.outlier.RobustZScore;
import dev.lazaret.detectors.profile.FeatureProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the per-record quality checks need from the reference, computed once per evaluation: each numeric feature's
 * accepted range and its outlier bounds. Location, scale, bounds and the reference's own outlier rate are the shared
 * definitions of {@code dev.lazaret.detectors.outlier}, the same ones the drift side uses; quarantine differs only in
 * its cut ({@link #OUTLIER_Z}) and in counting rows rather than values ({@link ReferenceOutlierRate#perRow}).
 */
public final class ReferenceView {
    /** Values beyond the reference's [min, max] widened by this share of its span count as out of range. */
    static final double RANGE_MARGIN = 0.10;
    /** A row is an outlier when one numeric feature lies this many robust standard deviations from the median. */
    static final double OUTLIER_Z = 6.0;

    /**
     * Range and outlier bounds of one numeric feature.
     *
     * @param outliers null when the reference's scale is zero (a constant feature): the range check covers it
     */
    record Numeric(double low, double high, OutlierBounds outliers) {
        boolean isOutlier(double x) {
            return outliers != null && !Double.isNaN(x) && outliers.isOutlier(x);
        }
    }

    private final Map<String, Numeric> numeric = new LinkedHashMap<>();
    private final Map<String, FeatureProfile> features;
    private final double outlierBaseRate;

    public ReferenceView(ReferenceBundle bundle) {
        this.features = bundle.profile().features();
        List<Double> tailMasses = new ArrayList<>();
        for (Map.Entry<String, FeatureProfile> e : features.entrySet()) {
            if (e.getValue() instanceof NumericProfile p && p.count() > 0) {
                double span = p.max() - p.min();
                OutlierBounds bounds = RobustZScore.fromProfile(p)
                        .map(z -> z.bounds(OUTLIER_Z))
                        .orElse(null);
                numeric.put(
                        e.getKey(), new Numeric(p.min() - RANGE_MARGIN * span, p.max() + RANGE_MARGIN * span, bounds));
                if (bounds != null) {
                    tailMasses.add(bounds.tailMass(p));
                }
            }
        }
        outlierBaseRate = ReferenceOutlierRate.perRow(
                tailMasses.stream().mapToDouble(Double::doubleValue).toArray());
    }

    Map<String, Numeric> numeric() {
        return numeric;
    }

    Map<String, FeatureProfile> features() {
        return features;
    }

    double outlierBaseRate() {
        return outlierBaseRate;
    }
}
