package dev.lazaret.detectors.sequential;

/**
 * Page–Hinkley test for a change in the mean (Page 1954, "Continuous inspection schemes", Biometrika 41; as used
 * for concept drift by Gama et al. 2013, "On evaluating stream learning algorithms").
 *
 * <p>With x̄ the running mean of the current regime, the upward statistic is {@code m_T = alpha * m_{T-1} + (x_T -
 * x̄_T - delta)} and an increase is reported when {@code m_T - min_t m_t > lambda}; the downward statistic uses
 * {@code + delta} and the maximum. No alarm is raised before {@code minInstances} values. After a change the
 * statistics restart from the next value. {@link #estimation()} is the mean of the current regime.
 *
 * <p>Defaults (see {@link PageHinkleyParameters#defaults()}): delta 0.005, lambda 50, alpha 1 - 0.0001, 30
 * instances, as in River and MOA.
 */
public final class PageHinkleyDetector implements ChangeDetector {
    private final PageHinkleyParameters parameters;
    private long samplesSeen;
    private DetectorState state = DetectorState.STABLE;
    private long regimeCount;
    private double regimeMean;
    private double sumIncrease;
    private double minIncrease;
    private double sumDecrease;
    private double maxDecrease;

    private PageHinkleyDetector(PageHinkleyParameters parameters) {
        this.parameters = parameters;
        restartRegime();
    }

    /** Creates a detector with the given parameters. */
    public static PageHinkleyDetector of(PageHinkleyParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        return new PageHinkleyDetector(parameters);
    }

    /** Creates a detector with {@link PageHinkleyParameters#defaults()}. */
    public static PageHinkleyDetector withDefaults() {
        return of(PageHinkleyParameters.defaults());
    }

    /** Returns the parameters. */
    public PageHinkleyParameters parameters() {
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
        sumIncrease = parameters.alpha() * sumIncrease + (deviation - parameters.delta());
        sumDecrease = parameters.alpha() * sumDecrease + (deviation + parameters.delta());
        minIncrease = Math.min(minIncrease, sumIncrease);
        maxDecrease = Math.max(maxDecrease, sumDecrease);
        boolean changed = regimeCount >= parameters.minInstances()
                && ((parameters.detectIncrease() && sumIncrease - minIncrease > parameters.lambda())
                        || (parameters.detectDecrease() && maxDecrease - sumDecrease > parameters.lambda()));
        state = changed ? DetectorState.CHANGE : DetectorState.STABLE;
        return state;
    }

    private void restartRegime() {
        regimeCount = 0;
        regimeMean = 0;
        sumIncrease = 0;
        minIncrease = 0;
        sumDecrease = 0;
        maxDecrease = 0;
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
        return new StateWriter(DetectorType.PAGE_HINKLEY)
                .writeInt(parameters.minInstances())
                .writeDouble(parameters.delta())
                .writeDouble(parameters.lambda())
                .writeDouble(parameters.alpha())
                .writeBoolean(parameters.detectIncrease())
                .writeBoolean(parameters.detectDecrease())
                .writeLong(samplesSeen)
                .writeState(state)
                .writeLong(regimeCount)
                .writeDouble(regimeMean)
                .writeDouble(sumIncrease)
                .writeDouble(minIncrease)
                .writeDouble(sumDecrease)
                .writeDouble(maxDecrease)
                .toByteArray();
    }

    static PageHinkleyDetector read(StateReader in) {
        PageHinkleyParameters parameters = new PageHinkleyParameters(
                in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readBoolean(), in.readBoolean());
        PageHinkleyDetector detector = new PageHinkleyDetector(parameters);
        detector.samplesSeen = in.readNonNegativeLong("samplesSeen");
        detector.state = in.readState();
        detector.regimeCount = in.readNonNegativeLong("regimeCount");
        detector.regimeMean = in.readDouble();
        detector.sumIncrease = in.readDouble();
        detector.minIncrease = in.readDouble();
        detector.sumDecrease = in.readDouble();
        detector.maxDecrease = in.readDouble();
        return detector;
    }
}
