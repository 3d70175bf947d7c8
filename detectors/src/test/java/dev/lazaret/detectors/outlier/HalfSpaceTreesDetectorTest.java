package dev.lazaret.detectors.outlier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HalfSpaceTreesDetectorTest {
    private static final double[] LOWER = {0, 0, 0};
    private static final double[] UPPER = {1, 1, 1};

    private static double[] inlier(SplittableRandom random) {
        // A tight cluster around (0.3, 0.6, 0.5): most of [0, 1]^3 is empty, as with real feature distributions.
        return new double[] {
            0.3 + 0.05 * (random.nextDouble() - 0.5),
            0.6 + 0.05 * (random.nextDouble() - 0.5),
            0.5 + 0.05 * (random.nextDouble() - 0.5)
        };
    }

    private static double[] farPoint(SplittableRandom random) {
        // A corner of the unit cube, far from the cluster.
        return new double[] {
            random.nextBoolean() ? 0.95 : 0.02, random.nextBoolean() ? 0.97 : 0.01, random.nextBoolean() ? 0.9 : 0.05
        };
    }

    private static HalfSpaceTreesDetector detector(long seed) {
        return HalfSpaceTreesDetector.create(HalfSpaceTreesParameters.defaults().withSeed(seed), LOWER, UPPER);
    }

    @Property(tries = 8)
    void shouldScoreFarPointsAboveInliersWhenTrainedOnCluster(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        HalfSpaceTreesDetector hst = detector(seed);
        for (int i = 0; i < 2 * hst.parameters().windowSize(); i++) {
            double[] row = inlier(random);
            hst.score(row);
            hst.learn(row);
        }
        double inlierMean = 0;
        double farMean = 0;
        int samples = 50;
        for (int i = 0; i < samples; i++) {
            inlierMean += hst.score(inlier(random));
            farMean += hst.score(farPoint(random));
        }
        inlierMean /= samples;
        farMean /= samples;
        assertThat(farMean).as("mean score of far points vs inliers").isGreaterThan(inlierMean);
        assertThat(farMean).isBetween(0.0, 1.0);
        assertThat(inlierMean).isBetween(0.0, 1.0);
    }

    @Property(tries = 5)
    void shouldScoreInjectedPointsAboveInliersWhenScoringThenLearning(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        HalfSpaceTreesDetector hst = detector(seed);
        double injectedSum = 0;
        int injected = 0;
        double inlierSum = 0;
        int inliers = 0;
        for (int i = 0; i < 1500; i++) {
            // Every 40th row is injected from far away; each row is scored before it is learned.
            boolean far = i % 40 == 39;
            double[] row = far ? farPoint(random) : inlier(random);
            double score = hst.score(row);
            hst.learn(row);
            if (hst.isReady() && i >= 2 * hst.parameters().windowSize()) {
                if (far) {
                    injectedSum += score;
                    injected++;
                } else {
                    inlierSum += score;
                    inliers++;
                }
            }
        }
        assertThat(injected).isPositive();
        assertThat(injectedSum / injected).isGreaterThan(inlierSum / inliers);
    }

    @Property(tries = 5)
    void shouldGiveIdenticalScoresWhenSeedAndStreamAreEqual(@ForAll long seed) {
        HalfSpaceTreesDetector first = detector(seed);
        HalfSpaceTreesDetector second = detector(seed);
        SplittableRandom a = new SplittableRandom(seed);
        SplittableRandom b = new SplittableRandom(seed);
        for (int i = 0; i < 600; i++) {
            double[] rowA = i % 10 == 0 ? farPoint(a) : inlier(a);
            double[] rowB = i % 10 == 0 ? farPoint(b) : inlier(b);
            assertThat(first.score(rowA)).isEqualTo(second.score(rowB));
            first.learn(rowA);
            second.learn(rowB);
        }
        assertThat(first.encode()).isEqualTo(second.encode());
    }

    @Property(tries = 6)
    void shouldContinueIdenticallyWhenEncodedAndDecoded(@ForAll @IntRange(min = 0, max = 700) int prefix) {
        HalfSpaceTreesDetector original = detector(7);
        SplittableRandom random = new SplittableRandom(prefix);
        for (int i = 0; i < prefix; i++) {
            original.learn(i % 7 == 0 ? farPoint(random) : inlier(random));
        }
        byte[] encoded = original.encode();
        HalfSpaceTreesDetector restored = HalfSpaceTreesDetector.decode(encoded);
        assertThat(restored.encode()).isEqualTo(encoded);
        assertThat(restored.isReady()).isEqualTo(original.isReady());
        for (int i = 0; i < 300; i++) {
            double[] row = i % 5 == 0 ? farPoint(random) : inlier(random);
            assertThat(restored.score(row)).isEqualTo(original.score(row));
            original.learn(row);
            restored.learn(row);
        }
    }

    @Test
    void shouldReturnZeroWhenFirstWindowIsIncomplete() {
        HalfSpaceTreesDetector hst = detector(1);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < hst.parameters().windowSize() - 1; i++) {
            hst.learn(inlier(random));
        }
        assertThat(hst.isReady()).isFalse();
        assertThat(hst.score(farPoint(random))).isZero();
        hst.learn(inlier(random));
        assertThat(hst.isReady()).isTrue();
        assertThat(hst.score(farPoint(random))).isPositive();
    }

    @Test
    void shouldScaleFeaturesWhenLimitsAreNotUnit() {
        double[] lower = {-100, 0, 1000};
        double[] upper = {100, 10, 2000};
        HalfSpaceTreesDetector scaled =
                HalfSpaceTreesDetector.create(HalfSpaceTreesParameters.defaults(), lower, upper);
        HalfSpaceTreesDetector unit =
                detector(HalfSpaceTreesParameters.defaults().seed());
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            double[] row = inlier(random);
            double[] raw = {lower[0] + 200 * row[0], 10 * row[1], 1000 + 1000 * row[2]};
            assertThat(scaled.score(raw)).isEqualTo(unit.score(row));
            scaled.learn(raw);
            unit.learn(row);
        }
    }

    @Test
    void shouldEqualFreshDetectorWhenReset() {
        HalfSpaceTreesDetector used = detector(5);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 400; i++) {
            used.learn(inlier(random));
        }
        used.reset();
        assertThat(used.encode()).isEqualTo(detector(5).encode());
    }

    @Test
    void shouldRejectBytesWhenCorruptOrOfUnknownVersion() {
        HalfSpaceTreesDetector small =
                HalfSpaceTreesDetector.create(new HalfSpaceTreesParameters(3, 4, 20, 1), LOWER, UPPER);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            small.learn(inlier(random));
        }
        byte[] encoded = small.encode();
        byte[] wrongVersion = encoded.clone();
        wrongVersion[0] = 7;
        assertThatThrownBy(() -> HalfSpaceTreesDetector.decode(wrongVersion)).hasMessageContaining("version 7");
        assertThatThrownBy(() -> HalfSpaceTreesDetector.decode(Arrays.copyOf(encoded, encoded.length - 3)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> HalfSpaceTreesDetector.decode(Arrays.copyOf(encoded, encoded.length + 1)))
                .hasMessageContaining("trailing");
        for (int trial = 0; trial < 2000; trial++) {
            byte[] garbage = encoded.clone();
            garbage[2 + random.nextInt(garbage.length - 2)] = (byte) random.nextInt(256);
            try {
                HalfSpaceTreesDetector.decode(garbage);
            } catch (IllegalArgumentException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void shouldRejectArgumentsWhenInvalid() {
        HalfSpaceTreesDetector hst = detector(1);
        assertThatThrownBy(() -> hst.score(new double[] {1, 2})).hasMessageContaining("expected 3");
        assertThatThrownBy(() -> hst.learn(new double[] {1, Double.NaN, 2})).hasMessageContaining("row[1]");
        assertThatThrownBy(() -> HalfSpaceTreesDetector.create(
                        HalfSpaceTreesParameters.defaults(), new double[] {0}, new double[] {0}))
                .hasMessageContaining("upper[0]");
        assertThatThrownBy(() -> new HalfSpaceTreesParameters(25, 21, 250, 1)).hasMessageContaining("height");
        assertThatThrownBy(() -> new HalfSpaceTreesParameters(1000, 20, 250, 1)).hasMessageContaining("memory");
        assertThat(HalfSpaceTreesParameters.defaults()).isEqualTo(new HalfSpaceTreesParameters(25, 15, 250, 42));
    }
}
