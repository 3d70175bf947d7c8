package dev.lazaret.detectors.sequential;

/**
 * Parameters of ADWIN.
 *
 * @param delta confidence of the cut test (River/MOA: 0.002)
 * @param maxBuckets buckets kept per size class of the exponential histogram before two are merged (River
 *     {@code max_buckets}, MOA {@code M}: 5)
 * @param clock the window is checked for a cut every {@code clock} values (River/MOA: 32)
 * @param minSubWindowLength smallest sub-window on either side of a cut (River {@code min_window_length}, MOA
 *     {@code mintMinWinLength}: 5)
 * @param gracePeriod no cut is tried while the window holds this many values or fewer (River
 *     {@code grace_period}, MOA {@code mintMinimLongitudWindow}: 10)
 */
public record AdwinParameters(double delta, int maxBuckets, int clock, int minSubWindowLength, int gracePeriod) {

    /** Validates the parameters. */
    public AdwinParameters {
        Checks.openUnit("delta", delta);
        Checks.atLeast("maxBuckets", maxBuckets, 2);
        Checks.atLeast("clock", clock, 1);
        Checks.atLeast("minSubWindowLength", minSubWindowLength, 1);
        Checks.atLeast("gracePeriod", gracePeriod, 1);
    }

    /** River ({@code drift.ADWIN}) and MOA ({@code ADWINChangeDetector}) defaults: delta 0.002, M 5, clock 32. */
    public static AdwinParameters defaults() {
        return new AdwinParameters(0.002, 5, 32, 5, 10);
    }
}
