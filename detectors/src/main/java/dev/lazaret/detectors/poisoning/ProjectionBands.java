package dev.lazaret.detectors.poisoning;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * Locality-sensitive hashing of rows for near-duplicates (random-projection buckets, as in E2LSH). Numeric features are
 * standardised with the reference's mean and sd; each of {@link #BANDS} bands projects the standardised vector on
 * {@link #PROJECTIONS} seeded Gaussian directions scaled by 1/sqrt(d), so a projection of independent standardised
 * features has sd about 1 at every dimension d, and 1% sd noise on every feature moves it by about 0.01 whatever d
 * is. Each projection is cut into buckets of {@code width} (randomly offset); a band's key hashes its bucket numbers
 * together with the row's categorical values (exact). Two rows collide in a band when every projection of the band
 * falls in the same bucket.
 *
 * <p>The directions are derived from the feature name and a fixed seed, so they are not state: a batch and a merge
 * partner built from the same reference agree, and nothing needs to be stored. Cost per row: d x 16 multiply-adds.
 */
final class ProjectionBands {
    static final int BANDS = 2;
    static final int PROJECTIONS = 8;
    private static final long SEED = 0x4c53484c617a6172L; // fixed so keys are stable across versions

    private final Map<String, double[]> scales;
    private final double width;
    private final double[] offsets;
    private final Map<String, double[]> directions;

    ProjectionBands(Map<String, double[]> scales, double width) {
        this.scales = scales;
        this.width = width;
        SplittableRandom offsetRandom = new SplittableRandom(SEED);
        this.offsets = new double[BANDS * PROJECTIONS];
        for (int j = 0; j < offsets.length; j++) {
            offsets[j] = offsetRandom.nextDouble();
        }
        double norm = 1 / Math.sqrt(Math.max(1, scales.size()));
        this.directions = new java.util.TreeMap<>();
        for (String feature : scales.keySet()) {
            long h = MurmurHash3.hash(feature.getBytes(StandardCharsets.UTF_8), SEED)[0];
            SplittableRandom random = new SplittableRandom(h);
            double[] a = new double[BANDS * PROJECTIONS];
            for (int j = 0; j < a.length; j++) {
                a[j] = gaussian(random) * norm;
            }
            directions.put(feature, a);
        }
    }

    /** One key per band. */
    long[] keys(LabeledRow row) {
        return keys(row.features());
    }

    long[] keys(Map<String, Object> features) {
        double[] projection = new double[BANDS * PROJECTIONS];
        RowFingerprints.CanonicalBytes exact = new RowFingerprints.CanonicalBytes(64);
        for (Map.Entry<String, Object> e : features.entrySet()) {
            double[] a = directions.get(e.getKey());
            if (a != null && e.getValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                double[] meanStd = scales.get(e.getKey());
                double z = (n.doubleValue() - meanStd[0]) / meanStd[1];
                for (int j = 0; j < projection.length; j++) {
                    projection[j] += a[j] * z;
                }
            } else {
                // categorical, missing-as-null or non-finite values must match exactly
                exact.writeFeature(e.getKey(), e.getValue());
            }
        }
        long[] out = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long[] buckets = new long[PROJECTIONS + 1];
            for (int j = 0; j < PROJECTIONS; j++) {
                int k = b * PROJECTIONS + j;
                buckets[j] = (long) Math.floor(projection[k] / width + offsets[k]);
            }
            buckets[PROJECTIONS] = exact.size() == 0 ? 0 : exact.hash(SEED + b)[0];
            out[b] = MurmurHash3.hash(buckets, SEED)[0];
        }
        return out;
    }

    /**
     * Per band, the chance that two distinct-content rows of the reference fall in the same band bucket, estimated
     * from the reference sample: colliding pairs (weighted by their multiplicities) over all pairs of sampled rows. A
     * bottom-k sample by content hash is a uniform sample of contents, so the share of colliding pairs carries over.
     */
    double[] referenceCollisionChance(List<NeighbourSample.Entry> sample, List<Long> counts) {
        double[] out = new double[BANDS];
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        if (sample.size() < 2 || total < 2) {
            return out;
        }
        for (int b = 0; b < BANDS; b++) {
            Map<Long, double[]> buckets = new java.util.HashMap<>();
            for (int i = 0; i < sample.size(); i++) {
                long key = keys(sample.get(i).features())[b];
                double c = counts.get(i);
                double[] acc = buckets.computeIfAbsent(key, k -> new double[2]);
                acc[0] += c;
                acc[1] += c * c;
            }
            double pairs = 0;
            for (double[] acc : buckets.values()) {
                pairs += (acc[0] * acc[0] - acc[1]) / 2; // pairs of different contents in one bucket
            }
            out[b] = pairs / (total * (total - 1) / 2);
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
