"""Label-consistency statistics over many random reference/pool splits of weka's real tables (numpy prototype).

Compares the two ways of testing a batch's neighbour votes against the reference's own (leave-one-out) votes:
  count: one-sided Fisher exact test of the share of rows outvoted by their K nearest reference rows (before issue 11's
         second round);
  llr:   one-sided Welch z test of the mean label-flip log-likelihood ratio per row (what LabelConsistencyCheck does).
Both at alpha 1e-3, K = 10, no effect floor; a reference of at most 1,000 rows; batches of 200 drawn from the pool.
This is an independent re-implementation for choosing the statistic, not the Java code; it runs in about a minute:

    python3 detectors/scripts/label_consistency_splits.py
"""
import numpy as np
from scipy.io import arff
from scipy.stats import fisher_exact, norm

EXAMPLES = '/usr/share/doc/weka/examples/'
K, A, EPS, ALPHA = 10, 0.1, 0.1, 1e-3


def load(name):
    files = ['segment-challenge.arff', 'segment-test.arff'] if name == 'segment' else [name + '.arff']
    parts = [arff.loadarff(EXAMPLES + f) for f in files]
    d = np.concatenate([p[0] for p in parts]); meta = parts[0][1]
    names = meta.names(); label = names[-1]
    num = [n for n in names[:-1] if meta[n][0] == 'numeric']
    cat = [n for n in names[:-1] if meta[n][0] != 'numeric']
    X = np.array([[float(r[n]) for n in num] for r in d]) if num else np.zeros((len(d), 0))
    C = np.array([[r[n].decode() for n in cat] for r in d]) if cat else np.zeros((len(d), 0), dtype=str)
    return X, C, np.array([r[label].decode() for r in d])


def distances(qX, qC, X, C):
    D = np.zeros((max(len(qX), len(qC)), max(len(X), len(C))))
    if X.shape[1]:
        a, b = qX[:, None, :], X[None, :, :]
        na, nb = np.isnan(a), np.isnan(b)
        D += np.where(na | nb, 0, (a - b) ** 2).sum(2) + (na != nb).sum(2)
    if C.shape[1]:
        D += (qC[:, None, :] != C[None, :, :]).sum(2)
    return D


def run(name, n=200, splits=30, per=10):
    X0, C0, y0 = load(name); labels = np.unique(y0); classes = len(labels)
    score = lambda own: np.log(1 - EPS + EPS * (1 - (own + A) / (K + classes * A)) / ((classes - 1) * (own + A) / (K + classes * A)))
    hits = {}
    for sp in range(splits):
        perm = np.random.default_rng(500 + sp).permutation(len(y0)); X, C, y = X0[perm], C0[perm], y0[perm]
        pool = max(len(y) // 2, min(n, len(y) * 6 // 10)); ref, pl = slice(0, len(y) - pool), slice(len(y) - pool, len(y))
        Xr, Cr, yr = X[ref][:1000], C[ref][:1000], y[ref][:1000]
        Xp = X[pl]
        if X.shape[1]:
            m, s = np.nanmean(Xr, 0), np.nanstd(Xr, 0); s[s == 0] = 1; Xr, Xp = (Xr - m) / s, (Xp - m) / s
        Dr = distances(Xr, Cr, Xr, Cr); np.fill_diagonal(Dr, np.inf)
        nr = yr[np.argsort(Dr, 1, kind='stable')[:, :K]]
        own_r = (nr == yr[:, None]).sum(1); out_r = own_r < np.stack([(nr == l).sum(1) for l in labels], 1).max(1)
        idx = np.argsort(distances(Xp, C[pl], Xr, Cr), 1, kind='stable')[:, :K]
        for case, share in [('clean', 0), ('flip5', .05), ('flip10', .10)]:
            for t in range(per):
                r = np.random.default_rng(sp * 1000 + t * 7 + len(case))
                b = r.choice(pool, size=min(n, pool), replace=False); yb = y[pl][b].copy()
                for i in r.choice(len(b), int(round(share * len(b))), replace=False):
                    yb[i] = r.choice(labels[labels != yb[i]])
                nb = yr[idx[b]]; own = (nb == yb[:, None]).sum(1)
                out = own < np.stack([(nb == l).sum(1) for l in labels], 1).max(1)
                p_count = fisher_exact([[out.sum(), len(b) - out.sum()], [out_r.sum(), len(out_r) - out_r.sum()]],
                                       alternative='greater')[1]
                fb, fr = score(own), score(own_r)
                p_llr = norm.sf((fb.mean() - fr.mean()) / np.sqrt(fb.var(ddof=1) / len(fb) + fr.var(ddof=1) / len(fr)))
                for key, p in [('count', p_count), ('llr', p_llr)]:
                    hits[(case, key)] = hits.get((case, key), 0) + (p < ALPHA)
    for key in sorted(hits):
        print(f'{name:10s} {key[0]:6s} {key[1]:5s} {hits[key]}/{splits * per}')


for table in ['segment', 'vote', 'credit-g', 'diabetes', 'ionosphere']:
    run(table)
