package dev.lazaret.detectors.multivariate;

import dev.lazaret.detectors.profile.NumericProfile;

/**
 * What a window (or a batch) accumulates for the multivariate judgement: a KLL sketch of its rows' reconstruction
 * errors, the count of rows past the Mahalanobis cut-off, and the rows that could not be scored because a numeric
 * feature was missing. Bounded: one sketch (≤ ≈5 KB at k = 200) and three counters, whatever the number of rows.
 *
 * <p>Mergeable; not thread-safe. Rows are scored by a {@link MultivariateAccumulator}, which binds a window to its
 * reference.
 */
public final class MultivariateWindow {
    private final NumericProfile errors;
    private long rows;
    private long outliers;
    private long incomplete;

    private MultivariateWindow(NumericProfile errors, long rows, long outliers, long incomplete) {
        this.errors = errors;
        this.rows = rows;
        this.outliers = outliers;
        this.incomplete = incomplete;
    }

    /** An empty window. */
    public static MultivariateWindow create() {
        return new MultivariateWindow(NumericProfile.create(), 0, 0, 0);
    }

    /** Rebuilds a window from its parts (for codecs). */
    public static MultivariateWindow restore(NumericProfile errors, long rows, long outliers, long incomplete) {
        if (rows < 0 || outliers < 0 || outliers > rows || incomplete < 0) {
            throw new IllegalArgumentException(String.format(
                    "inconsistent multivariate window: %d rows, %d outliers, %d incomplete",
                    rows, outliers, incomplete));
        }
        return new MultivariateWindow(errors, rows, outliers, incomplete);
    }

    /** Adds a scored row. */
    public void accept(RowScore score) {
        errors.update(score.reconstructionError());
        rows++;
        if (score.outlier()) {
            outliers++;
        }
    }

    /** Counts a row that could not be scored (a feature missing or not finite). */
    public void acceptIncomplete() {
        incomplete++;
    }

    /** Merges another window into this one; the other is unchanged. */
    public void merge(MultivariateWindow other) {
        errors.merge(other.errors);
        rows += other.rows;
        outliers += other.outliers;
        incomplete += other.incomplete;
    }

    /** The sketch of the scored rows' reconstruction errors (live, not a copy). */
    public NumericProfile errors() {
        return errors;
    }

    /** Rows scored. */
    public long rows() {
        return rows;
    }

    /** Scored rows past the Mahalanobis cut-off. */
    public long outliers() {
        return outliers;
    }

    /** Rows not scored because a numeric feature was missing. */
    public long incomplete() {
        return incomplete;
    }
}
