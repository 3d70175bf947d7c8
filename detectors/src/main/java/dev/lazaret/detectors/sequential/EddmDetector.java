package dev.lazaret.detectors.sequential;

/**
 * EDDM, the Early Drift Detection Method of Baena-García, del Campo-Ávila, Fidalgo, Bifet, Gavaldà and Morales-Bueno
 * (2006), "Early drift detection method", ECML PKDD Workshop on Knowledge Discovery from Data Streams.
 *
 * <p>Input is a 0/1 error stream. EDDM watches the distance (in samples) between consecutive errors: with p' its
 * mean and s' its standard deviation, it remembers the largest {@code p' + 2s'} seen once {@code minErrors} errors
 * were counted, and from then on reports a warning when {@code (p' + 2s') / max} drops below {@code warningRatio} and a change below
 * {@code outControlRatio}. The state is re-evaluated on errors only; correct predictions keep the latest verdict
 * (except that a change is reported once). Statistics restart after a change. {@link #estimation()} is the mean
 * distance between errors in the current regime (0 before two errors).
 *
 * <p>Defaults (see {@link EddmParameters#defaults()}): 30 errors, warning 0.95, change 0.90, as in River and MOA.
 */
public final class EddmDetector extends SequentialDetector<EddmParameters> {
    private long regimeCount;
    private long lastErrorAt;
    private long errorCount;
    private double meanDistance;
    private double distanceM2;
    private double maxLevel;

    private EddmDetector(EddmParameters parameters) {
        super(DetectorType.EDDM, parameters);
    }

    /** Creates a detector with the given parameters. */
    public static EddmDetector of(EddmParameters parameters) {
        return new EddmDetector(parameters);
    }

    /** Creates a detector with {@link EddmParameters#defaults()}. */
    public static EddmDetector withDefaults() {
        return of(EddmParameters.defaults());
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
        if (value == 0.0) {
            return state();
        }
        double distance = regimeCount - lastErrorAt;
        lastErrorAt = regimeCount;
        errorCount++;
        double previousMean = meanDistance;
        meanDistance += (distance - meanDistance) / errorCount;
        distanceM2 += (distance - previousMean) * (distance - meanDistance);
        double level = meanDistance + 2 * Math.sqrt(distanceM2 / errorCount);
        if (errorCount < parameters().minErrors()) {
            return DetectorState.STABLE;
        }
        // The maximum is only tracked once the estimates rest on minErrors distances: with fewer, the spread
        // of p' + 2s' is so wide that an early peak would trigger false alarms for the rest of the regime.
        maxLevel = Math.max(maxLevel, level);
        double ratio = level / maxLevel;
        if (ratio < parameters().outControlRatio()) {
            return DetectorState.CHANGE;
        }
        return ratio < parameters().warningRatio() ? DetectorState.WARNING : DetectorState.STABLE;
    }

    @Override
    void clearStatistics() {
        regimeCount = 0;
        lastErrorAt = 0;
        errorCount = 0;
        meanDistance = 0;
        distanceM2 = 0;
        maxLevel = 0;
    }

    @Override
    public double estimation() {
        return meanDistance;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.writeInt(parameters().minErrors())
                .writeDouble(parameters().warningRatio())
                .writeDouble(parameters().outControlRatio());
    }

    @Override
    void writeStatistics(StateWriter out) {
        out.writeLong(regimeCount)
                .writeLong(lastErrorAt)
                .writeLong(errorCount)
                .writeDouble(meanDistance)
                .writeDouble(distanceM2)
                .writeDouble(maxLevel);
    }

    @Override
    void readStatistics(StateReader in) {
        regimeCount = in.readNonNegativeLong("regimeCount");
        lastErrorAt = in.readNonNegativeLong("lastErrorAt");
        errorCount = in.readNonNegativeLong("errorCount");
        meanDistance = in.readDouble();
        distanceM2 = in.readDouble();
        maxLevel = in.readDouble();
    }

    static EddmDetector read(StateReader in) {
        EddmParameters parameters = new EddmParameters(in.readInt(), in.readDouble(), in.readDouble());
        return restore(new EddmDetector(parameters), in);
    }
}
