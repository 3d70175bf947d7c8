package dev.lazaret.detectors.poisoning;

import java.util.Map;

/**
 * Per-class centroid shift: for each label with enough batch rows, the Euclidean distance between its batch and
 * reference mean vectors of numeric features, each standardised by the reference standard deviation. Score: the
 * largest distance over classes.
 */
final class CentroidCheck {
    static final String NAME = "class-centroid-shift";

    private CentroidCheck() {}

    static PoisoningSignal evaluate(PoisoningReference reference, BatchPoisoningAccumulator batch) {
        PoisoningConfig config = batch.config();
        Map<String, double[]> scales = reference.moments().meanStd();
        double worst = 0;
        String evidence = "no class with enough rows and numeric features to compare";
        for (String label : batch.moments().labels()) {
            Map<String, double[]> cur = batch.moments().forLabel(label);
            Map<String, double[]> ref = reference.moments().forLabel(label);
            double sq = 0;
            String topFeature = null;
            double topDelta = 0;
            long n = 0;
            for (Map.Entry<String, double[]> s : scales.entrySet()) {
                double[] c = cur.get(s.getKey());
                double[] r = ref.get(s.getKey());
                if (c == null || r == null || c[0] < config.centroidMinClassRows() || r[0] < 1) {
                    continue;
                }
                n = Math.max(n, (long) c[0]);
                double delta = (c[1] / c[0] - r[1] / r[0]) / s.getValue()[1];
                sq += delta * delta;
                if (Math.abs(delta) >= Math.abs(topDelta)) {
                    topDelta = delta;
                    topFeature = s.getKey();
                }
            }
            double distance = Math.sqrt(sq);
            if (topFeature != null && (distance > worst || evidence.startsWith("no class"))) {
                worst = distance;
                evidence = String.format(
                        "class '%s' (%d batch rows): centroid moved %.3f reference std; largest move %s by %+.3f std",
                        label, n, distance, topFeature, topDelta);
            }
        }
        return new PoisoningSignal(
                NAME, worst, config.centroidMaxDistance(), worst >= config.centroidMaxDistance(), evidence);
    }
}
