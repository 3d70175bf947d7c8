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
public final class DdmDetector extends SequentialDetector<DdmParameters> {
    private long regimeCount;
    private double errorRate;
    private double minRate;
    private double minStd;

    private DdmDetector(DdmParameters parameters) {
        super(DetectorType.DDM, parameters);
        clearStatistics();
    }

    /** Creates a detector with the given parameters. */
    public static DdmDetector of(DdmParameters parameters) {
        return new DdmDetector(parameters);
    }

    /** Creates a detector with {@link DdmParameters#defaults()}. */
    public static DdmDetector withDefaults() {
        return of(DdmParameters.defaults());
    }

    /**
     * Takes error indicators only.
     *
     * @throws IllegalArgumentException if the value is neither 0 (right) nor 1 (wrong)
     */
    @Override
    void validate(double value) {
        Checks.binary(value);
    }

    @Override
    DetectorState observe(double value) {
        regimeCount++;
        errorRate += (value - errorRate) / regimeCount;
        double std = Math.sqrt(errorRate * (1 - errorRate) / regimeCount);
        if (regimeCount < parameters().minInstances()) {
            return DetectorState.STABLE;
        }
        if (errorRate + std <= minRate + minStd) {
            minRate = errorRate;
            minStd = std;
        }
        double level = errorRate + std;
        if (level > minRate + parameters().outControlLevel() * minStd) {
            return DetectorState.CHANGE;
        }
        return level > minRate + parameters().warningLevel() * minStd ? DetectorState.WARNING : DetectorState.STABLE;
    }

    @Override
    void clearStatistics() {
        regimeCount = 0;
        errorRate = 0;
        // Infinity so that the first eligible point becomes the minimum.
        minRate = Double.POSITIVE_INFINITY;
        minStd = Double.POSITIVE_INFINITY;
    }

    @Override
    public double estimation() {
        return errorRate;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.writeInt(parameters().minInstances())
                .writeDouble(parameters().warningLevel())
                .writeDouble(parameters().outControlLevel());
    }

    @Override
    void writeStatistics(StateWriter out) {
        out.writeLong(regimeCount).writeDouble(errorRate).writeDouble(minRate).writeDouble(minStd);
    }

    @Override
    void readStatistics(StateReader in) {
        regimeCount = in.readNonNegativeLong("regimeCount");
        errorRate = in.readDouble();
        minRate = in.readDouble();
        minStd = in.readDouble();
    }

    static DdmDetector read(StateReader in) {
        DdmParameters parameters = new DdmParameters(in.readInt(), in.readDouble(), in.readDouble());
        return restore(new DdmDetector(parameters), in);
    }
}
