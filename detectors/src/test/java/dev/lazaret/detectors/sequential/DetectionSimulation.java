package dev.lazaret.detectors.sequential;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Seeded simulations of detection delay and false alarms. A stream has known change points; an alarm before the
 * first change point is a false alarm, and the delay of a change is measured to the first alarm after it (and
 * before the next change point).
 */
final class DetectionSimulation {

    /** A stream generator with known change points, drawing from the given random source. */
    interface Scenario {
        double[] generate(SplittableRandom random);

        int[] changePoints();
    }

    /**
     * Aggregated results over seeds.
     *
     * @param falseAlarmsPer10k alarms before the first change point, per 10,000 values of that clean prefix
     * @param meanDelay mean delay over the detected changes (NaN if none was detected)
     * @param maxDelay largest delay over the detected changes
     * @param missed changes not detected before the next change point (or the end)
     * @param changes total number of changes across seeds
     */
    record Summary(double falseAlarmsPer10k, double meanDelay, int maxDelay, int missed, int changes) {
        @Override
        public String toString() {
            return String.format(
                    "false alarms/10k=%.2f mean delay=%.1f max delay=%d missed=%d/%d",
                    falseAlarmsPer10k, meanDelay, maxDelay, missed, changes);
        }
    }

    private DetectionSimulation() {}

    static Summary run(Scenario scenario, Supplier<ChangeDetector> detectors, int seeds, int... changeIndexes) {
        int[] points = scenario.changePoints();
        long falseAlarms = 0;
        long delaySum = 0;
        int detected = 0;
        int maxDelay = 0;
        int missed = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            double[] values = scenario.generate(new SplittableRandom(seed));
            boolean[] alarms = new boolean[values.length];
            ChangeDetector detector = detectors.get();
            for (int i = 0; i < values.length; i++) {
                alarms[i] = detector.update(values[i]) == DetectorState.CHANGE;
                if (alarms[i] && i < points[0]) {
                    falseAlarms++;
                }
            }
            for (int c : changeIndexes) {
                int end = c + 1 < points.length ? points[c + 1] : values.length;
                int delay = -1;
                for (int i = points[c]; i < end && delay < 0; i++) {
                    if (alarms[i]) {
                        delay = i - points[c];
                    }
                }
                if (delay < 0) {
                    missed++;
                } else {
                    delaySum += delay;
                    detected++;
                    maxDelay = Math.max(maxDelay, delay);
                }
            }
        }
        double per10k = falseAlarms * 10_000.0 / ((double) points[0] * seeds);
        return new Summary(
                per10k,
                detected == 0 ? Double.NaN : (double) delaySum / detected,
                maxDelay,
                missed,
                seeds * changeIndexes.length);
    }

    /** Gaussian stream with unit variance whose mean jumps from {@code before} to {@code after}. */
    static Scenario gaussianShift(double before, double after, int changeAt, int length) {
        return new Scenario() {
            @Override
            public double[] generate(SplittableRandom random) {
                double[] values = new double[length];
                for (int i = 0; i < length; i++) {
                    values[i] = GaussianStreams.gaussian(random, i < changeAt ? before : after, 1);
                }
                return values;
            }

            @Override
            public int[] changePoints() {
                return new int[] {changeAt};
            }
        };
    }

    /** 0/1 error stream whose error rate jumps from {@code before} to {@code after}. */
    static Scenario bernoulliShift(double before, double after, int changeAt, int length) {
        return new Scenario() {
            @Override
            public double[] generate(SplittableRandom random) {
                double[] values = new double[length];
                for (int i = 0; i < length; i++) {
                    values[i] = GaussianStreams.bernoulli(random, i < changeAt ? before : after);
                }
                return values;
            }

            @Override
            public int[] changePoints() {
                return new int[] {changeAt};
            }
        };
    }

    /**
     * SEA concepts (Street and Kim 2001, "A streaming ensemble algorithm (SEA) for large-scale classification", KDD):
     * three features uniform on [0, 10], label {@code f1 + f2 <= theta}, theta 8 -> 9 -> 7 -> 9.5 in four equal
     * blocks, 10% label noise as in the paper. A fixed classifier that learned the first concept ({@code f1 + f2 <=
     * 8}) produces the 0/1 error stream. Expected error rates per block are 0.1, 0.168, 0.16 and 0.205, so the
     * second change (9 -> 7) barely moves the error rate and is not expected to be found from errors alone.
     */
    static Scenario seaErrors(int blockLength, double labelNoise) {
        double[] thetas = {8, 9, 7, 9.5};
        return new Scenario() {
            @Override
            public double[] generate(SplittableRandom random) {
                double[] values = new double[blockLength * thetas.length];
                for (int i = 0; i < values.length; i++) {
                    double f1 = 10 * random.nextDouble();
                    double f2 = 10 * random.nextDouble();
                    random.nextDouble(); // f3 is irrelevant to the label, but drawn to keep the stream SEA-shaped
                    boolean label = f1 + f2 <= thetas[i / blockLength];
                    if (random.nextDouble() < labelNoise) {
                        label = !label;
                    }
                    boolean prediction = f1 + f2 <= thetas[0];
                    values[i] = prediction == label ? 0.0 : 1.0;
                }
                return values;
            }

            @Override
            public int[] changePoints() {
                return new int[] {blockLength, 2 * blockLength, 3 * blockLength};
            }
        };
    }
}
