package dev.lazaret.detectors.performance;

/**
 * The fixed partition of the score range [0, 1] into {@value #COUNT} equal bins. Binning before calibration keeps
 * every accumulator bounded (two counters per bin, whatever the traffic); its cost is that scores closer than 0.005
 * share one calibrated probability, which moves an estimate by far less than the sampling error of a window.
 */
public final class ScoreBins {
    /** Number of bins; 0.5 is a bin edge, so the usual threshold splits no bin. */
    public static final int COUNT = 200;

    private ScoreBins() {}

    /** The bin of a score, or -1 when the score is not a probability (NaN, infinite, outside [0, 1]). */
    public static int of(double score) {
        if (!(score >= 0 && score <= 1)) {
            return -1;
        }
        return Math.min(COUNT - 1, (int) (score * COUNT));
    }

    /** The centre of bin {@code bin}, where its calibrated value is anchored for interpolation. */
    static double centre(int bin) {
        return (bin + 0.5) / COUNT;
    }
}
