package dev.lazaret.detectors.sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN, the adaptive sliding window of Bifet and Gavaldà (2007), "Learning from time-changing data with adaptive
 * windowing", SIAM SDM 2007, doi:10.1137/1.9781611972771.42 (the ADWIN2 variant with an exponential histogram).
 *
 * <p>The window is stored in an exponential histogram: size classes of 1, 2, 4, … values with at most
 * {@code maxBuckets} buckets each, so memory is O(M log W). Every {@code clock} values the detector tries each
 * bucket boundary as a cut between an older part W0 and a newer part W1 and reports a change when
 * {@code |μ0 - μ1| > ε_cut} with the paper's bound {@code ε_cut = sqrt(2/m · σ²_W · ln(2/δ')) + 2/(3m) · ln(2/δ')},
 * {@code m = 1/(1/n0 + 1/n1)} and {@code δ' = δ / ln n}; the oldest buckets are dropped until no cut holds. ADWIN has
 * no warning zone. {@link #estimation()} is the mean of the current window, which is the point of ADWIN: after a
 * change it holds only the new regime.
 *
 * <p>Defaults (see {@link AdwinParameters#defaults()}): delta 0.002, M 5, clock 32, as in River and MOA.
 */
public final class AdwinDetector extends SequentialDetector<AdwinParameters> {
    private final List<BucketRow> rows = new ArrayList<>();
    private long width;
    private double total;
    private double m2;

    private AdwinDetector(AdwinParameters parameters) {
        super(DetectorType.ADWIN, parameters);
    }

    /** Creates a detector with the given parameters(). */
    public static AdwinDetector of(AdwinParameters parameters) {
        return new AdwinDetector(parameters);
    }

    /** Creates a detector with {@link AdwinParameters#defaults()}. */
    public static AdwinDetector withDefaults() {
        return of(AdwinParameters.defaults());
    }

    /** Returns the number of values in the current window. */
    public long width() {
        return width;
    }

    /** Returns the population variance of the current window (0 when empty). */
    public double variance() {
        return width == 0 ? 0 : m2 / width;
    }

    @Override
    void validate(double value) {
        Checks.finite("value", value);
    }

    @Override
    DetectorState observe(double value) {
        insert(value);
        boolean changed = samplesSeen() % parameters().clock() == 0 && shrinkWhileCut();
        return changed ? DetectorState.CHANGE : DetectorState.STABLE;
    }

    /** Nothing to restart: finding the change already dropped the old regime from the window. */
    @Override
    void afterChange() {}

    private void insert(double value) {
        double previousMean = width == 0 ? 0 : total / width;
        width++;
        total += value;
        m2 += (value - previousMean) * (value - total / width);
        if (rows.isEmpty()) {
            rows.add(newRow());
        }
        rows.get(0).append(value, 0);
        compress();
    }

    private BucketRow newRow() {
        // One spare slot: a row may briefly hold maxBuckets + 1 buckets before its oldest two are merged.
        return new BucketRow(parameters().maxBuckets() + 1);
    }

    private void compress() {
        for (int i = 0; i < rows.size(); i++) {
            BucketRow row = rows.get(i);
            if (row.size() <= parameters().maxBuckets()) {
                return;
            }
            double half = Math.pow(2, i);
            double mean0 = row.sum(0) / half;
            double mean1 = row.sum(1) / half;
            double mergedSum = row.sum(0) + row.sum(1);
            double mergedM2 = row.m2(0) + row.m2(1) + half / 2 * (mean0 - mean1) * (mean0 - mean1);
            row.removeOldest(2);
            if (i + 1 == rows.size()) {
                rows.add(newRow());
            }
            rows.get(i + 1).append(mergedSum, mergedM2);
        }
    }

    private boolean shrinkWhileCut() {
        boolean changed = false;
        while (width > parameters().gracePeriod() && hasCut()) {
            removeOldestBucket();
            changed = true;
        }
        return changed;
    }

    private boolean hasCut() {
        double n = width;
        double logTerm = Math.log(2 * Math.log(n) / parameters().delta());
        double variance = m2 / n;
        double n0 = 0;
        double u0 = 0;
        int minSub = parameters().minSubWindowLength();
        for (int i = rows.size() - 1; i >= 0; i--) {
            BucketRow row = rows.get(i);
            double bucketSize = Math.pow(2, i);
            for (int k = 0; k < row.size(); k++) {
                n0 += bucketSize;
                u0 += row.sum(k);
                double n1 = n - n0;
                if (n1 < minSub) {
                    return false;
                }
                if (n0 >= minSub) {
                    double difference = Math.abs(u0 / n0 - (total - u0) / n1);
                    double m = 1 / (1 / n0 + 1 / n1);
                    double epsilon = Math.sqrt(2 / m * variance * logTerm) + 2 / (3 * m) * logTerm;
                    if (difference > epsilon) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void removeOldestBucket() {
        int last = rows.size() - 1;
        BucketRow row = rows.get(last);
        double bucketSize = Math.pow(2, last);
        double bucketSum = row.sum(0);
        double bucketM2 = row.m2(0);
        row.removeOldest(1);
        if (row.size() == 0) {
            rows.remove(last);
        }
        long remaining = width - (long) bucketSize;
        if (remaining <= 0) {
            width = 0;
            total = 0;
            m2 = 0;
            return;
        }
        double restSum = total - bucketSum;
        double gap = bucketSum / bucketSize - restSum / remaining;
        m2 = Math.max(0, m2 - bucketM2 - bucketSize * remaining / width * gap * gap);
        width = remaining;
        total = restSum;
    }

    @Override
    public double estimation() {
        return width == 0 ? 0 : total / width;
    }

    @Override
    void clearStatistics() {
        rows.clear();
        width = 0;
        total = 0;
        m2 = 0;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.writeDouble(parameters().delta())
                .writeInt(parameters().maxBuckets())
                .writeInt(parameters().clock())
                .writeInt(parameters().minSubWindowLength())
                .writeInt(parameters().gracePeriod());
    }

    @Override
    void writeStatistics(StateWriter out) {
        out.writeLong(width).writeDouble(total).writeDouble(m2).writeInt(rows.size());
        for (BucketRow row : rows) {
            out.writeInt(row.size());
            for (int k = 0; k < row.size(); k++) {
                out.writeDouble(row.sum(k)).writeDouble(row.m2(k));
            }
        }
    }

    static AdwinDetector read(StateReader in) {
        AdwinParameters parameters =
                new AdwinParameters(in.readDouble(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
        return restore(new AdwinDetector(parameters), in);
    }

    @Override
    void readStatistics(StateReader in) {
        width = in.readNonNegativeLong("width");
        total = in.readDouble();
        m2 = in.readDouble();
        int rowCount = in.readNonNegativeInt("rowCount");
        if (rowCount > 62) {
            throw new IllegalArgumentException(
                    String.format("Corrupt change detector state: %d histogram rows (at most 62)", rowCount));
        }
        long counted = 0;
        for (int i = 0; i < rowCount; i++) {
            int size = in.readNonNegativeInt("bucketCount");
            if (size > parameters().maxBuckets()) {
                throw new IllegalArgumentException(String.format(
                        "Corrupt change detector state: row %d holds %d buckets (max %d)",
                        i, size, parameters().maxBuckets()));
            }
            BucketRow row = newRow();
            for (int k = 0; k < size; k++) {
                row.append(in.readDouble(), in.readDouble());
            }
            rows.add(row);
            counted += (long) size << i;
        }
        if (counted != width) {
            throw new IllegalArgumentException(String.format(
                    "Corrupt change detector state: buckets hold %d values but width is %d", counted, width));
        }
    }
}
