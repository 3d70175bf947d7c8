package dev.lazaret.detectors.sequential;

/**
 * One size class of ADWIN's exponential histogram: up to {@code capacity} buckets of equal size, oldest first, each
 * holding the sum of its values and their sum of squared deviations from the bucket mean.
 */
final class BucketRow {
    private final double[] sums;
    private final double[] m2s;
    private int size;

    BucketRow(int capacity) {
        sums = new double[capacity];
        m2s = new double[capacity];
    }

    int size() {
        return size;
    }

    double sum(int index) {
        return sums[index];
    }

    double m2(int index) {
        return m2s[index];
    }

    void append(double sum, double m2) {
        sums[size] = sum;
        m2s[size] = m2;
        size++;
    }

    void removeOldest(int count) {
        System.arraycopy(sums, count, sums, 0, size - count);
        System.arraycopy(m2s, count, m2s, 0, size - count);
        size -= count;
    }
}
