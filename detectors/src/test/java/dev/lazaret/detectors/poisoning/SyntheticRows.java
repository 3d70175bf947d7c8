package dev.lazaret.detectors.poisoning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded synthetic training data and attacks on it. Three numeric features x0..x2 ~ N(0,1), two categorical
 * features c0 (10 values, uniform) and c1 (10 values, skewed), and a binary label from a logistic rule.
 */
final class SyntheticRows {
    static final String POS = "pos";
    static final String NEG = "neg";

    private SyntheticRows() {}

    static List<LabeledRow> clean(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabeledRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(cleanRow(rnd));
        }
        return rows;
    }

    private static LabeledRow cleanRow(SplittableRandom rnd) {
        double x0 = gaussian(rnd);
        double x1 = gaussian(rnd);
        double x2 = gaussian(rnd);
        int c0 = rnd.nextInt(10);
        int c1 = skewed(rnd);
        double logit = 1.2 * x0 - 0.8 * x1 + 0.4 * x2 + (c0 < 3 ? 0.7 : -0.3) + 0.1 * c1 - 0.2;
        String label = rnd.nextDouble() < 1 / (1 + Math.exp(-logit)) ? POS : NEG;
        Map<String, Object> f = new HashMap<>();
        f.put("x0", x0);
        f.put("x1", x1);
        f.put("x2", x2);
        f.put("c0", "a" + c0);
        f.put("c1", "b" + c1);
        return new LabeledRow(f, label);
    }

    /** Flips the label of {@code share} of the rows, all taken from the region x0 > 1. */
    static List<LabeledRow> labelFlips(List<LabeledRow> rows, double share) {
        long target = Math.round(share * rows.size());
        List<LabeledRow> out = new ArrayList<>(rows.size());
        long flipped = 0;
        for (LabeledRow r : rows) {
            if (flipped < target && (Double) r.features().get("x0") > 1.0) {
                out.add(new LabeledRow(r.features(), POS.equals(r.label()) ? NEG : POS));
                flipped++;
            } else {
                out.add(r);
            }
        }
        if (flipped < target) {
            throw new IllegalStateException("region too small for the flip share");
        }
        return out;
    }

    /** Sets {@code feature} to {@code trigger} and the label to {@code target} in {@code share} of the rows. */
    static List<LabeledRow> backdoor(
            List<LabeledRow> rows, double share, String feature, Object trigger, String target, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabeledRow> out = new ArrayList<>(rows);
        for (int k = 0; k < Math.round(share * rows.size()); k++) {
            int i = rnd.nextInt(out.size());
            Map<String, Object> f = new HashMap<>(out.get(i).features());
            f.put(feature, trigger);
            out.set(i, new LabeledRow(f, target));
        }
        return out;
    }

    /** Replaces {@code share} of the rows by copies of other rows of the batch, with numeric noise of sd {@code noise}. */
    static List<LabeledRow> copies(List<LabeledRow> rows, double share, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabeledRow> out = new ArrayList<>(rows);
        int n = rows.size();
        int copies = (int) Math.round(share * n);
        // originals come from the first half, copies overwrite the second half: no copy of a copy
        for (int k = 0; k < copies; k++) {
            LabeledRow src = rows.get(rnd.nextInt(n / 2));
            Map<String, Object> f = new HashMap<>(src.features());
            if (noise > 0) {
                for (String x : List.of("x0", "x1", "x2")) {
                    f.put(x, (Double) f.get(x) + noise * gaussian(rnd));
                }
            }
            out.set(n / 2 + k, new LabeledRow(f, src.label()));
        }
        return out;
    }

    /** Replaces {@code share} of the rows by rows of an earlier batch. */
    static List<LabeledRow> replay(List<LabeledRow> rows, List<LabeledRow> earlier, double share, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabeledRow> out = new ArrayList<>(rows);
        int k = (int) Math.round(share * rows.size());
        for (int i = 0; i < k; i++) {
            out.set(i, earlier.get(rnd.nextInt(earlier.size())));
        }
        return out;
    }

    private static int skewed(SplittableRandom rnd) {
        // geometric-like: b0 most common, b9 about 1%
        double u = rnd.nextDouble();
        int v = (int) Math.floor(Math.log(1 - u * (1 - Math.pow(0.65, 10))) / Math.log(0.65));
        return Math.min(9, v);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
