package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.profile.FeatureProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the per-record quality checks need from the reference, computed once per chunk: each numeric feature's
 * accepted range and robust location and scale.
 */
public final class ReferenceView {
    /** Values beyond the reference's [min, max] widened by this share of its span count as out of range. */
    static final double RANGE_MARGIN = 0.10;
    /** A row is an outlier when one numeric feature lies this many robust standard deviations from the median. */
    static final double OUTLIER_Z = 6.0;

    /** Range and robust scale of one numeric feature. */
    record Numeric(double low, double high, double median, double scale) {}

    private final Map<String, Numeric> numeric = new LinkedHashMap<>();
    private final Map<String, FeatureProfile> features;
    private double outlierBaseRate;

    public ReferenceView(ReferenceBundle bundle) {
        this.features = bundle.profile().features();
        double tail = 0;
        for (Map.Entry<String, FeatureProfile> e : features.entrySet()) {
            if (e.getValue() instanceof NumericProfile p && p.count() > 0) {
                double span = p.max() - p.min();
                double median = p.quantile(0.5);
                double iqr = p.quantile(0.75) - p.quantile(0.25);
                double scale = iqr > 0 ? iqr / 1.349 : Math.sqrt(p.variance());
                if (!(scale > 0)) {
                    scale = 1;
                }
                numeric.put(
                        e.getKey(),
                        new Numeric(p.min() - RANGE_MARGIN * span, p.max() + RANGE_MARGIN * span, median, scale));
                tail += p.rank(median - OUTLIER_Z * scale) + (1 - p.rank(median + OUTLIER_Z * scale));
            }
        }
        // the reference's own rate beyond the cut, floored: a sketch cannot resolve rates far below its rank error
        outlierBaseRate = Math.min(0.5, Math.max(0.001, tail));
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
