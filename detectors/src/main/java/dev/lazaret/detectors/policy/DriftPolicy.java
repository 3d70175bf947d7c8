package dev.lazaret.detectors.policy;

/**
 * Parameters of the drift decision.
 *
 * <p>Defaults ({@link #defaults()}) and why:
 *
 * <ul>
 *   <li>{@code alpha = 0.05} with {@link Correction#BENJAMINI_HOCHBERG}: conventional level, false discovery rate
 *       control across the features of one window.
 *   <li>{@code numericEffectFloor = 0.1} on the KS distance D: a tenth of the population lies on the other side of
 *       some threshold compared with the reference. That matches the PSI "moderate shift" band (PSI ≈ 0.1) and a
 *       mean shift of about 0.25 standard deviations of a normal, below which model metrics rarely move. It is also
 *       well above the sketches' combined rank error (≈0.027 at k = 200), so sketch noise cannot pass it.
 *   <li>{@code numericWassersteinFloor = 0.1} on W1 / IQR(reference): catches moves of the tails or of a minority
 *       of the mass far away, which KS (a CDF gap) can understate; a tenth of an IQR of average transport.
 *   <li>{@code categoricalEffectFloor = 0.1} on the base-2 Jensen–Shannon distance: for two categories it
 *       corresponds to moving about 12 percentage points of mass from a 50/50 split (62/38 gives 0.103), the same order as D = 0.1.
 *   <li>{@code datasetDriftShare = 0.5}: the data set drifted when at least half of its tested features did,
 *       the convention of Evidently's DatasetDriftMetric.
 *   <li>{@code minCount = 30}: fewer non-missing values on either side are reported as insufficient, not tested.
 * </ul>
 *
 * @param alpha significance level in (0, 1)
 * @param correction multiple-testing correction across the features of one window
 * @param datasetDriftShare share of tested features that must drift for data set drift, in (0, 1]
 * @param numericEffectFloor minimum KS D for a numeric feature, in [0, 1]
 * @param numericWassersteinFloor minimum W1/IQR for a numeric feature (either floor suffices), ≥ 0
 * @param categoricalEffectFloor minimum Jensen–Shannon distance for a categorical feature, in [0, 1]
 * @param minCount minimum non-missing values per side to test a feature, ≥ 1
 */
public record DriftPolicy(
        double alpha,
        Correction correction,
        double datasetDriftShare,
        double numericEffectFloor,
        double numericWassersteinFloor,
        double categoricalEffectFloor,
        long minCount) {

    /** Validates every parameter. */
    public DriftPolicy {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException(String.format("alpha must be in (0, 1): %s", alpha));
        }
        if (correction == null) {
            throw new IllegalArgumentException("correction must not be null");
        }
        if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) {
            throw new IllegalArgumentException(
                    String.format("datasetDriftShare must be in (0, 1]: %s", datasetDriftShare));
        }
        if (!(numericEffectFloor >= 0 && numericEffectFloor <= 1)) {
            throw new IllegalArgumentException(
                    String.format("numericEffectFloor must be in [0, 1]: %s", numericEffectFloor));
        }
        if (!(numericWassersteinFloor >= 0)) {
            throw new IllegalArgumentException(
                    String.format("numericWassersteinFloor must be >= 0: %s", numericWassersteinFloor));
        }
        if (!(categoricalEffectFloor >= 0 && categoricalEffectFloor <= 1)) {
            throw new IllegalArgumentException(
                    String.format("categoricalEffectFloor must be in [0, 1]: %s", categoricalEffectFloor));
        }
        if (minCount < 1) {
            throw new IllegalArgumentException(String.format("minCount must be >= 1: %d", minCount));
        }
    }

    /** Returns the documented defaults. */
    public static DriftPolicy defaults() {
        return new DriftPolicy(0.05, Correction.BENJAMINI_HOCHBERG, 0.5, 0.1, 0.1, 0.1, 30);
    }

    /** Returns a copy with another correction. */
    public DriftPolicy withCorrection(Correction c) {
        return new DriftPolicy(
                alpha,
                c,
                datasetDriftShare,
                numericEffectFloor,
                numericWassersteinFloor,
                categoricalEffectFloor,
                minCount);
    }

    /** Returns a copy at another significance level, every other parameter kept. */
    public DriftPolicy withAlpha(double otherAlpha) {
        return new DriftPolicy(
                otherAlpha,
                correction,
                datasetDriftShare,
                numericEffectFloor,
                numericWassersteinFloor,
                categoricalEffectFloor,
                minCount);
    }

    /** Returns a copy with all effect floors set to 0, i.e. a p-value-only policy (for comparison). */
    public DriftPolicy withoutEffectFloors() {
        return new DriftPolicy(alpha, correction, datasetDriftShare, 0, Double.POSITIVE_INFINITY, 0, minCount);
    }
}
