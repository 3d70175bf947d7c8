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
public final class EddmDetector implements ChangeDetector {
    private final EddmParameters parameters;
    private long samplesSeen;
    private DetectorState state = DetectorState.STABLE;
    private long regimeCount;
    private long lastErrorAt;
    private long errorCount;
    private double meanDistance;
    private double distanceM2;
    private double maxLevel;

    private EddmDetector(EddmParameters parameters) {
        this.parameters = parameters;
    }

    /** Creates a detector with the given parameters. */
    public static EddmDetector of(EddmParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        return new EddmDetector(parameters);
    }

    /** Creates a detector with {@link EddmParameters#defaults()}. */
    public static EddmDetector withDefaults() {
        return of(EddmParameters.defaults());
    }

    /** Returns the parameters. */
    public EddmParameters parameters() {
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
            state = DetectorState.STABLE;
        }
        samplesSeen++;
        regimeCount++;
        if (value == 0.0) {
            return state;
        }
        double distance = regimeCount - lastErrorAt;
        lastErrorAt = regimeCount;
        errorCount++;
        double previousMean = meanDistance;
        meanDistance += (distance - meanDistance) / errorCount;
        distanceM2 += (distance - previousMean) * (distance - meanDistance);
        double level = meanDistance + 2 * Math.sqrt(distanceM2 / errorCount);
        state = DetectorState.STABLE;
        if (errorCount >= parameters.minErrors()) {
            // The maximum is only tracked once the estimates rest on minErrors distances: with fewer, the spread
            // of p' + 2s' is so wide that an early peak would trigger false alarms for the rest of the regime.
            maxLevel = Math.max(maxLevel, level);
            double ratio = level / maxLevel;
            if (ratio < parameters.outControlRatio()) {
                state = DetectorState.CHANGE;
            } else if (ratio < parameters.warningRatio()) {
                state = DetectorState.WARNING;
            }
        }
        return state;
    }

    private void restartRegime() {
        regimeCount = 0;
        lastErrorAt = 0;
        errorCount = 0;
        meanDistance = 0;
        distanceM2 = 0;
        maxLevel = 0;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public double estimation() {
        return meanDistance;
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
        return new StateWriter(DetectorType.EDDM)
                .writeInt(parameters.minErrors())
                .writeDouble(parameters.warningRatio())
                .writeDouble(parameters.outControlRatio())
                .writeLong(samplesSeen)
                .writeState(state)
                .writeLong(regimeCount)
                .writeLong(lastErrorAt)
                .writeLong(errorCount)
                .writeDouble(meanDistance)
                .writeDouble(distanceM2)
                .writeDouble(maxLevel)
                .toByteArray();
    }

    static EddmDetector read(StateReader in) {
        EddmParameters parameters = new EddmParameters(in.readInt(), in.readDouble(), in.readDouble());
        EddmDetector detector = new EddmDetector(parameters);
        detector.samplesSeen = in.readNonNegativeLong("samplesSeen");
        detector.state = in.readState();
        detector.regimeCount = in.readNonNegativeLong("regimeCount");
        detector.lastErrorAt = in.readNonNegativeLong("lastErrorAt");
        detector.errorCount = in.readNonNegativeLong("errorCount");
        detector.meanDistance = in.readDouble();
        detector.distanceM2 = in.readDouble();
        detector.maxLevel = in.readDouble();
        return detector;
    }
}
