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
public final class CusumDetector extends SequentialDetector<CusumParameters> {
    private long regimeCount;
    private double regimeMean;
    private double upperSum;
    private double lowerSum;

    private CusumDetector(CusumParameters parameters) {
        super(DetectorType.CUSUM, parameters);
    }

    /** Creates a detector with the given parameters. */
    public static CusumDetector of(CusumParameters parameters) {
        return new CusumDetector(parameters);
    }

    /** Creates a detector with {@link CusumParameters#defaults()}. */
    public static CusumDetector withDefaults() {
        return of(CusumParameters.defaults());
    }

    @Override
    void validate(double value) {
        Checks.finite("value", value);
    }

    @Override
    DetectorState observe(double value) {
        regimeCount++;
        regimeMean += (value - regimeMean) / regimeCount;
        double deviation = value - regimeMean;
        upperSum = Math.max(0, upperSum + deviation - parameters().delta());
        lowerSum = Math.max(0, lowerSum - deviation - parameters().delta());
        boolean changed = regimeCount >= parameters().minInstances()
                && ((parameters().detectIncrease() && upperSum > parameters().lambda())
                        || (parameters().detectDecrease()
                                && lowerSum > parameters().lambda()));
        return changed ? DetectorState.CHANGE : DetectorState.STABLE;
    }

    @Override
    void clearStatistics() {
        regimeCount = 0;
        regimeMean = 0;
        upperSum = 0;
        lowerSum = 0;
    }

    @Override
    public double estimation() {
        return regimeMean;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.writeInt(parameters().minInstances())
                .writeDouble(parameters().delta())
                .writeDouble(parameters().lambda())
                .writeBoolean(parameters().detectIncrease())
                .writeBoolean(parameters().detectDecrease());
    }

    @Override
    void writeStatistics(StateWriter out) {
        out.writeLong(regimeCount).writeDouble(regimeMean).writeDouble(upperSum).writeDouble(lowerSum);
    }

    @Override
    void readStatistics(StateReader in) {
        regimeCount = in.readNonNegativeLong("regimeCount");
        regimeMean = in.readDouble();
        upperSum = in.readDouble();
        lowerSum = in.readDouble();
    }

    static CusumDetector read(StateReader in) {
        CusumParameters parameters =
                new CusumParameters(in.readInt(), in.readDouble(), in.readDouble(), in.readBoolean(), in.readBoolean());
        return restore(new CusumDetector(parameters), in);
    }
}
