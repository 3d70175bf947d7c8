"""Dirty-label backdoors with an in-range trigger over many random splits of weka's real tables (numpy prototype).

The harness's backdoor (RealDataEvaluation): one feature set, on 2% or 5% of a batch's rows, to a value a reference row
has, and those rows' label set to one class. Before: backdoor-trigger's two families (batch (feature, value, label)
counts against the reference's labelled sample with the purity rule; a value's top label against the value's count
over the whole reference), each at alpha/2, and label-consistency (Welch z of the flip log-likelihood ratio, excess
>= 2 points). After: a third family at alpha/3 (the other two at alpha/3 too): (feature, value, label) counts among
the rows their K nearest reference-sample rows outvote, batch against the sample's own leave-one-out outvoted rows, by
the same exact conditional binomial with Tarone's level; a natural outvoted row is spread over values, while the
planted rows are outvoted on one value with one label.

Independent re-implementation for choosing the statistic, not the Java code: exact value tokens only (not the 0.05-sd
grid cells), the reference sample is the first 1,000 rows of the shuffled reference half. Runs in a few minutes:

    python3 detectors/scripts/backdoor_outvoted_splits.py

Output (30 splits, 3 batches per split and case; "after" at lift floors 1, 2 and 3 of the new family; Dec 2026):

    segment      200 backdoor2 before 0/90  after(lift>=1) 1/90 after(lift>=2) 1/90 after(lift>=3) 1/90
    segment      200 backdoor5 before 76/90  after(lift>=1) 84/90 after(lift>=2) 84/90 after(lift>=3) 84/90
    segment      200 clean     before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    segment     1000 backdoor2 before 66/90  after(lift>=1) 81/90 after(lift>=2) 81/90 after(lift>=3) 81/90
    segment     1000 backdoor5 before 88/90  after(lift>=1) 90/90 after(lift>=2) 90/90 after(lift>=3) 90/90
    segment     1000 clean     before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    vote         200 backdoor2 before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    vote         200 backdoor5 before 1/90  after(lift>=1) 1/90 after(lift>=2) 1/90 after(lift>=3) 1/90
    vote         200 clean     before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    credit-g     200 backdoor2 before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    credit-g     200 backdoor5 before 1/90  after(lift>=1) 1/90 after(lift>=2) 1/90 after(lift>=3) 1/90
    credit-g     200 clean     before 1/90  after(lift>=1) 1/90 after(lift>=2) 1/90 after(lift>=3) 1/90
    diabetes     200 backdoor2 before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    diabetes     200 backdoor5 before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    diabetes     200 clean     before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    ionosphere   200 backdoor2 before 1/90  after(lift>=1) 1/90 after(lift>=2) 1/90 after(lift>=3) 1/90
    ionosphere   200 backdoor5 before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
    ionosphere   200 clean     before 0/90  after(lift>=1) 0/90 after(lift>=2) 0/90 after(lift>=3) 0/90
Second run, the rows the family counts: all outvoted rows (lift floor 2) against rows at most 0, 1 or 2 of whose K
neighbours share their label (strongly outvoted; lift floor 2). The Java check counts own <= 1
(VoteSample.STRONGLY_OUTVOTED): no worse here, and four times fewer natural rows on segment (2% against 8%):

    python3 detectors/scripts/backdoor_outvoted_splits.py 10 own

    segment      200 backdoor2 before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 1/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    segment      200 backdoor5 before 25/30  after(lift>=2) 28/30 after(lift>=own<=0) 29/30 after(lift>=own<=1) 29/30 after(lift>=own<=2) 29/30
    segment      200 clean     before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    segment     1000 backdoor2 before 23/30  after(lift>=2) 29/30 after(lift>=own<=0) 28/30 after(lift>=own<=1) 28/30 after(lift>=own<=2) 28/30
    segment     1000 backdoor5 before 30/30  after(lift>=2) 30/30 after(lift>=own<=0) 30/30 after(lift>=own<=1) 30/30 after(lift>=own<=2) 30/30
    segment     1000 clean     before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    vote         200 backdoor2 before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    vote         200 backdoor5 before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    vote         200 clean     before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    credit-g     200 backdoor2 before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    credit-g     200 backdoor5 before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    credit-g     200 clean     before 1/30  after(lift>=2) 1/30 after(lift>=own<=0) 1/30 after(lift>=own<=1) 1/30 after(lift>=own<=2) 1/30
    diabetes     200 backdoor2 before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    diabetes     200 backdoor5 before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    diabetes     200 clean     before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    ionosphere   200 backdoor2 before 1/30  after(lift>=2) 1/30 after(lift>=own<=0) 1/30 after(lift>=own<=1) 1/30 after(lift>=own<=2) 1/30
    ionosphere   200 backdoor5 before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
    ionosphere   200 clean     before 0/30  after(lift>=2) 0/30 after(lift>=own<=0) 0/30 after(lift>=own<=1) 0/30 after(lift>=own<=2) 0/30
"""
import sys
import numpy as np
from scipy.io import arff
from scipy.stats import binom, norm

