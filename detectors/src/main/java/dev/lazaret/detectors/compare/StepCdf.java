package dev.lazaret.detectors.compare;

import dev.lazaret.detectors.profile.NumericProfile;

/**
 * The empirical CDF a sketch describes, as sorted distinct points with the inclusive cumulative fraction at each.
 * Two of them are compared by one merge walk over the union of their points, O(n + m), instead of a rank query per
 * point; the results are identical to ranking every union point against both sketches.
 */
final class StepCdf {
    final double[] points;
    final double[] cumulative;

    private StepCdf(double[] points, double[] cumulative) {
        this.points = points;
        this.cumulative = cumulative;
    }

    static StepCdf of(NumericProfile profile) {
        double[] values = profile.sortedValues();
        long[] weights = profile.cumulativeWeights();
        double total = weights[weights.length - 1];
        double[] points = new double[values.length];
        double[] cumulative = new double[values.length];
        int distinct = 0;
        for (int i = 0; i < values.length; i++) {
            // Equal values collapse into one step whose height is the weight up to the last of them.
            if (distinct > 0 && points[distinct - 1] == values[i]) {
                cumulative[distinct - 1] = weights[i] / total;
            } else {
                points[distinct] = values[i];
                cumulative[distinct] = weights[i] / total;
                distinct++;
            }
        }
        return new StepCdf(java.util.Arrays.copyOf(points, distinct), java.util.Arrays.copyOf(cumulative, distinct));
    }

    /** Calls {@code visitor} at every point of the union, in ascending order, with both CDFs' values there. */
    static void walk(StepCdf a, StepCdf b, UnionVisitor visitor) {
        int i = 0;
        int j = 0;
        while (i < a.points.length || j < b.points.length) {
            double x;
            if (j >= b.points.length || (i < a.points.length && a.points[i] <= b.points[j])) {
                x = a.points[i];
            } else {
                x = b.points[j];
            }
            while (i < a.points.length && a.points[i] <= x) {
                i++;
            }
            while (j < b.points.length && b.points[j] <= x) {
                j++;
            }
            visitor.visit(x, i == 0 ? 0 : a.cumulative[i - 1], j == 0 ? 0 : b.cumulative[j - 1]);
        }
    }

    /** Receives one union point and both CDF values at it. */
    @FunctionalInterface
    interface UnionVisitor {
        void visit(double point, double cdfA, double cdfB);
    }
}
