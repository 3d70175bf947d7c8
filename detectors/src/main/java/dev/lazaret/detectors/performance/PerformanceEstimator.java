package dev.lazaret.detectors.performance;

import java.util.EnumMap;
import java.util.Map;

/**
 * Confidence-based performance estimation (NannyML's CBPE, binary classification; "How it works: Confidence-based
 * Performance Estimation" in NannyML's documentation, and {@code estimate_f1}/{@code estimate_roc_auc} in its
 * {@code performance_estimation/confidence_based/metrics.py}): with p the calibrated probability of the positive
 * class and ŷ ∈ {0, 1} the prediction, the expected confusion matrix of a window is TP = Σ p·ŷ, FP = Σ (1 − p)·ŷ,
 * FN = Σ p·(1 − ŷ), TN = Σ (1 − p)·(1 − ŷ); accuracy, precision, recall and F1 follow from those cells, and the
 * expected ROC curve takes, in descending score order, the cumulative sums of p as true and of 1 − p as false
 * positives.
 *
 * <p>Standard errors (a departure from NannyML, which scales the spread of the metric over reference chunks by
 * √(chunk size)): if the calibration holds, the outcome of each prediction is an independent Bernoulli(p) draw, so the
 * realised TP and FN are Poisson-binomial sums with variances V₁ = Σ_{ŷ=1} p(1 − p) and V₀ = Σ_{ŷ=0} p(1 − p). That
 * gives accuracy's exactly (√(V₁ + V₀) / n) and precision's (√V₁ / predicted positives); recall and F1 are ratios of
 * the two sums, their errors by the delta method; ROC-AUC uses Hanley and McNeil (1982) with the expected numbers of
 * positives and negatives. These are the errors of the realised metric around the estimate in this window, which is
 * what a comparison with the realised value or a baseline needs, and they need no reference chunks.
 */
public final class PerformanceEstimator {
    private PerformanceEstimator() {}

    /** The estimate of a window under a calibration. */
    public static PerformanceEstimate estimate(IsotonicCalibration calibration, PredictedScores window) {
        double tp = 0;
        double fp = 0;
        double fn = 0;
        double tn = 0;
        double varPositive = 0; // V1: variance of the realised TP
        double varNegative = 0; // V0: variance of the realised FN
        double[] positiveMass = new double[ScoreBins.COUNT];
        double[] negativeMass = new double[ScoreBins.COUNT];
        for (int b = 0; b < ScoreBins.COUNT; b++) {
            double p = calibration.probability(b);
            long n1 = window.predictedPositive(b);
            long n0 = window.predictedNegative(b);
            tp += n1 * p;
            fp += n1 * (1 - p);
            fn += n0 * p;
            tn += n0 * (1 - p);
            varPositive += n1 * p * (1 - p);
            varNegative += n0 * p * (1 - p);
            positiveMass[b] = (n1 + n0) * p;
            negativeMass[b] = (n1 + n0) * (1 - p);
        }
        long n = window.count();
        double predictedPositive = tp + fp;
        Map<Metric, MetricEstimate> metrics = new EnumMap<>(Metric.class);
        metrics.put(
                Metric.ACCURACY,
                n == 0 ? undefined() : new MetricEstimate((tp + tn) / n, Math.sqrt(varPositive + varNegative) / n));
        metrics.put(
                Metric.PRECISION,
                predictedPositive == 0
                        ? undefined()
                        : new MetricEstimate(tp / predictedPositive, Math.sqrt(varPositive) / predictedPositive));
        double actualPositive = tp + fn;
        metrics.put(
                Metric.RECALL,
                actualPositive == 0
                        ? undefined()
                        : new MetricEstimate(
                                tp / actualPositive,
                                Math.sqrt(fn * fn * varPositive + tp * tp * varNegative)
                                        / (actualPositive * actualPositive)));
        // F1 = 2·TP / (predicted positives + TP + FN); predicted positives are known, TP and FN are random
        double d = predictedPositive + tp + fn;
        metrics.put(
                Metric.F1,
                d == 0
                        ? undefined()
                        : new MetricEstimate(
                                2 * tp / d,
                                2
                                        * Math.sqrt((predictedPositive + fn) * (predictedPositive + fn) * varPositive
                                                + tp * tp * varNegative)
                                        / (d * d)));
        double auc = rocAuc(positiveMass, negativeMass);
        metrics.put(
                Metric.ROC_AUC,
                Double.isNaN(auc) ? undefined() : new MetricEstimate(auc, hanleyMcNeil(auc, actualPositive, tn + fp)));
        return new PerformanceEstimate(n, tp, fp, fn, tn, metrics);
    }

    /**
     * The realised metrics of labelled predictions (NaN where undefined). ROC-AUC is computed on the binned scores,
     * ties within a bin counting one half, so it compares like with like against the binned estimate.
     */
    public static Map<Metric, Double> realised(LabelledScores labelled) {
        LabelledScores.Confusion c = labelled.confusion();
        double tp = c.tp();
        double fp = c.fp();
        double fn = c.fn();
        double tn = c.tn();
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        out.put(Metric.ACCURACY, ratio(tp + tn, tp + fp + fn + tn));
        out.put(Metric.PRECISION, ratio(tp, tp + fp));
        out.put(Metric.RECALL, ratio(tp, tp + fn));
        out.put(Metric.F1, ratio(2 * tp, 2 * tp + fp + fn));
        double[] positives = new double[ScoreBins.COUNT];
        double[] negatives = new double[ScoreBins.COUNT];
        for (int b = 0; b < ScoreBins.COUNT; b++) {
            positives[b] = labelled.positives(b);
            negatives[b] = labelled.negatives(b);
        }
        out.put(Metric.ROC_AUC, rocAuc(positives, negatives));
        return out;
    }

    /**
     * Area under the ROC curve traced from the highest bin down, with per-bin positive and negative mass: the
     * trapezoid rule over the cumulative sums, which is exact for masses constant within a bin.
     */
    static double rocAuc(double[] positiveMass, double[] negativeMass) {
        double totalPositive = 0;
        double totalNegative = 0;
        for (int b = 0; b < positiveMass.length; b++) {
            totalPositive += positiveMass[b];
            totalNegative += negativeMass[b];
        }
        if (totalPositive <= 0 || totalNegative <= 0) {
            return Double.NaN;
        }
        double area = 0;
        double truePositives = 0;
        for (int b = positiveMass.length - 1; b >= 0; b--) {
            double before = truePositives;
            truePositives += positiveMass[b];
            area += negativeMass[b] * (before + truePositives) / 2;
        }
        return area / (totalPositive * totalNegative);
    }

    /** Hanley and McNeil (1982): the standard error of an AUC from {@code positives} and {@code negatives} cases. */
    static double hanleyMcNeil(double auc, double positives, double negatives) {
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
                / (positives * negatives);
        return Math.sqrt(Math.max(0, variance));
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    private static MetricEstimate undefined() {
        return new MetricEstimate(Double.NaN, Double.NaN);
    }
}
