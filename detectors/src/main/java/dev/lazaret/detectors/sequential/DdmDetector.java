package dev.lazaret.detectors.sequential;

/**
 * DDM, the Drift Detection Method of Gama, Medas, Castillo and Rodrigues (2004), "Learning with drift detection",
 * SBIA 2004, LNCS 3171, doi:10.1007/978-3-540-28645-5_29.
 *
 * <p>Input is a 0/1 error stream (1 = the model erred). With p the error rate of the current regime and {@code s =
 * sqrt(p(1-p)/n)}, the detector remembers the point where {@code p + s} was smallest ({@code p_min}, {@code s_min})
 * and reports a warning when {@code p + s > p_min + warningLevel * s_min} and a change when {@code p + s > p_min +
 * outControlLevel * s_min}, once {@code minInstances} values were seen. Statistics restart after a change.
 * {@link #estimation()} is the error rate of the current regime.
 *
 * <p>Defaults (see {@link DdmParameters#defaults()}): 30 instances, warning 2.0, change 3.0, as in River and MOA.
 */
public final class DdmDetector implements ChangeDetector {
    private final DdmParameters parameters;
    private long samplesSeen;
    private DetectorState state = DetectorState.STABLE;
    private long regimeCount;
    private double errorRate;
    private double minRate;
    private double minStd;

    private DdmDetector(DdmParameters parameters) {
        this.parameters = parameters;
        restartRegime();
    }

    /** Creates a detector with the given parameters. */
    public static DdmDetector of(DdmParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        return new DdmDetector(parameters);
    }

    /** Creates a detector with {@link DdmParameters#defaults()}. */
    public static DdmDetector withDefaults() {
        return of(DdmParameters.defaults());
    }

    /** Returns the parameters. */
    public DdmParameters parameters() {
        return parameters;
    }

    /**
     * Consumes one error indicator.
     *
     * @param value 1 if the prediction was wrong, 0 if it was right
     * @throws IllegalArgumentException if the value is neither 0 nor 1
     */
    @Override
    public DetectorState update(double value) {
        Checks.binary(value);
        if (state == DetectorState.CHANGE) {
            restartRegime();
        }
        samplesSeen++;
        regimeCount++;
        errorRate += (value - errorRate) / regimeCount;
        double std = Math.sqrt(errorRate * (1 - errorRate) / regimeCount);
        state = DetectorState.STABLE;
        if (regimeCount >= parameters.minInstances()) {
            if (errorRate + std <= minRate + minStd) {
                minRate = errorRate;
                minStd = std;
            }
            double level = errorRate + std;
            if (level > minRate + parameters.outControlLevel() * minStd) {
                state = DetectorState.CHANGE;
            } else if (level > minRate + parameters.warningLevel() * minStd) {
                state = DetectorState.WARNING;
            }
        }
        return state;
    }

    private void restartRegime() {
        regimeCount = 0;
        errorRate = 0;
        // Infinity so that the first eligible point becomes the minimum.
        minRate = Double.POSITIVE_INFINITY;
        minStd = Double.POSITIVE_INFINITY;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public double estimation() {
        return errorRate;
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
        return new StateWriter(DetectorType.DDM)
                .writeInt(parameters.minInstances())
                .writeDouble(parameters.warningLevel())
                .writeDouble(parameters.outControlLevel())
                .writeLong(samplesSeen)
                .writeState(state)
                .writeLong(regimeCount)
                .writeDouble(errorRate)
                .writeDouble(minRate)
                .writeDouble(minStd)
                .toByteArray();
    }

    static DdmDetector read(StateReader in) {
        DdmParameters parameters = new DdmParameters(in.readInt(), in.readDouble(), in.readDouble());
        DdmDetector detector = new DdmDetector(parameters);
        detector.samplesSeen = in.readNonNegativeLong("samplesSeen");
        detector.state = in.readState();
        detector.regimeCount = in.readNonNegativeLong("regimeCount");
        detector.errorRate = in.readDouble();
        detector.minRate = in.readDouble();
        detector.minStd = in.readDouble();
        return detector;
    }
}
