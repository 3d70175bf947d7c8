"""Generates the compare fixtures and prints the scipy values CompareCommandTest asserts.

Run: python3 generate.py   (numpy 2.4.6, scipy 1.17.1)
"""
import csv

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261122)


def write(path, n, income_shift, city_p):
    rows = []
    for _ in range(n):
        rows.append({
            "age": round(float(rng.normal(40, 10)), 1),
            "income": round(float(rng.lognormal(10 + income_shift, 0.5)), 2) if rng.random() > 0.05 else "",
            "city": str(rng.choice(["paris", "lyon", "nice"], p=city_p)),
            "zip": int(rng.integers(75001, 75011)),
            "label": int(rng.random() < 0.3),
        })
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


write("reference.csv", 2000, 0.0, [0.5, 0.3, 0.2])
write("current.csv", 1500, 0.3, [0.5, 0.3, 0.2])


def column(path, name):
    return [float(r[name]) for r in csv.DictReader(open(path)) if r[name] != ""]


for feature in ("age", "income"):
    r = stats.ks_2samp(column("reference.csv", feature), column("current.csv", feature))
    print(f"stats.ks_2samp(reference.{feature}, current.{feature}): statistic={r.statistic!r} pvalue={r.pvalue!r}")
