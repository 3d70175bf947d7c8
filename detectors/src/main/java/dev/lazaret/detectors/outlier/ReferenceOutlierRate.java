package dev.lazaret.detectors.outlier;

/**
 * The outlier rate a reference itself shows, the null rate of an outlier-surge test ({@link
 * dev.lazaret.detectors.rate.BinomialExcess}). Built from each numeric feature's {@link OutlierBounds#tailMass tail
 * mass}; the unit decides how the masses combine:
 *
 * <ul>
 *   <li>{@link #perValue}: the test counts values (every numeric value of every event is one trial), so the rate is
 *       the mean of the feature masses. The drift side counts this way.
 *   <li>{@link #perRow}: the test counts rows (a row is an outlier when any feature is), so the rate is the sum of
 *       the masses, the union bound on {@code P(any feature out)}. The quarantine side counts this way.
 * </ul>
 *
 * <p>Either rate is clamped to [{@link #MIN_RATE}, {@link #MAX_RATE}]: a KLL sketch cannot resolve tail masses much
 * below its rank error, so a smaller rate is raised to {@link #MIN_RATE} (a surge then needs well above 0.1% of
 * values out of range), and a rate above one half means the bounds do not describe the reference at all.
 */
public final class ReferenceOutlierRate {
    /** Floor of a reference outlier rate. */
    public static final double MIN_RATE = 1e-3;
    /** Ceiling of a reference outlier rate. */
    public static final double MAX_RATE = 0.5;

    private ReferenceOutlierRate() {}

    /** Mean of the tail masses, clamped; {@link #MIN_RATE} when there are none. NaN masses are skipped. */
    public static double perValue(double... tailMasses) {
        double sum = 0;
        int n = 0;
        for (double m : tailMasses) {
            if (!Double.isNaN(m)) {
                sum += m;
                n++;
            }
        }
        return clamp(n == 0 ? MIN_RATE : sum / n);
    }

    /** Sum of the tail masses, clamped; {@link #MIN_RATE} when there are none. NaN masses are skipped. */
    public static double perRow(double... tailMasses) {
        double sum = 0;
        for (double m : tailMasses) {
            if (!Double.isNaN(m)) {
                sum += m;
            }
        }
        return clamp(sum);
    }

    private static double clamp(double rate) {
        return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
    }
}
