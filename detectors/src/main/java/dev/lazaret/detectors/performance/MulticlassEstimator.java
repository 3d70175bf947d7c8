package dev.lazaret.detectors.performance;

import java.util.EnumMap;
import java.util.Map;

/**
 * CBPE for a multiclass classifier, one class against the rest (NannyML's multiclass CBPE): with p_k an event's
 * normalised calibrated probability of class k ({@link OneVsRestCalibration}) and ŷ its predicted class, the expected
 * accuracy is the mean of p_ŷ (the share where the predicted class is right), and class k's expected confusion cells
 * are TP_k = Σ_{ŷ=k} p_k, FP_k = Σ_{ŷ=k} (1 − p_k), FN_k = Σ_{ŷ≠k} p_k. Precision, recall and F1 are the macro
 * averages (unweighted mean over the classes where each is defined, as scikit-learn's {@code average="macro"} over
 * the classes present), ROC-AUC the macro average of the expected one-vs-rest curves (class k ranked by its raw score
 * s_k, with p_k as positive and 1 − p_k as negative mass, as in the binary case).
 *
 * <p>Standard errors: accuracy's is exact under the calibration (each event right with probability p_ŷ,
 * independently): √(Σ p_ŷ(1 − p_ŷ)) / n. Each class's precision, recall, F1 and AUC error is the binary one
 * ({@link PerformanceEstimator}); a macro average's is √(Σ_k se_k²) / classes, which treats the classes as
 * independent. For precision that is exact (TP_k sums over disjoint events); for recall and F1 it leaves out the
 * covariance between one event's indicators of different classes (multinomial, negative), which makes the band
 * slightly too narrow; for AUC the classes' curves share events and the same applies. The simulation
 * ({@code MulticlassShiftEstimationTest}) checks the bands hold in practice.
 */
public final class MulticlassEstimator {
    private MulticlassEstimator() {}

    /** The estimate of a window. */
    public static Map<Metric, MetricEstimate> estimate(MulticlassScores w) {
        int classes = w.classes();
        long n = w.count();
        double correct = 0;
        double correctVariance = 0;
        Macro precision = new Macro();
        Macro recall = new Macro();
        Macro f1 = new Macro();
        Macro auc = new Macro();
        for (int k = 0; k < classes; k++) {
            double tp = w.tp[k];
            double fn = w.fn[k];
            double v1 = w.tpVariance[k];
            double v0 = w.fnVariance[k];
            double predicted = w.predicted[k];
            correct += tp;
            correctVariance += v1;
            if (predicted > 0) {
                precision.add(tp / predicted, Math.sqrt(v1) / predicted);
            }
            double actual = tp + fn;
            if (actual > 0) {
                recall.add(tp / actual, Math.sqrt(fn * fn * v1 + tp * tp * v0) / (actual * actual));
            }
            double d = predicted + tp + fn;
            if (d > 0) {
                f1.add(2 * tp / d, 2 * Math.sqrt((predicted + fn) * (predicted + fn) * v1 + tp * tp * v0) / (d * d));
            }
            double a = PerformanceEstimator.rocAuc(w.positiveMass[k], w.negativeMass[k]);
            if (!Double.isNaN(a)) {
                auc.add(a, PerformanceEstimator.hanleyMcNeil(a, actual, n - actual));
            }
        }
        Map<Metric, MetricEstimate> out = new EnumMap<>(Metric.class);
        out.put(
                Metric.ACCURACY,
                n == 0
                        ? new MetricEstimate(Double.NaN, Double.NaN)
                        : new MetricEstimate(correct / n, Math.sqrt(correctVariance) / n));
        out.put(Metric.PRECISION, precision.estimate());
        out.put(Metric.RECALL, recall.estimate());
        out.put(Metric.F1, f1.estimate());
        out.put(Metric.ROC_AUC, auc.estimate());
        return out;
    }

    /**
     * The realised metrics of labelled predictions (NaN where undefined): accuracy, the macro averages over the
     * classes where each is defined, and the macro one-vs-rest ROC-AUC on the binned scores (ties within a bin count
     * one half, as the estimate's curve has them).
     */
    public static Map<Metric, Double> realised(MulticlassLabelled labelled) {
        double correct = 0;
        Macro precision = new Macro();
        Macro recall = new Macro();
        Macro f1 = new Macro();
        Macro auc = new Macro();
        for (int k = 0; k < labelled.classes(); k++) {
            Map<Metric, Double> oneVsRest = PerformanceEstimator.realised(labelled.oneVsRest(k));
            correct += labelled.oneVsRest(k).confusion().tp();
            precision.add(oneVsRest.get(Metric.PRECISION), 0);
            recall.add(oneVsRest.get(Metric.RECALL), 0);
            f1.add(oneVsRest.get(Metric.F1), 0);
            auc.add(oneVsRest.get(Metric.ROC_AUC), 0);
        }
        long n = labelled.count();
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        out.put(Metric.ACCURACY, n == 0 ? Double.NaN : correct / n);
        out.put(Metric.PRECISION, precision.estimate().value());
        out.put(Metric.RECALL, recall.estimate().value());
        out.put(Metric.F1, f1.estimate().value());
        out.put(Metric.ROC_AUC, auc.estimate().value());
        return out;
    }

    /** An unweighted mean over the classes where a metric is defined, with the error of independent terms. */
    private static final class Macro {
        private double sum;
        private double variance;
        private int classes;

        void add(double value, double standardError) {
            if (Double.isNaN(value)) {
                return;
            }
            sum += value;
            variance += standardError * standardError;
            classes++;
        }

        MetricEstimate estimate() {
            return classes == 0
                    ? new MetricEstimate(Double.NaN, Double.NaN)
                    : new MetricEstimate(sum / classes, Math.sqrt(variance) / classes);
        }
    }
}