EXAMPLES = '/usr/share/doc/weka/examples/'
K, A, EPS = 10, 0.1, 0.1
ALPHA = 1e-3
MIN_SHARE, MIN_LIFT, PURITY = 0.005, 10, 0.9


def load(name):
    files = ['segment-challenge.arff', 'segment-test.arff'] if name == 'segment' else [name + '.arff']
    parts = [arff.loadarff(EXAMPLES + f) for f in files]
    d = np.concatenate([p[0] for p in parts]); meta = parts[0][1]
    names = meta.names(); label = names[-1]
    num = [n for n in names[:-1] if meta[n][0] == 'numeric']
    cat = [n for n in names[:-1] if meta[n][0] != 'numeric']
    X = np.array([[float(r[n]) for n in num] for r in d]) if num else np.zeros((len(d), 0))
    C = np.array([[r[n].decode() for n in cat] for r in d]) if cat else np.zeros((len(d), 0), dtype='<U1')
    return X, C, np.array([r[label].decode() for r in d])


def distances(qX, qC, X, C):
    D = np.zeros((max(len(qX), len(qC)), max(len(X), len(C))))
    if X.shape[1] and not (np.isnan(qX).any() or np.isnan(X).any()):
        D += np.maximum((qX ** 2).sum(1)[:, None] + (X ** 2).sum(1)[None, :] - 2 * qX @ X.T, 0)
    elif X.shape[1]:
        a, b = qX[:, None, :], X[None, :, :]
        na, nb = np.isnan(a), np.isnan(b)
        D += np.where(na | nb, 0, (a - b) ** 2).sum(2) + (na != nb).sum(2)
    if C.shape[1]:
        D += (qC[:, None, :] != C[None, :, :]).sum(2)
    return D


def votes(D, yr, yq, labels):
    nb = yr[np.argsort(D, 1, kind='stable')[:, :K]]
    own = (nb == yq[:, None]).sum(1)
    return own, own < np.stack([(nb == l).sum(1) for l in labels], 1).max(1)


def tokens(X, C):
    """Per row, the (feature index, value token) pairs: exact values (missing values are not candidates)."""
    out = []
    for i in range(max(len(X), len(C))):
        t = [(j, repr(X[i, j])) for j in range(X.shape[1]) if not np.isnan(X[i, j])]
        t += [(X.shape[1] + j, C[i, j]) for j in range(C.shape[1]) if C[i, j] != '?']
        out.append(t)
    return out


def count(tok, y, mask=None):
    out = {}
    for i, t in enumerate(tok):
        if mask is None or mask[i]:
            for f, v in t:
                out[(f, v, y[i])] = out.get((f, v, y[i]), 0) + 1
    return out


def tarone(totals, chance, alpha):
    minp = np.sort(chance ** np.asarray(totals, float))
    k = 1
    while np.searchsorted(minp, alpha / k, side='right') > k:
        k += 1
    return alpha / k


def family(pairs, n, m, alpha):
    """pairs: key -> (c, r); returns key -> (c, r, p, level, lift) for testable keys with c >= 2."""
    chance = n / (n + m)
    level = tarone([c + r for c, r in pairs.values()], chance, alpha)
    out = {}
    for k, (c, r) in pairs.items():
        if c >= 2 and chance ** (c + r) <= level:
            out[k] = (c, r, binom.sf(c - 1, c + r, chance), level, (c / n) / ((r + 1) / (m + 1)))
    return out


def trigger(tb, yb, ts, ys, tref, yref, n, m, fam_alpha, out_b=None, out_s=None, new_lift=None):
    """Whether backdoor-trigger flags: families 1 and 2 as the Java check; family 3 when out_b is given."""
    bc, sc = count(tb, yb), count(ts, ys)
    value_b = {}
    for (f, v, l), c in bc.items():
        value_b[(f, v)] = value_b.get((f, v), 0) + c
    fam1 = family({k: (bc.get(k, 0), sc.get(k, 0)) for k in set(bc) | set(sc)}, n, m, fam_alpha)
    for k, (c, r, p, level, lift) in fam1.items():
        if p <= level and c >= MIN_SHARE * n and lift >= MIN_LIFT:
            other = value_b[k[:2]] - c
            natural = n * sum(v for kk, v in sc.items() if kk[:2] == k[:2] and kk != k) / m
            if other <= max((1 - PURITY) * value_b[k[:2]], natural + 3 * np.sqrt(natural)):
                return True
    refv = {}
    for t in tref:
        for f, v in t:
            refv[(f, v)] = refv.get((f, v), 0) + 1
    top = {}
    for (f, v, l), c in bc.items():
        if c > top.get((f, v), (0, None))[0]:
            top[(f, v)] = (c, l)
    pairs = {(f, v, l): (c, refv.get((f, v), 0)) for (f, v), (c, l) in top.items()}
    pairs.update({(f, v, None): (0, r) for (f, v), r in refv.items() if (f, v) not in top})
    fam2 = family(pairs, n, len(tref), fam_alpha)
    for k, (c, r, p, level, lift) in fam2.items():
        if p <= level and c >= MIN_SHARE * n and lift >= MIN_LIFT:
            other = value_b[k[:2]] - c
            natural = n * sum(v for kk, v in sc.items() if kk[:2] == k[:2] and kk[2] != k[2]) / m
            if other <= max((1 - PURITY) * value_b[k[:2]], natural + 3 * np.sqrt(natural)):
                return True
    if out_b is not None:
        ob, os_ = count(tb, yb, out_b), count(ts, ys, out_s)
        fam3 = family({k: (ob.get(k, 0), os_.get(k, 0)) for k in set(ob) | set(os_)}, n, m, fam_alpha)
        for k, (c, r, p, level, lift) in fam3.items():
            if p <= level and c >= MIN_SHARE * n and lift >= new_lift:
                return True
    return False


