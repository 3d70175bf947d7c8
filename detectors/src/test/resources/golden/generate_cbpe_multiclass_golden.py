"""Golden values for multiclass CBPE in dev.lazaret.detectors.performance, computed independently of the Java code.

Method as NannyML publishes it for multiclass classification: one-vs-rest isotonic calibration of each class's score
(here on Lazaret's 200 score bins, as generate_cbpe_golden.py does for one class), calibrated probabilities normalised
to sum to 1 per event, predicted class = argmax of the raw scores; expected accuracy = mean of p[predicted], per class
TP_k = sum(p_k * (pred == k)), FP_k = sum((1 - p_k) * (pred == k)), FN_k = sum(p_k * (pred != k)); macro precision,
recall and F1 are unweighted means over the classes; ROC-AUC is the macro mean of the expected one-vs-rest curves
(cumulative sums of p_k and 1 - p_k in descending order of the binned score s_k, a bin's events taken together).
Run: python3 generate_cbpe_multiclass_golden.py
"""
import numpy as np
from scipy.optimize import isotonic_regression
from scipy.stats import mannwhitneyu

ref = np.array([
    [0.80, 0.15, 0.05], [0.70, 0.20, 0.10], [0.65, 0.30, 0.05], [0.60, 0.25, 0.15], [0.55, 0.35, 0.10],
    [0.50, 0.30, 0.20], [0.45, 0.40, 0.15], [0.40, 0.45, 0.15], [0.35, 0.50, 0.15], [0.30, 0.55, 0.15],
    [0.25, 0.60, 0.15], [0.20, 0.70, 0.10], [0.15, 0.75, 0.10], [0.10, 0.80, 0.10], [0.10, 0.30, 0.60],
    [0.05, 0.25, 0.70], [0.15, 0.20, 0.65], [0.20, 0.25, 0.55], [0.25, 0.30, 0.45], [0.05, 0.10, 0.85],
    [0.30, 0.20, 0.50], [0.35, 0.35, 0.30], [0.12, 0.48, 0.40], [0.62, 0.08, 0.30]])
ref_labels = np.array([0, 0, 1, 0, 0, 2, 1, 1, 1, 0, 1, 1, 1, 1, 2, 2, 2, 1, 2, 2, 0, 2, 2, 0])
ana = np.array([
    [0.72, 0.18, 0.10], [0.58, 0.22, 0.20], [0.47, 0.43, 0.10], [0.33, 0.52, 0.15], [0.22, 0.66, 0.12],
    [0.08, 0.84, 0.08], [0.18, 0.27, 0.55], [0.09, 0.16, 0.75], [0.28, 0.34, 0.38], [0.41, 0.19, 0.40],
    [0.51, 0.31, 0.18], [0.13, 0.57, 0.30]])
K = 3
centres = (np.arange(200) + 0.5) / 200
def binned(s):
    return np.minimum(199, np.floor(s * 200).astype(int))

cal = []
for k in range(K):
    bins = binned(ref[:, k]); y = (ref_labels == k).astype(float)
    used = np.unique(bins)
    counts = np.array([np.sum(bins == b) for b in used]); means = np.array([y[bins == b].mean() for b in used])
    fitted = isotonic_regression(means, weights=counts, increasing=True).x
    cal.append(np.interp(centres, (used + 0.5) / 200, fitted))
raw = np.stack([cal[k][binned(ana[:, k])] for k in range(K)], axis=1)
p = raw / raw.sum(axis=1, keepdims=True)
pred = np.argmax(ana, axis=1)
n = len(ana)
print("p[0], p[8]:", p[0].tolist(), p[8].tolist())
print("accuracy", repr(np.mean(p[np.arange(n), pred])))
print("accuracy_se", repr(np.sqrt(np.sum(p[np.arange(n), pred] * (1 - p[np.arange(n), pred]))) / n))
prec, rec, f1, auc, prec_se = [], [], [], [], []
for k in range(K):
    on = pred == k
    TP = np.sum(p[on, k]); FP = np.sum(1 - p[on, k]); FN = np.sum(p[~on, k])
    prec.append(TP / (TP + FP)); rec.append(TP / (TP + FN)); f1.append(TP / (TP + 0.5 * (FP + FN)))
    prec_se.append(np.sqrt(np.sum(p[on, k] * (1 - p[on, k]))) / on.sum())
    b = binned(ana[:, k]); pos = np.zeros(200); neg = np.zeros(200)
    np.add.at(pos, b, p[:, k]); np.add.at(neg, b, 1 - p[:, k])
    tps = np.r_[0, np.cumsum(pos[::-1])]; fps = np.r_[0, np.cumsum(neg[::-1])]
    auc.append(np.trapezoid(tps / tps[-1], fps / fps[-1]))
print("macro precision", repr(np.mean(prec)))
print("macro precision_se", repr(np.sqrt(np.sum(np.square(prec_se))) / K))
print("macro recall", repr(np.mean(rec)))
print("macro f1", repr(np.mean(f1)))
print("macro roc_auc", repr(np.mean(auc)))
# realised on the reference itself (the baseline)
rpred = np.argmax(ref, axis=1)
rp, rr, rf, ra = [], [], [], []
for k in range(K):
    tp = np.sum((rpred == k) & (ref_labels == k)); fp = np.sum((rpred == k) & (ref_labels != k))
    fn = np.sum((rpred != k) & (ref_labels == k))
    rp.append(tp / (tp + fp)); rr.append(tp / (tp + fn)); rf.append(2 * tp / (2 * tp + fp + fn))
    b = binned(ref[:, k]); y = ref_labels == k
    ra.append(mannwhitneyu(b[y], b[~y]).statistic / (y.sum() * (~y).sum()))
print("ref realised accuracy", repr(np.mean(rpred == ref_labels)))
print("ref realised macro precision", repr(np.mean(rp)), "recall", repr(np.mean(rr)), "f1", repr(np.mean(rf)))
print("ref realised macro binned roc_auc", repr(np.mean(ra)))
