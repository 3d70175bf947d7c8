package dev.lazaret.detectors.sequential;

/**
 * HDDM-A, the Hoeffding-bound drift detector on moving averages of Frías-Blanco, del Campo-Ávila, Ramos-Jiménez,
 * Morales-Bueno, Ortiz-Díaz and Caballero-Mota (2015), "Online and non-parametric drift detection methods based on
 * Hoeffding's bounds", IEEE TKDE 27(3), doi:10.1109/TKDE.2014.2345382.
 *
 * <p>Input is a value in [0, 1] (typically a 0/1 error). The detector keeps the mean Z̄ of all values of the current
 * regime and a cut point: the prefix whose mean X̄ minimises {@code X̄ + ε(n_cut)}, with Hoeffding's {@code ε(n) =
 * sqrt(ln(1/α) / (2n))}. It tests one-sidedly whether the mean increased since the cut: {@code Z̄ - X̄ ≥ sqrt((n -
 * n_cut) / (2 n_cut n) · ln(1/α))}, with α the drift confidence for a change and the warning confidence for a warning.
 * Statistics restart after a change. {@link #estimation()} is the mean of the current regime.
 *
 * <p>Defaults (see {@link HddmAParameters#defaults()}): drift confidence 0.001, warning confidence 0.005, one-sided,
 * as in River and MOA.
 */
public final class HddmADetector extends SequentialDetector<HddmAParameters> {
    private long totalCount;
    private double totalSum;
    private long cutCount;
    private double cutSum;

    private HddmADetector(HddmAParameters parameters) {
        super(DetectorType.HDDM_A, parameters);
    }

    /** Creates a detector with the given parameters. */
    public static HddmADetector of(HddmAParameters parameters) {
        return new HddmADetector(parameters);
    }

    /** Creates a detector with {@link HddmAParameters#defaults()}. */
    public static HddmADetector withDefaults() {
        return of(HddmAParameters.defaults());
    }

    /**
     * Takes values in [0, 1], typically 1 for an error and 0 for a correct prediction.
     *
     * @throws IllegalArgumentException if the value is outside [0, 1]
     */
    @Override
    void validate(double value) {
        Checks.unitInterval(value);
    }

    @Override
    DetectorState observe(double value) {
        totalCount++;
        totalSum += value;
        double drift = parameters().driftConfidence();
        if (cutCount == 0
                || totalSum / totalCount + hoeffding(totalCount, drift)
                        <= cutSum / cutCount + hoeffding(cutCount, drift)) {
            cutCount = totalCount;
            cutSum = totalSum;
        }
        if (meanIncreased(drift)) {
            return DetectorState.CHANGE;
        }
        return meanIncreased(parameters().warningConfidence()) ? DetectorState.WARNING : DetectorState.STABLE;
    }

    private static double hoeffding(long n, double confidence) {
        return Math.sqrt(Math.log(1 / confidence) / (2.0 * n));
    }

    private boolean meanIncreased(double confidence) {
        if (cutCount == totalCount) {
            return false;
        }
        double bound =
                Math.sqrt((double) (totalCount - cutCount) / (2.0 * cutCount * totalCount) * Math.log(1 / confidence));
        return totalSum / totalCount - cutSum / cutCount >= bound;
    }

    @Override
    void clearStatistics() {
        totalCount = 0;
        totalSum = 0;
        cutCount = 0;
        cutSum = 0;
    }

    @Override
    public double estimation() {
        return totalCount == 0 ? 0 : totalSum / totalCount;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.writeDouble(parameters().driftConfidence()).writeDouble(parameters().warningConfidence());
    }

    @Override
    void writeStatistics(StateWriter out) {
        out.writeLong(totalCount).writeDouble(totalSum).writeLong(cutCount).writeDouble(cutSum);
    }

    @Override
    void readStatistics(StateReader in) {
        totalCount = in.readNonNegativeLong("totalCount");
        totalSum = in.readDouble();
        cutCount = in.readNonNegativeLong("cutCount");
        cutSum = in.readDouble();
        if (cutCount > totalCount) {
            throw new IllegalArgumentException(
                    String.format("Corrupt change detector state: cutCount %d > totalCount %d", cutCount, totalCount));
        }
    }

    static HddmADetector read(StateReader in) {
        HddmAParameters parameters = new HddmAParameters(in.readDouble(), in.readDouble());
        return restore(new HddmADetector(parameters), in);
    }
}
