package dev.lazaret.detectors.sequential;

/**
 * Parameters of HDDM-A.
 *
 * @param driftConfidence significance level of the change test (River/MOA: 0.001)
 * @param warningConfidence significance level of the warning test (River/MOA: 0.005)
 */
public record HddmAParameters(double driftConfidence, double warningConfidence) {

    /** Validates the parameters. */
    public HddmAParameters {
        Checks.openUnit("driftConfidence", driftConfidence);
        Checks.openUnit("warningConfidence", warningConfidence);
        if (warningConfidence < driftConfidence) {
            throw new IllegalArgumentException(String.format(
                    "warningConfidence (%s) must be >= driftConfidence (%s)", warningConfidence, driftConfidence));
        }
    }

    /**
     * River ({@code drift.binary.HDDM_A}) and MOA ({@code HDDM_A_Test}) defaults: drift 0.001, warning 0.005, with
     * the one-sided test (River's {@code two_sided_test=False}).
     */
    public static HddmAParameters defaults() {
        return new HddmAParameters(0.001, 0.005);
    }
}
