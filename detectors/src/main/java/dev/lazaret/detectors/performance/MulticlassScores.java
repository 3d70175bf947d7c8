package dev.lazaret.detectors.performance;

/**
 * A window of a multiclass classifier's calibrated predictions, without labels: per class k the predicted count,
 * the expected true positives Σ_{ŷ=k} p_k and false negatives Σ_{ŷ≠k} p_k with their Bernoulli variances, and, per
 * bin of the raw score s_k, the expected positive (p_k) and negative (1 − p_k) mass for the one-vs-rest ROC curve.
 * Unlike the binary {@link PredictedScores}, the calibrated probabilities are added rather than the bins: an event's
 * normalised p_k depends on all its class scores, so a binned joint histogram would grow as 200^classes. Mutable;
 * bounded by classes × (2 × {@value ScoreBins#COUNT} + 5) numbers, at most {@value #MAX_CLASSES} classes.
 */
public final class MulticlassScores {
    /** Classes a model may have to be estimated: keeps every accumulator bounded. */
    public static final int MAX_CLASSES = 32;

    final long[] predicted;
    final double[] tp;
    final double[] tpVariance;
    final double[] fn;
    final double[] fnVariance;
    final double[][] positiveMass;
    final double[][] negativeMass;

    private MulticlassScores(int classes) {
        predicted = new long[classes];
        tp = new double[classes];
        tpVariance = new double[classes];
        fn = new double[classes];
        fnVariance = new double[classes];
        positiveMass = new double[classes][ScoreBins.COUNT];
        negativeMass = new double[classes][ScoreBins.COUNT];
    }

    public static MulticlassScores empty(int classes) {
        if (classes < 2 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("classes must be in [2, " + MAX_CLASSES + "]");
        }
        return new MulticlassScores(classes);
    }

    /**
     * Rebuilds decoded accumulators (copied): per class the predicted count, the expected true positives and false
     * negatives with their variances, and per bin the expected positive and negative mass.
     *
     * @throws IllegalArgumentException if the lengths disagree, a count or mass is negative or not finite
     */
    public static MulticlassScores of(
            long[] predicted,
            double[] tp,
            double[] tpVariance,
            double[] fn,
            double[] fnVariance,
            double[][] positiveMass,
            double[][] negativeMass) {
        MulticlassScores s = empty(predicted.length);
        int classes = predicted.length;
        if (tp.length != classes
                || tpVariance.length != classes
                || fn.length != classes
                || fnVariance.length != classes
                || positiveMass.length != classes
                || negativeMass.length != classes) {
            throw new IllegalArgumentException("every accumulator needs " + classes + " classes");
        }
        for (int k = 0; k < classes; k++) {
            if (positiveMass[k].length != ScoreBins.COUNT || negativeMass[k].length != ScoreBins.COUNT) {
                throw new IllegalArgumentException("need " + ScoreBins.COUNT + " bins");
            }
            if (predicted[k] < 0 || !mass(tp[k]) || !mass(tpVariance[k]) || !mass(fn[k]) || !mass(fnVariance[k])) {
                throw new IllegalArgumentException("counts and masses must be finite and not negative");
            }
            for (int b = 0; b < ScoreBins.COUNT; b++) {
                if (!mass(positiveMass[k][b]) || !mass(negativeMass[k][b])) {
                    throw new IllegalArgumentException("counts and masses must be finite and not negative");
                }
            }
            s.predicted[k] = predicted[k];
            s.tp[k] = tp[k];
            s.tpVariance[k] = tpVariance[k];
            s.fn[k] = fn[k];
            s.fnVariance[k] = fnVariance[k];
            s.positiveMass[k] = positiveMass[k].clone();
            s.negativeMass[k] = negativeMass[k].clone();
        }
        return s;
    }

    private static boolean mass(double v) {
        return v >= 0 && Double.isFinite(v);
    }

    /** Class k's predicted count. */
    public long predicted(int k) {
        return predicted[k];
    }

    /** Class k's expected true positives Σ_{ŷ=k} p_k. */
    public double tp(int k) {
        return tp[k];
    }

    public double tpVariance(int k) {
        return tpVariance[k];
    }

    /** Class k's expected false negatives Σ_{ŷ≠k} p_k. */
    public double fn(int k) {
        return fn[k];
    }

    public double fnVariance(int k) {
        return fnVariance[k];
    }

    /** Class k's expected positive mass in bin b of its raw score. */
    public double positiveMass(int k, int b) {
        return positiveMass[k][b];
    }

    public double negativeMass(int k, int b) {
        return negativeMass[k][b];
    }

    /**
     * Adds one prediction.
     *
     * @param probabilities the event's {@link OneVsRestCalibration#probabilities calibrated probabilities}
     * @param bins {@link ScoreBins#of} of each class's raw score
     * @param predictedClass the predicted class
     */
    public void add(double[] probabilities, int[] bins, int predictedClass) {
        for (int k = 0; k < predicted.length; k++) {
            double p = probabilities[k];
            if (k == predictedClass) {
                predicted[k]++;
                tp[k] += p;
                tpVariance[k] += p * (1 - p);
            } else {
                fn[k] += p;
                fnVariance[k] += p * (1 - p);
            }
            positiveMass[k][bins[k]] += p;
            negativeMass[k][bins[k]] += 1 - p;
        }
    }

    public int classes() {
        return predicted.length;
    }

    public long count() {
        long n = 0;
        for (long c : predicted) {
            n += c;
        }
        return n;
    }
}
