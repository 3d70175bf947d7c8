package dev.lazaret.detectors.sequential;

/**
 * Parameters of EDDM.
 *
 * @param minErrors errors to see before any warning or change (River/MOA: 30)
 * @param warningRatio warning when {@code (p' + 2s') / max(p' + 2s')} falls below this (River/MOA: 0.95)
 * @param outControlRatio change when the same ratio falls below this (River/MOA: 0.90)
 */
public record EddmParameters(int minErrors, double warningRatio, double outControlRatio) {

    /** Validates the parameters. */
    public EddmParameters {
        Checks.atLeast("minErrors", minErrors, 1);
        Checks.openUnit("warningRatio", warningRatio);
        Checks.openUnit("outControlRatio", outControlRatio);
        if (outControlRatio > warningRatio) {
            throw new IllegalArgumentException(
                    String.format("outControlRatio (%s) must be <= warningRatio (%s)", outControlRatio, warningRatio));
        }
    }

    /** River ({@code drift.binary.EDDM}) and MOA ({@code EDDM}) defaults: 30 errors, warning 0.95, change 0.90. */
    public static EddmParameters defaults() {
        return new EddmParameters(30, 0.95, 0.90);
    }
}
