"""Golden values for dev.lazaret.detectors.performance (CBPE), computed independently of the Java code.

Method as NannyML publishes it (docs "Confidence-based Performance Estimation"; metrics.py estimate_f1,
estimate_roc_auc): calibrate with isotonic regression on reference (score, label) pairs, then with p the calibrated
probability and yhat the prediction: TP = sum(p*yhat), FP = sum((1-p)*yhat), FN = sum(p*(1-yhat)),
TN = sum((1-p)*(1-yhat)); ROC-AUC from cumsum(p) and cumsum(1-p) in descending raw-score order.
Lazaret bins scores into 200 bins before calibrating (bin = floor(200*score)); this script does the same, fits
the isotonic regression with scipy.optimize.isotonic_regression weighted by bin counts, and fills bins without
reference data with numpy.interp over bin centres. Run: python3 generate_cbpe_golden.py
"""
import numpy as np
from scipy.optimize import isotonic_regression

ref_scores = np.array([0.02, 0.05, 0.08, 0.11, 0.13, 0.17, 0.21, 0.24, 0.28, 0.31, 0.33, 0.36, 0.41, 0.44, 0.47,
                       0.52, 0.55, 0.58, 0.61, 0.64, 0.66, 0.69, 0.72, 0.75, 0.78, 0.81, 0.84, 0.87, 0.91, 0.97])
ref_labels = np.array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1,
                       0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1])
ana_scores = np.array([0.03, 0.12, 0.12, 0.26, 0.35, 0.45, 0.50, 0.53, 0.63, 0.70, 0.74, 0.80, 0.88, 0.93, 0.99])
ana_pred = (ana_scores >= 0.5).astype(int)

bins = np.minimum(199, np.floor(ref_scores * 200).astype(int))
used = np.unique(bins)
counts = np.array([np.sum(bins == b) for b in used])
means = np.array([ref_labels[bins == b].mean() for b in used])
fitted = isotonic_regression(means, weights=counts, increasing=True).x
centres = (np.arange(200) + 0.5) / 200
calibration = np.interp(centres, (used + 0.5) / 200, fitted)

p = calibration[np.minimum(199, np.floor(ana_scores * 200).astype(int))]
TP = np.sum(p * ana_pred); FP = np.sum((1 - p) * ana_pred); FN = np.sum(p * (1 - ana_pred)); TN = np.sum((1 - p) * (1 - ana_pred))
order = np.argsort(ana_scores)[::-1]
tps = np.r_[0, np.cumsum(p[order])]; fps = np.r_[0, np.cumsum(1 - p[order])]
auc = np.trapezoid(tps / tps[-1], fps / fps[-1])
print("calibration at bins 2,22,62,102,122,172:", calibration[[2, 22, 62, 102, 122, 172]].tolist())
print("TP FP FN TN", repr(TP), repr(FP), repr(FN), repr(TN))
print("accuracy", repr((TP + TN) / len(p)))
print("precision", repr(TP / (TP + FP)))
print("recall", repr(TP / (TP + FN)))
print("f1", repr(TP / (TP + 0.5 * (FP + FN))))
print("roc_auc", repr(auc))
v1 = np.sum(ana_pred * p * (1 - p)); v0 = np.sum((1 - ana_pred) * p * (1 - p))
print("accuracy_se", repr(np.sqrt(v1 + v0) / len(p)))
print("precision_se", repr(np.sqrt(v1) / (TP + FP)))
print("recall_se", repr(np.sqrt(FN**2 * v1 + TP**2 * v0) / (TP + FN) ** 2))
# realised on the reference itself (baseline), ROC-AUC on the binned scores
ref_pred = (ref_scores >= 0.5).astype(int)
from scipy.stats import mannwhitneyu
u = mannwhitneyu(bins[ref_labels == 1], bins[ref_labels == 0]).statistic
print("ref realised accuracy", repr(np.mean(ref_pred == ref_labels)))
print("ref realised binned roc_auc", repr(u / (ref_labels.sum() * (1 - ref_labels).sum())))
