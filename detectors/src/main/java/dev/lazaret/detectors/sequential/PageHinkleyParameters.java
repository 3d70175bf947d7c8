package dev.lazaret.detectors.sequential;

/**
 * Parameters of the Page–Hinkley test.
 *
 * @param minInstances values to see before any change can be reported (River {@code min_instances}, MOA
 *     {@code minNumInstances}: 30)
 * @param delta magnitude of change tolerated without alarm (River/MOA: 0.005)
 * @param lambda alarm threshold on the cumulative deviation (River {@code threshold}, MOA {@code lambda}: 50)
 * @param alpha forgetting factor applied to the cumulative sums (River/MOA: 1 - 0.0001)
 * @param detectIncrease whether to alarm on an increase of the mean (MOA only watches increases)
 * @param detectDecrease whether to alarm on a decrease of the mean (River's default {@code mode="both"} watches both)
 */
public record PageHinkleyParameters(
        int minInstances, double delta, double lambda, double alpha, boolean detectIncrease, boolean detectDecrease) {

    /** Validates the parameters. */
    public PageHinkleyParameters {
        Checks.atLeast("minInstances", minInstances, 1);
        Checks.nonNegative("delta", delta);
        Checks.positive("lambda", lambda);
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException(String.format("alpha must be in (0, 1], got %s", alpha));
        }
        if (!detectIncrease && !detectDecrease) {
            throw new IllegalArgumentException("At least one of detectIncrease and detectDecrease must be true");
        }
    }

    /**
     * River ({@code drift.PageHinkley}) and MOA ({@code PageHinkleyDM}) defaults: 30 instances, delta 0.005,
     * lambda 50, alpha 1 - 0.0001, both directions (River's default; MOA watches increases only).
     */
    public static PageHinkleyParameters defaults() {
        return new PageHinkleyParameters(30, 0.005, 50.0, 1 - 0.0001, true, true);
    }
}
