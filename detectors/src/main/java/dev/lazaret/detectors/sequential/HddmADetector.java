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
public final class HddmADetector implements ChangeDetector {
    private final HddmAParameters parameters;
    private long samplesSeen;
    private DetectorState state = DetectorState.STABLE;
    private long totalCount;
    private double totalSum;
    private long cutCount;
    private double cutSum;

    private HddmADetector(HddmAParameters parameters) {
        this.parameters = parameters;
    }

    /** Creates a detector with the given parameters. */
    public static HddmADetector of(HddmAParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        return new HddmADetector(parameters);
    }

    /** Creates a detector with {@link HddmAParameters#defaults()}. */
    public static HddmADetector withDefaults() {
        return of(HddmAParameters.defaults());
    }

    /** Returns the parameters. */
    public HddmAParameters parameters() {
        return parameters;
    }

    /**
     * Consumes one value.
     *
     * @param value a value in [0, 1], typically 1 for an error and 0 for a correct prediction
     * @throws IllegalArgumentException if the value is outside [0, 1]
     */
    @Override
    public DetectorState update(double value) {
        Checks.unitInterval(value);
        if (state == DetectorState.CHANGE) {
            restartRegime();
        }
        samplesSeen++;
        totalCount++;
        totalSum += value;
        double drift = parameters.driftConfidence();
        if (cutCount == 0
                || totalSum / totalCount + hoeffding(totalCount, drift)
                        <= cutSum / cutCount + hoeffding(cutCount, drift)) {
            cutCount = totalCount;
            cutSum = totalSum;
        }
        if (meanIncreased(drift)) {
            state = DetectorState.CHANGE;
        } else if (meanIncreased(parameters.warningConfidence())) {
            state = DetectorState.WARNING;
        } else {
            state = DetectorState.STABLE;
        }
        return state;
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

    private void restartRegime() {
        totalCount = 0;
        totalSum = 0;
        cutCount = 0;
        cutSum = 0;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public double estimation() {
        return totalCount == 0 ? 0 : totalSum / totalCount;
    }

    @Override
    public long samplesSeen() {
        return samplesSeen;
    }

    @Override
    public void reset() {
        samplesSeen = 0;
        state = DetectorState.STABLE;
        restartRegime();
    }

    @Override
    public byte[] encode() {
        return new StateWriter(DetectorType.HDDM_A)
                .writeDouble(parameters.driftConfidence())
                .writeDouble(parameters.warningConfidence())
                .writeLong(samplesSeen)
                .writeState(state)
                .writeLong(totalCount)
                .writeDouble(totalSum)
                .writeLong(cutCount)
                .writeDouble(cutSum)
                .toByteArray();
    }

    static HddmADetector read(StateReader in) {
        HddmAParameters parameters = new HddmAParameters(in.readDouble(), in.readDouble());
        HddmADetector detector = new HddmADetector(parameters);
        detector.samplesSeen = in.readNonNegativeLong("samplesSeen");
        detector.state = in.readState();
        detector.totalCount = in.readNonNegativeLong("totalCount");
        detector.totalSum = in.readDouble();
        detector.cutCount = in.readNonNegativeLong("cutCount");
        detector.cutSum = in.readDouble();
        if (detector.cutCount > detector.totalCount) {
            throw new IllegalArgumentException(String.format(
                    "Corrupt change detector state: cutCount %d > totalCount %d",
                    detector.cutCount, detector.totalCount));
        }
        return detector;
    }
}
