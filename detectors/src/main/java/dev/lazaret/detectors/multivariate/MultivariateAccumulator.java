package dev.lazaret.detectors.multivariate;

import java.util.Map;

/**
 * A {@link MultivariateWindow} bound to the reference that scores its rows: {@link #accept(Map)} one record at a
 * time, {@link #merge} another accumulator's window, and {@link MultivariateJudge#judge} at the end. The reference is
 * not part of the state; re-bind a decoded window with {@link #of(MultivariateReference, MultivariateWindow)}.
 *
 * <p>Not thread-safe.
 */
public final class MultivariateAccumulator {
    private final MultivariateReference reference;
    private final MultivariateReference.Scorer scorer;
    private final MultivariateWindow window;

    private MultivariateAccumulator(MultivariateReference.Scorer scorer, MultivariateWindow window) {
        this.reference = scorer.reference();
        this.scorer = scorer;
        this.window = window;
    }

    /** An empty accumulator against a reference. */
    public static MultivariateAccumulator create(MultivariateReference reference) {
        return new MultivariateAccumulator(reference.scorer(), MultivariateWindow.create());
    }

    /**
     * Binds an existing (decoded) window to the scorer of its reference; cheap, so a caller that keeps the scorer
     * (it holds the covariance's Cholesky factor) may bind per record.
     */
    public static MultivariateAccumulator of(MultivariateReference.Scorer scorer, MultivariateWindow window) {
        return new MultivariateAccumulator(scorer, window);
    }

    /**
     * Adds one record: its reference features' values, in the reference's order. A missing, non-numeric or
     * non-finite value makes the row incomplete: counted, not scored.
     */
    public void accept(Map<String, ?> values) {
        accept(ProfileMultivariate.row(reference.features(), values));
    }

    /** Adds one row in the reference's feature order; a non-finite value makes it incomplete. */
    public void accept(double[] row) {
        if (row.length == reference.features().size() && Rows.complete(row)) {
            window.accept(scorer.score(row));
        } else {
            window.acceptIncomplete();
        }
    }

    /** Merges another accumulator's window (against the same reference) into this one. */
    public void merge(MultivariateAccumulator other) {
        window.merge(other.window);
    }

    public MultivariateReference reference() {
        return reference;
    }

    /** The accumulated window (live). */
    public MultivariateWindow window() {
        return window;
    }
}
