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
public final class PageHinkleyDetector extends SequentialDetector<PageHinkleyParameters> {
    private long regimeCount;
    private double regimeMean;
    private double sumIncrease;
    private double minIncrease;
    private double sumDecrease;
    private double maxDecrease;

    private PageHinkleyDetector(PageHinkleyParameters parameters) {
        super(DetectorType.PAGE_HINKLEY, parameters);
        clearStatistics();
    }

    /** Creates a detector with the given parameters. */
    public static PageHinkleyDetector of(PageHinkleyParameters parameters) {
        return new PageHinkleyDetector(parameters);
    }

    /** Creates a detector with {@link PageHinkleyParameters#defaults()}. */
    public static PageHinkleyDetector withDefaults() {
        return of(PageHinkleyParameters.defaults());
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
        sumIncrease =
                parameters().alpha() * sumIncrease + (deviation - parameters().delta());
        sumDecrease =
                parameters().alpha() * sumDecrease + (deviation + parameters().delta());
        minIncrease = Math.min(minIncrease, sumIncrease);
        maxDecrease = Math.max(maxDecrease, sumDecrease);
        boolean changed = regimeCount >= parameters().minInstances()
                && ((parameters().detectIncrease()
                                && sumIncrease - minIncrease > parameters().lambda())
                        || (parameters().detectDecrease()
                                && maxDecrease - sumDecrease > parameters().lambda()));
        return changed ? DetectorState.CHANGE : DetectorState.STABLE;
    }

    @Override
    void clearStatistics() {
        regimeCount = 0;
        regimeMean = 0;
        sumIncrease = 0;
        minIncrease = 0;
        sumDecrease = 0;
        maxDecrease = 0;
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
                .writeDouble(parameters().alpha())
                .writeBoolean(parameters().detectIncrease())
                .writeBoolean(parameters().detectDecrease());
    }

    @Override
    void writeStatistics(StateWriter out) {
        out.writeLong(regimeCount)
                .writeDouble(regimeMean)
                .writeDouble(sumIncrease)
                .writeDouble(minIncrease)
                .writeDouble(sumDecrease)
                .writeDouble(maxDecrease);
    }

    @Override
    void readStatistics(StateReader in) {
        regimeCount = in.readNonNegativeLong("regimeCount");
        regimeMean = in.readDouble();
        sumIncrease = in.readDouble();
        minIncrease = in.readDouble();
        sumDecrease = in.readDouble();
        maxDecrease = in.readDouble();
    }

    static PageHinkleyDetector read(StateReader in) {
        PageHinkleyParameters parameters = new PageHinkleyParameters(
                in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readBoolean(), in.readBoolean());
        return restore(new PageHinkleyDetector(parameters), in);
    }
}
