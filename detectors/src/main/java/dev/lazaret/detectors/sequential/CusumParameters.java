package dev.lazaret.detectors.sequential;

/**
 * Parameters of the CUSUM test.
 *
 * @param minInstances values to see before any change can be reported (MOA {@code CusumDM}: 30)
 * @param delta allowance subtracted from each deviation (MOA: 0.005)
 * @param lambda alarm threshold on the cumulative sum (MOA: 50)
 * @param detectIncrease whether to alarm on an increase of the mean (MOA's CUSUM watches increases only)
 * @param detectDecrease whether to alarm on a decrease of the mean
 */
public record CusumParameters(
        int minInstances, double delta, double lambda, boolean detectIncrease, boolean detectDecrease) {

    /** Validates the parameters. */
    public CusumParameters {
        Checks.atLeast("minInstances", minInstances, 1);
        Checks.nonNegative("delta", delta);
        Checks.positive("lambda", lambda);
        if (!detectIncrease && !detectDecrease) {
            throw new IllegalArgumentException("At least one of detectIncrease and detectDecrease must be true");
        }
    }

    /**
     * MOA ({@code CusumDM}) defaults: 30 instances, delta 0.005, lambda 50 (River has no CUSUM detector). Both
     * directions are watched, matching {@link PageHinkleyParameters#defaults()}; MOA watches increases only.
     */
    public static CusumParameters defaults() {
        return new CusumParameters(30, 0.005, 50.0, true, true);
    }
}
