package dev.lazaret.detectors.poisoning;

import java.util.Locale;
import java.util.Map;

/**
 * Per-class centroid shift, as a test at this batch's and the reference's class sizes: for each label with at least
 * {@link PoisoningConfig#centroidMinClassRows()} batch rows and each numeric feature with a within-class spread in the
 * reference, Welch's t (the batch's variance taken as at least the reference's) of the batch class mean against the
 * reference class mean ({@link CentroidShiftStatistic}). The batch is flagged when the largest |t| passes the
 * Bonferroni critical value over all (class, feature) pairs at family level {@link #ALPHA} <em>and</em> the class
 * centroid moved by at least {@link PoisoningConfig#centroidMaxDistance()} reference standard deviations (Euclidean),
 * so that a very large batch is not held for a move nobody cares about.
 * Score: the largest |t|; threshold: its critical value at this batch's sizes.
 */
final class CentroidCheck {
    static final String NAME = "class-centroid-shift";
    static final double ALPHA = 1e-3;

    private CentroidCheck() {}

    static PoisoningSignal evaluate(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        Map<String, double[]> scales = reference.moments().meanStd();
        int pairs = 0;
        double minDf = Double.POSITIVE_INFINITY;
        double worstT = 0;
        double worstDistance = 0;
        String worst = null;
        for (String label : batch.moments().labels()) {
            Map<String, double[]> cur = batch.moments().forLabel(label);
            Map<String, double[]> ref = reference.moments().forLabel(label);
            double sq = 0;
            double classT = 0;
            String classFeature = null;
            double classDelta = 0;
            long n = 0;
            for (Map.Entry<String, double[]> s : scales.entrySet()) {
                double[] c = cur.get(s.getKey());
                double[] r = ref.get(s.getKey());
                if (c == null || r == null || c[0] < config.centroidMinClassRows() || r[0] < 2) {
                    continue;
                }
                double refVar = variance(r);
                if (!(refVar > 0)) {
                    continue; // constant within the class in the reference: the range checks see a change
                }
                n = Math.max(n, (long) c[0]);
                double t = CentroidShiftStatistic.statistic(c[0], c[1] / c[0], variance(c), r[0], r[1] / r[0], refVar);
                pairs++;
                minDf = Math.min(minDf, CentroidShiftStatistic.degreesOfFreedom(c[0], r[0]));
                double delta = (c[1] / c[0] - r[1] / r[0]) / s.getValue()[1];
                sq += delta * delta;
                if (Math.abs(t) > Math.abs(classT)) {
                    classT = t;
                    classFeature = s.getKey();
                    classDelta = delta;
                }
            }
            if (classFeature != null && Math.abs(classT) >= worstT) {
                worstT = Math.abs(classT);
                worstDistance = Math.sqrt(sq);
                worst = String.format(
                        Locale.ROOT,
                        "class '%s' (%d batch rows): centroid moved %.3f reference std; largest t %s %+.2f (%+.3f std)",
                        label,
                        n,
                        worstDistance,
                        classFeature,
                        classT,
                        classDelta);
            }
        }
        if (worst == null) {
            return new PoisoningSignal(
                    NAME,
                    0,
                    Double.POSITIVE_INFINITY,
                    false,
                    "no class with " + config.centroidMinClassRows() + " batch rows and numeric features to compare");
        }
        double critical = CentroidShiftStatistic.critical(ALPHA, pairs, minDf);
        double p = Math.min(1, pairs * CentroidShiftStatistic.twoSidedP(worstT, minDf));
        boolean flagged = worstT >= critical && worstDistance >= config.centroidMaxDistance();
        return new PoisoningSignal(
                NAME,
                worstT,
                critical,
                flagged,
                String.format(
                        Locale.ROOT,
                        "%s; Bonferroni p %.2g over %d class-feature pairs (flags at p < %.0e and a move of at least"
                                + " %.2f std)",
                        worst,
                        p,
                        pairs,
                        ALPHA,
                        config.centroidMaxDistance()));
    }

    /** Sample variance from {n, sum, sumSq}. */
    private static double variance(double[] m) {
        double mean = m[1] / m[0];
        return m[0] < 2 ? 0 : Math.max(0, (m[2] - m[0] * mean * mean) / (m[0] - 1));
    }
}