def consistency(own_b, out_b, own_s, out_s, classes):
    score = lambda own: np.log(1 - EPS + EPS * (1 - (own + A) / (K + classes * A))
                               / ((classes - 1) * (own + A) / (K + classes * A)))
    fb, fr = score(own_b), score(own_s)
    z = (fb.mean() - fr.mean()) / np.sqrt(fb.var(ddof=1) / len(fb) + fr.var(ddof=1) / len(fr))
    return norm.sf(z) < 1e-3 and out_b.mean() - out_s.mean() >= 0.02


def run(name, sizes, splits, per, lifts):
    X0, C0, y0 = load(name); labels = np.unique(y0); classes = len(labels)
    cases = [('clean', 0), ('backdoor2', .02), ('backdoor5', .05)]
    hits = {}
    for sp in range(splits):
        perm = np.random.default_rng(700 + sp).permutation(len(y0)); X, C, y = X0[perm], C0[perm], y0[perm]
        for n in sizes:
            pool = max(len(y) // 2, min(n, len(y) * 6 // 10))
            if pool < n:
                continue
            ref, pl = slice(0, len(y) - pool), slice(len(y) - pool, len(y))
            Xref, Cref, yref = X[ref], C[ref], y[ref]
            Xs, Cs, ys = Xref[:1000], Cref[:1000], yref[:1000]
            m, s = (np.nanmean(Xref, 0), np.nanstd(Xref, 0)) if X.shape[1] else (0, 1)
            if X.shape[1]:
                s[s == 0] = 1
            Zs = (Xs - m) / s
            Dss = distances(Zs, Cs, Zs, Cs); np.fill_diagonal(Dss, np.inf)
            own_s, out_s = votes(Dss, ys, ys, labels)
            ts, tref = tokens(Xs, Cs), tokens(Xref, Cref)
            for case, share in cases:
                for t in range(per):
                    r = np.random.default_rng(sp * 100_003 + n * 7 + t * 31 + len(case))
                    b = r.choice(pool, size=n, replace=False)
                    Xb, Cb, yb = X[pl][b].copy(), C[pl][b].copy(), y[pl][b].copy()
                    if share:
                        f = r.integers(X.shape[1] + C.shape[1]); j = r.integers(len(yref))
                        target = labels[r.integers(classes)]
                        rows = r.choice(n, int(round(share * n)), replace=False)
                        if f < X.shape[1]:
                            Xb[rows, f] = Xref[j, f]
                        else:
                            Cb[rows, f - X.shape[1]] = Cref[j, f - X.shape[1]]
                        yb[rows] = target
                    own_b, out_b = votes(distances((Xb - m) / s, Cb, Zs, Cs), ys, yb, labels)
                    tb = tokens(Xb, Cb)
                    lc = consistency(own_b, out_b, own_s, out_s, classes)
                    before = lc or trigger(tb, yb, ts, ys, tref, yref, n, len(ys), ALPHA / 2)
                    key = (n, case)
                    h = hits.setdefault(key, {'before': 0, 'total': 0})
                    h['before'] += before; h['total'] += 1
                    for lift in lifts:
                        # lift: a lift floor (rows outvoted), or 'own<=v': rows at most v of whose K neighbours share
                        # their label, lift floor 2
                        if isinstance(lift, str):
                            v = int(lift[5:])
                            mb, ms, floor = own_b <= v, own_s <= v, 2
                        else:
                            mb, ms, floor = out_b, out_s, lift
                        after = lc or trigger(tb, yb, ts, ys, tref, yref, n, len(ys), ALPHA / 3, mb, ms, floor)
                        h[lift] = h.get(lift, 0) + after
        print(f'.. {name} split {sp}', file=sys.stderr, flush=True)
    for (n, case), h in sorted(hits.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        after = ' '.join(f'after(lift>={l}) {h[l]}/{h["total"]}' for l in lifts)
        print(f'{name:10s} {n:5d} {case:9s} before {h["before"]}/{h["total"]}  {after}', flush=True)


if __name__ == '__main__':
    splits = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    LIFTS = [1, 2, 3] if len(sys.argv) <= 2 else [2, 'own<=0', 'own<=1', 'own<=2']
    run('segment', [200, 1000], splits, 3, LIFTS)
    for table in ['vote', 'credit-g', 'diabetes', 'ionosphere']:
        run(table, [200], splits, 3, LIFTS)
