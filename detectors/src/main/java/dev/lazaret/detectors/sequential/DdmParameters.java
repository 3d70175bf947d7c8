package dev.lazaret.detectors.sequential;

/**
 * Parameters of DDM.
 *
 * @param minInstances values to see before any warning or change (River {@code warm_start}, MOA
 *     {@code minNumInstances}: 30)
 * @param warningLevel standard deviations above the minimum for a warning (River/MOA: 2.0)
 * @param outControlLevel standard deviations above the minimum for a change (River/MOA: 3.0)
 */
public record DdmParameters(int minInstances, double warningLevel, double outControlLevel) {

    /** Validates the parameters. */
    public DdmParameters {
        Checks.atLeast("minInstances", minInstances, 1);
        Checks.positive("warningLevel", warningLevel);
        Checks.positive("outControlLevel", outControlLevel);
        if (outControlLevel < warningLevel) {
            throw new IllegalArgumentException(
                    String.format("outControlLevel (%s) must be >= warningLevel (%s)", outControlLevel, warningLevel));
        }
    }

    /** River ({@code drift.binary.DDM}) and MOA ({@code DDM}) defaults: 30 instances, warning 2.0, change 3.0. */
    public static DdmParameters defaults() {
        return new DdmParameters(30, 2.0, 3.0);
    }
}
