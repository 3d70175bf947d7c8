#!/usr/bin/env python3
"""Golden values for dev.lazaret.detectors.outlier.

Run from this directory:  python3 generate_outlier_golden.py
Writes robust_zscore.txt, ledoit_wolf.txt and binomial_rate.txt. Each value line is preceded by a comment with the
exact call that produced it. sklearn is not available on the build machines (no PyPI), so the Ledoit-Wolf (2004)
shrinkage is written out here in numpy, following the formulas of the paper (the same ones sklearn's
ledoit_wolf_shrinkage implements), and the Java implementation is checked against it.
"""
import numpy
import scipy
import scipy.spatial.distance
import scipy.stats

VERSIONS = f"numpy {numpy.__version__}, scipy {scipy.__version__}"


def r(value):
    return repr(float(value))


def fmt(values):
    return ",".join(repr(float(v)) for v in numpy.ravel(values))


def robust_zscore():
    rng = numpy.random.default_rng(20260322)
    reference = rng.standard_t(df=3, size=201) * 2.0 + 5.0
    median = numpy.median(reference)
    scaled_mad = scipy.stats.median_abs_deviation(reference, scale="normal")
    lines = [f"# {VERSIONS}",
             "# reference = numpy.random.default_rng(20260322).standard_t(df=3, size=201) * 2.0 + 5.0",
             f"reference {fmt(reference)}",
             "# numpy.median(reference)",
             f"median {r(median)}",
             "# scipy.stats.median_abs_deviation(reference, scale='normal')",
             f"scaled_mad {r(scaled_mad)}"]
    for x in [5.0, -3.5, 12.25, 40.0, float(reference[17])]:
        z = (x - numpy.median(reference)) / scipy.stats.median_abs_deviation(reference, scale="normal")
        lines.append(f"# (x - numpy.median(reference)) / scipy.stats.median_abs_deviation(reference, scale='normal'), x = {x!r}")
        lines.append(f"score {x!r} {r(z)}")
    return lines


def ledoit_wolf(rows):
    """Ledoit & Wolf (2004), shrinkage of the (1/n) sample covariance towards mu * I, mu = trace(S) / p."""
    n, p = rows.shape
    x = rows - rows.mean(axis=0)
    s = x.T @ x / n
    mu = numpy.trace(s) / p
    d2 = numpy.sum((s - mu * numpy.eye(p)) ** 2) / p
    b2_bar = sum(numpy.sum((numpy.outer(xk, xk) - s) ** 2) for xk in x) / p / n ** 2
    b2 = min(b2_bar, d2)
    shrinkage = 0.0 if d2 == 0 else b2 / d2
    return (1 - shrinkage) * s + shrinkage * mu * numpy.eye(p), shrinkage


def ledoit_wolf_cases():
    lines = [f"# {VERSIONS}"]
    rng = numpy.random.default_rng(7)
    mixing = numpy.array([[1.0, 0.0, 0.0, 0.0], [0.8, 0.6, 0.0, 0.0], [0.0, 0.5, 2.0, 0.0], [0.3, 0.0, 0.1, 0.2]])
    rows = rng.standard_normal((60, 4)) @ mixing.T + numpy.array([1.0, -2.0, 0.5, 10.0])
    covariance, shrinkage = ledoit_wolf(rows)
    mean = rows.mean(axis=0)
    lines += ["# rows = numpy.random.default_rng(7).standard_normal((60, 4)) @ mixing.T + [1, -2, 0.5, 10] (see script)",
              f"dimensions {rows.shape[1]}",
              f"rows {fmt(rows)}",
              "# rows.mean(axis=0)",
              f"mean {fmt(mean)}",
              "# ledoit_wolf(rows)[1] (numpy implementation in generate_outlier_golden.py)",
              f"shrinkage {r(shrinkage)}",
              "# ledoit_wolf(rows)[0], row-major",
              f"covariance {fmt(covariance)}"]
    inverse = numpy.linalg.inv(covariance)
    for u in [mean, mean + numpy.array([1.0, 0.0, 0.0, 0.0]), numpy.array([4.0, 3.0, -6.0, 9.0]), rows[3]]:
        d2 = scipy.spatial.distance.mahalanobis(u, mean, inverse) ** 2
        lines.append("# scipy.spatial.distance.mahalanobis(u, rows.mean(axis=0), numpy.linalg.inv(ledoit_wolf(rows)[0])) ** 2")
        lines.append(f"mahalanobis {fmt(u)} {r(d2)}")
    for fpr in [0.05, 0.01, 0.001]:
        lines.append(f"# scipy.stats.chi2.isf({fpr}, df=4)")
        lines.append(f"threshold {fpr!r} {r(scipy.stats.chi2.isf(fpr, df=4))}")
    return lines


def binomial_cases():
    lines = [f"# {VERSIONS}"]
    for k, n, p0 in [(0, 10, 0.1), (3, 10, 0.1), (12, 100, 0.05), (25, 1000, 0.01), (150, 1000, 0.1),
                     (7, 7, 0.5), (40, 5000, 0.01), (1, 200, 0.001)]:
        pvalue = scipy.stats.binomtest(k, n, p0, alternative="greater").pvalue
        lines.append(f"# scipy.stats.binomtest({k}, {n}, {p0}, alternative='greater').pvalue")
        lines.append(f"binomtest {k} {n} {p0!r} {r(pvalue)}")
    return lines


def write(name, lines):
    with open(name, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    write("robust_zscore.txt", robust_zscore())
    write("ledoit_wolf.txt", ledoit_wolf_cases())
    write("binomial_rate.txt", binomial_cases())
