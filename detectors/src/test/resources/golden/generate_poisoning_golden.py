#!/usr/bin/env python3
"""Golden values for ContingencyStatistic and BinomialExcessStatistic, from scipy.

Run from this directory:  python3 generate_poisoning_golden.py > poisoning_golden.txt
Each output line: kind;input;expected_statistic;expected_p;exact python call that produced it
kind is chi2 (Pearson, no continuity correction), g (log-likelihood ratio) or binom (one-sided, greater).
"""
import numpy as np
import scipy
from scipy import stats

TABLES = [
    [[120, 80], [100, 100]],
    [[5030, 4970], [2431, 2569]],
    [[10, 20, 30], [15, 25, 5]],
    [[1000, 200, 50, 7], [980, 230, 41, 12]],
    [[3, 9], [8, 2]],
    [[9000, 1000], [8500, 1500], [8700, 1300]],
]
BINOM = [(3, 10000, 0.001), (12, 10000, 0.001), (2000, 10000, 0.0005), (0, 500, 0.01), (7, 50, 0.05)]

print(f"# scipy {scipy.__version__}, numpy {np.__version__}")
for t in TABLES:
    enc = "|".join(",".join(str(v) for v in row) for row in t)
    call = f"stats.chi2_contingency({t}, correction=False)"
    r = stats.chi2_contingency(t, correction=False)
    print(f"chi2;{enc};{float(r[0])!r};{float(r[1])!r};{call}")
    call = f"stats.chi2_contingency({t}, correction=False, lambda_='log-likelihood')"
    r = stats.chi2_contingency(t, correction=False, lambda_="log-likelihood")
    print(f"g;{enc};{float(r[0])!r};{float(r[1])!r};{call}")
for k, n, p in BINOM:
    call = f"stats.binomtest({k}, {n}, {p}, alternative='greater').pvalue"
    r = stats.binomtest(k, n, p, alternative="greater")
    print(f"binom;{k},{n},{p};{k!r};{float(r.pvalue)!r};{call}")
