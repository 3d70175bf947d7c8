#!/usr/bin/env python3
"""Golden values for dev.lazaret.detectors.multivariate.

Run from this directory:  python3 generate_multivariate_golden.py
Writes multivariate.txt. Each value line is preceded by a comment with the exact call that produced it. sklearn is
not available on the build machines, so PCA is written out with numpy.linalg.eigh on the correlation matrix (what
sklearn's StandardScaler followed by PCA computes), and Ledoit-Wolf is the numpy function of
generate_outlier_golden.py.
"""
import numpy
import scipy
import scipy.spatial.distance
import scipy.stats

from generate_outlier_golden import ledoit_wolf

VERSIONS = f"numpy {numpy.__version__}, scipy {scipy.__version__}"


def r(value):
    return repr(float(value))


def fmt(values):
    return ",".join(repr(float(v)) for v in numpy.ravel(values))


def kept(eigenvalues, share):
    """Fewest components, largest first, whose eigenvalues reach share of the total; at most d - 1."""
    values = numpy.sort(eigenvalues)[::-1]
    k, explained = 0, 0.0
    while k < len(values) - 1 and explained / values.sum() < share:
        explained += values[k]
        k += 1
    return k


def reconstruction_error(u, rows, k):
    z = (u - rows.mean(axis=0)) / rows.std(axis=0)
    values, vectors = numpy.linalg.eigh(numpy.corrcoef(rows, rowvar=False))
    w = vectors[:, numpy.argsort(values)[::-1][:k]]
    return numpy.linalg.norm(z - w @ w.T @ z)


def main():
    mixing = numpy.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.3, -0.2, 0.5]])
    rows = numpy.random.default_rng(11).standard_normal((50, 3)) @ mixing.T * [2.0, 1.0, 10.0] + [5.0, -1.0, 100.0]
    window = numpy.random.default_rng(12).standard_normal((40, 3)) * [2.0, 1.0, 10.0] + [5.0, -1.0, 100.0]
    corr = numpy.corrcoef(rows, rowvar=False)
    eigenvalues = numpy.linalg.eigvalsh(corr)
    k = kept(eigenvalues, 0.9)
    lines = [f"# {VERSIONS}",
             "# mixing = [[1, 0, 0], [0.8, 0.6, 0], [0.3, -0.2, 0.5]]",
             "# rows = numpy.random.default_rng(11).standard_normal((50, 3)) @ mixing.T * [2, 1, 10] + [5, -1, 100]",
             f"rows {fmt(rows)}",
             "# window = numpy.random.default_rng(12).standard_normal((40, 3)) * [2, 1, 10] + [5, -1, 100]",
             f"window {fmt(window)}",
             "# numpy.cov(rows, rowvar=False, bias=True), row-major",
             f"covariance {fmt(numpy.cov(rows, rowvar=False, bias=True))}",
             "# rows.std(axis=0)",
             f"scale {fmt(rows.std(axis=0))}",
             "# numpy.sort(numpy.linalg.eigvalsh(numpy.corrcoef(rows, rowvar=False)))[::-1]",
             f"eigenvalues {fmt(numpy.sort(eigenvalues)[::-1])}",
             "# kept(numpy.linalg.eigvalsh(numpy.corrcoef(rows, rowvar=False)), share) for share 0.9, 0.5",
             f"kept 0.9 {k}",
             f"kept 0.5 {kept(eigenvalues, 0.5)}",
             "# numpy.sort(eigenvalues)[::-1][:k].sum() / eigenvalues.sum(), k = kept(eigenvalues, 0.9)",
             f"explained {r(numpy.sort(eigenvalues)[::-1][:k].sum() / eigenvalues.sum())}"]
    for u in [rows[0], rows[17], window[3], numpy.array([9.0, -4.0, 80.0])]:
        lines.append("# numpy.linalg.norm(z - w @ w.T @ z), z = (u - rows.mean(axis=0)) / rows.std(axis=0), w = the "
                     "k = kept(.., 0.9) eigenvectors of numpy.corrcoef(rows, rowvar=False) with the largest eigenvalues")
        lines.append(f"error {fmt(u)} {r(reconstruction_error(u, rows, k))}")
    reference_errors = numpy.array([reconstruction_error(u, rows, k) for u in rows])
    window_errors = numpy.array([reconstruction_error(u, rows, k) for u in window])
    lines.append("# scipy.stats.ks_2samp(reference_errors, window_errors).statistic (errors as above, each row)")
    lines.append(f"ks_raw {r(scipy.stats.ks_2samp(reference_errors, window_errors).statistic)}")
    covariance, shrinkage = ledoit_wolf(rows)
    lines.append("# ledoit_wolf(rows)[1]")
    lines.append(f"shrinkage {r(shrinkage)}")
    inverse = numpy.linalg.inv(covariance)
    cut = scipy.stats.chi2.isf(0.01, df=3)
    lines.append("# scipy.stats.chi2.isf(0.01, df=3)")
    lines.append(f"cut_off {r(cut)}")
    d2 = numpy.array([scipy.spatial.distance.mahalanobis(u, rows.mean(axis=0), inverse) ** 2 for u in rows])
    lines.append("# numpy.mean([scipy.spatial.distance.mahalanobis(u, rows.mean(axis=0), "
                 "numpy.linalg.inv(ledoit_wolf(rows)[0])) ** 2 > scipy.stats.chi2.isf(0.01, df=3) for u in rows])")
    lines.append(f"reference_outlier_rate {r(numpy.mean(d2 > cut))}")
    w2 = numpy.array([scipy.spatial.distance.mahalanobis(u, rows.mean(axis=0), inverse) ** 2 for u in window])
    hits = int(numpy.sum(w2 > cut))
    expected = min(0.5, max(0.01, numpy.mean(d2 > cut)))
    lines.append("# hits = sum of window rows past the cut-off (as above); "
                 "scipy.stats.binomtest(hits, 40, max(0.01, reference_outlier_rate), alternative='greater').pvalue")
    lines.append(f"window_outliers {hits} {r(scipy.stats.binomtest(hits, 40, expected, alternative='greater').pvalue)}")
    with open("multivariate.txt", "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
