package dev.lazaret.detectors.poisoning;

/**
 * How precise a mean is over a sample of distinct contents, each weighted by how often it occurred, drawn by content
 * hash from a population of rows that repeat (the reference's {@link NeighbourSample}, a batch's {@link VoteSample}).
 *
 * <p>Two sources of error: the population's rows are themselves a sample (iid rows, however often a content repeats:
 * {@code s^2 / N}), and the sample keeps only a share f of the population's contents, chosen at random by hash, so its
 * mean is a cluster sample's ({@code (1 - f) * V}, with V the ratio estimator's variance {@code k / (k - 1) * sum(c^2 (x
 * - mean)^2) / (sum c)^2} over its k contents, and 1 - f the finite-population correction: a sample of every content
 * is the whole population). When no content repeats the sum is {@code s^2 / k}, the plain variance of a mean over the
 * k rows counted; it is never taken below that, so a census of a repeating population does not count as more rows
 * than it holds.
 *
 * <p>For a count (a share of rows), the same with a unit variance independent of the counts (Kish): the effective
 * number of rows is {@code 1 / (1 / N + (1 - f) * sum(c^2) / (sum c)^2)}, at most the rows counted. randhie's
 * reference (10,095 rows, 3,245 contents, one of them 75 times) gives its 1,000 held-out contents, ~3,000 rows
 * counted, an effective size of ~350.
 *
 * @param sampledShare the share f of the population's distinct contents the sample holds (0 when unknown: then only
 *     the cluster term counts, which over-states the variance, never under-states it)
 * @param populationRows rows the population holds (N; infinite when unknown)
 */
record ContentSample(double sampledShare, double populationRows) {
    /** A sample of contents whose population is unknown: the cluster term alone. */
    static final ContentSample UNKNOWN_POPULATION = new ContentSample(0, Double.POSITIVE_INFINITY);

    ContentSample {
        if (!(sampledShare >= 0 && sampledShare <= 1) || !(populationRows > 0)) {
            throw new IllegalArgumentException(String.format(
                    "need 0 <= sampledShare <= 1 and populationRows > 0, were %s and %s",
                    sampledShare, populationRows));
        }
    }

    /** The design of {@code contents} kept of a population of {@code populationContents} holding {@code rows} rows. */
    static ContentSample of(double contents, double populationContents, double populationRows) {
        return new ContentSample(
                populationContents > 0 ? Math.min(1, contents / populationContents) : 1, Math.max(1, populationRows));
    }

    /**
     * The variance of a weighted mean over the sample.
     *
     * @param withinVariance the rows' variance, {@code sum(c (x - mean)^2) / (rows - 1)}
     * @param clusterVariance the ratio estimator's variance over the contents (above)
     * @param rows the rows the sample counts ({@code sum c})
     */
    double varianceOfMean(double withinVariance, double clusterVariance, double rows) {
        return Math.max(withinVariance / rows, withinVariance / populationRows + (1 - sampledShare) * clusterVariance);
    }

    /**
     * The effective number of rows of a part of the sample (a class, or all of it) whose counts sum to {@code rows} and
     * their squares to {@code squaredCopies}, out of {@code totalRows} counted in the whole sample: the part's share of
     * the population's rows is taken to be its share of the sample's.
     */
    double effectiveRows(double rows, double squaredCopies, double totalRows) {
        if (rows <= 0) {
            return 0;
        }
        double partOfPopulation = populationRows * (rows / totalRows);
        double inverse = 1 / partOfPopulation + (1 - sampledShare) * squaredCopies / (rows * rows);
        return Math.min(rows, 1 / inverse);
    }
}
