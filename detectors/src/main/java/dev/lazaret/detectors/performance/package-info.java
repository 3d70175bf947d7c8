/**
 * Performance estimated without labels: NannyML's confidence-based performance estimation (CBPE) for binary
 * and multiclass classifiers, in bounded memory for a stream.
 *
 * <ul>
 *   <li>{@link dev.lazaret.detectors.performance.ScoreBins}: the 200 score bins every accumulator here shares.
 *   <li>{@link dev.lazaret.detectors.performance.LabelledScores}: scores with their labels (the calibration sample,
 *       and the realised performance of a window once its labels arrive).
 *   <li>{@link dev.lazaret.detectors.performance.PredictedScores}: a window's scores and predictions, no labels.
 *   <li>{@link dev.lazaret.detectors.performance.IsotonicCalibration}: the calibration map, pool-adjacent-violators
 *       over the bins.
 *   <li>{@link dev.lazaret.detectors.performance.PerformanceEstimator}: expected confusion matrix, accuracy,
 *       precision, recall, F1 and ROC-AUC with their standard errors; and the realised values from labels.
 *   <li>Multiclass, one class against the rest: {@link dev.lazaret.detectors.performance.OneVsRestCalibration}
 *       (normalised per-class isotonic maps), {@link dev.lazaret.detectors.performance.MulticlassScores} (a window's
 *       calibrated predictions), {@link dev.lazaret.detectors.performance.MulticlassLabelled} (labelled, per class)
 *       and {@link dev.lazaret.detectors.performance.MulticlassEstimator} (accuracy and macro averages with their
 *       standard errors).
 * </ul>
 */
package dev.lazaret.detectors.performance;
