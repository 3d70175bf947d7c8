package dev.lazaret.detectors.performance;

import java.util.Map;

/**
 * CBPE's estimate for one window.
 *
 * @param count predictions in the window
 * @param tp expected true positives, Σ p·ŷ
 * @param fp expected false positives, Σ (1 − p)·ŷ
 * @param fn expected false negatives, Σ p·(1 − ŷ)
 * @param tn expected true negatives, Σ (1 − p)·(1 − ŷ)
 * @param metrics each metric's estimate and standard error
 */
public record PerformanceEstimate(
        long count, double tp, double fp, double fn, double tn, Map<Metric, MetricEstimate> metrics) {
    public PerformanceEstimate {
        metrics = Map.copyOf(metrics);
    }

    public MetricEstimate metric(Metric metric) {
        return metrics.get(metric);
    }
}
