package dev.lazaret.detectors.sequential;

/**
 * Two-sided CUSUM test for a change in the mean (Page 1954, "Continuous inspection schemes", Biometrika 41).
 *
 * <p>With x̄ the running mean of the current regime, {@code g+_T = max(0, g+_{T-1} + x_T - x̄_T - delta)} and
 * {@code g-_T = max(0, g-_{T-1} - (x_T - x̄_T) - delta)}; a change is reported when a watched sum exceeds
 * {@code lambda} after at least {@code minInstances} values. Statistics restart after a change.
 * {@link #estimation()} is the mean of the current regime.
 *
 * <p>Defaults (see {@link CusumParameters#defaults()}): 30 instances, delta 0.005, lambda 50, as in MOA.
 */
public final class CusumDetector implements ChangeDetector {
    private final CusumParameters parameters;
    private long samplesSeen;
    private DetectorState state = DetectorState.STABLE;
    private long regimeCount;
    private double regimeMean;
    private double upperSum;
    private double lowerSum;

    private CusumDetector(CusumParameters parameters) {
        this.parameters = parameters;
    }

    /** Creates a detector with the given parameters. */
    public static CusumDetector of(CusumParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        return new CusumDetector(parameters);
    }

    /** Creates a detector with {@link CusumParameters#defaults()}. */
    public static CusumDetector withDefaults() {
        return of(CusumParameters.defaults());
    }

    /** Returns the parameters. */
    public CusumParameters parameters() {
        return parameters;
    }

    @Override
    public DetectorState update(double value) {
        Checks.finite("value", value);
        if (state == DetectorState.CHANGE) {
            restartRegime();
        }
        samplesSeen++;
        regimeCount++;
        regimeMean += (value - regimeMean) / regimeCount;
        double deviation = value - regimeMean;
        upperSum = Math.max(0, upperSum + deviation - parameters.delta());
        lowerSum = Math.max(0, lowerSum - deviation - parameters.delta());
        boolean changed = regimeCount >= parameters.minInstances()
                && ((parameters.detectIncrease() && upperSum > parameters.lambda())
                        || (parameters.detectDecrease() && lowerSum > parameters.lambda()));
        state = changed ? DetectorState.CHANGE : DetectorState.STABLE;
        return state;
    }

    private void restartRegime() {
        regimeCount = 0;
        regimeMean = 0;
        upperSum = 0;
        lowerSum = 0;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public double estimation() {
        return regimeMean;
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
        return new StateWriter(DetectorType.CUSUM)
                .writeInt(parameters.minInstances())
                .writeDouble(parameters.delta())
                .writeDouble(parameters.lambda())
                .writeBoolean(parameters.detectIncrease())
                .writeBoolean(parameters.detectDecrease())
                .writeLong(samplesSeen)
                .writeState(state)
                .writeLong(regimeCount)
                .writeDouble(regimeMean)
                .writeDouble(upperSum)
                .writeDouble(lowerSum)
                .toByteArray();
    }

    static CusumDetector read(StateReader in) {
        CusumParameters parameters =
                new CusumParameters(in.readInt(), in.readDouble(), in.readDouble(), in.readBoolean(), in.readBoolean());
        CusumDetector detector = new CusumDetector(parameters);
        detector.samplesSeen = in.readNonNegativeLong("samplesSeen");
        detector.state = in.readState();
        detector.regimeCount = in.readNonNegativeLong("regimeCount");
        detector.regimeMean = in.readDouble();
        detector.upperSum = in.readDouble();
        detector.lowerSum = in.readDouble();
        return detector;
    }
}
