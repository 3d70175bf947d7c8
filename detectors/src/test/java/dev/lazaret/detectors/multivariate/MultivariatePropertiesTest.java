package dev.lazaret.detectors.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.codec.MultivariateCodec;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.outlier.LedoitWolfCovariance;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MultivariatePropertiesTest {

    private static List<double[]> correlated(long seed, int n, int d, double rho) {
        Random random = new Random(seed);
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            double common = random.nextGaussian();
            double[] row = new double[d];
            for (int i = 0; i < d; i++) {
                row[i] = Math.sqrt(Math.abs(rho)) * common * (i % 2 == 1 && rho < 0 ? -1 : 1)
                        + Math.sqrt(1 - Math.abs(rho)) * random.nextGaussian()
                        + i;
            }
            rows.add(row);
        }
        return rows;
    }

    private static RowMoments moments(List<double[]> rows) {
        RowMoments m = RowMoments.create(rows.get(0).length);
        rows.forEach(m::accept);
        return m;
    }

    @Property(tries = 50)
    void reconstructionErrorIsZeroForRowsInTheKeptSpan(
            @ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int d, @ForAll double[] weights) {
        PcaModel pca = PcaModel.fit(moments(correlated(seed, 200, d, 0.6)), 0.9);
        double[][] w = pca.componentVectors();
        double[] row = pca.mean();
        double[] scale = pca.scale();
        for (int c = 0; c < w.length; c++) {
            double weight = c < weights.length && Double.isFinite(weights[c]) ? weights[c] % 10 : 1.5;
            for (int i = 0; i < d; i++) {
                row[i] += weight * w[c][i] * scale[i];
            }
        }
        assertThat(pca.reconstructionError(row)).isCloseTo(0.0, within(1e-9));
    }

    @Property(tries = 50)
    void errorsAreInvariantToRescalingAndShiftingAFeature(
            @ForAll long seed,
            @ForAll @DoubleRange(min = 0.01, max = 1000) double factor,
            @ForAll @DoubleRange(min = -1e4, max = 1e4) double shift) {
        List<double[]> rows = correlated(seed, 300, 3, 0.7);
        List<double[]> scaled = rows.stream()
                .map(r -> new double[] {r[0] * factor + shift, r[1], r[2]})
                .toList();
        PcaModel a = PcaModel.fit(moments(rows), 0.9);
        PcaModel b = PcaModel.fit(moments(scaled), 0.9);
        for (int i = 0; i < 20; i++) {
            assertThat(b.reconstructionError(scaled.get(i)))
                    .isCloseTo(a.reconstructionError(rows.get(i)), within(1e-6));
        }
    }

    @Property(tries = 50)
    void mergedMomentsEqualOnePass(@ForAll long seed, @ForAll @IntRange(min = 1, max = 299) int split) {
        List<double[]> rows = correlated(seed, 300, 4, 0.5);
        RowMoments left = moments(rows.subList(0, split));
        left.merge(moments(rows.subList(split, rows.size())));
        double[][] whole = moments(rows).covariance();
        double[][] merged = left.covariance();
        assertThat(left.count()).isEqualTo(300);
        for (int i = 0; i < 4; i++) {
            assertThat(merged[i]).containsExactly(whole[i], within(1e-9));
        }
    }

    @Property(tries = 30)
    void streamedLedoitWolfEqualsTheFitOnRows(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int d) {
        List<double[]> rows = correlated(seed, 80, d, 0.4);
        LedoitWolfCovariance direct = LedoitWolfCovariance.fit(rows.toArray(double[][]::new));
        MultivariateReference streamed = MultivariateReference.fit(names(d), rows, PcaModel.DEFAULT_VARIANCE_SHARE)
                .orElseThrow();
        assertThat(streamed.covariance().shrinkage()).isCloseTo(direct.shrinkage(), within(1e-9));
        for (int i = 0; i < d; i++) {
            assertThat(streamed.covariance().covariance()[i]).containsExactly(direct.covariance()[i], within(1e-9));
        }
    }

    private static List<String> names(int d) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            names.add("f" + i);
        }
        return names;
    }

    @Test
    void keepsAtMostAllButOneComponentWhateverTheShare() {
        PcaModel pca = PcaModel.fit(moments(correlated(3, 500, 2, 0.0)), 0.999);
        assertThat(pca.components()).isEqualTo(1);
    }

    @Test
    void correlationFlipWithSameMarginalsIsJudgedDriftAndTheSameCorrelationIsNot() {
        MultivariateReference reference = MultivariateReference.fit(List.of("x", "y"), correlated(1, 5000, 2, 0.8), 0.9)
                .orElseThrow();
        MultivariateAccumulator same = MultivariateAccumulator.create(reference);
        correlated(2, 1000, 2, 0.8).forEach(same::accept);
        MultivariateAccumulator flipped = MultivariateAccumulator.create(reference);
        correlated(3, 1000, 2, -0.8).forEach(flipped::accept);

        MultivariateVerdict stable = MultivariateJudge.judge(reference, same.window(), DriftPolicy.defaults(), 2);
        MultivariateVerdict drifted = MultivariateJudge.judge(reference, flipped.window(), DriftPolicy.defaults(), 2);
        assertThat(stable.drift()).as(stable.reason()).isFalse();
        assertThat(drifted.drift()).as(drifted.reason()).isTrue();
        assertThat(drifted.reconstructionDrift()).isTrue();
        assertThat(drifted.windowMedianError()).isGreaterThan(2 * drifted.referenceMedianError());
    }

    @Test
    void incompleteRowsAreCountedNotScoredAndSmallWindowsAreNotTested() {
        MultivariateReference reference = MultivariateReference.fit(List.of("x", "y"), correlated(1, 500, 2, 0.8), 0.9)
                .orElseThrow();
        MultivariateAccumulator acc = MultivariateAccumulator.create(reference);
        acc.accept(Map.of("x", 1.0));
        acc.accept(Map.of("x", 1.0, "y", "text"));
        acc.accept(Map.of("x", 1.0, "y", 2));
        assertThat(acc.window().incomplete()).isEqualTo(2);
        assertThat(acc.window().rows()).isEqualTo(1);
        MultivariateVerdict verdict = MultivariateJudge.judge(reference, acc.window(), DriftPolicy.defaults(), 2);
        assertThat(verdict.tested()).isFalse();
        assertThat(verdict.reason()).contains("insufficient data");
    }

    @Test
    void noReferenceForOneFeatureTooFewRowsOrConstantRows() {
        assertThat(MultivariateReference.fit(List.of("x"), correlated(1, 100, 1, 0), 0.9))
                .isEmpty();
        assertThat(MultivariateReference.fit(List.of("x", "y"), correlated(1, 2, 2, 0), 0.9))
                .isEmpty();
        List<double[]> constant = List.of(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2});
        assertThat(MultivariateReference.fit(List.of("x", "y"), constant, 0.9)).isEmpty();
    }

    @Test
    void referenceAndWindowSurviveTheirCodecsAndAProfileCarriesTheReference() {
        MultivariateReference reference = MultivariateReference.fit(
                        List.of("x", "y", "z"), correlated(5, 400, 3, 0.5), 0.9)
                .orElseThrow();
        MultivariateReference decoded = MultivariateCodec.decodeReference(MultivariateCodec.encode(reference));
        MultivariateAccumulator original = MultivariateAccumulator.create(reference);
        MultivariateAccumulator copy = MultivariateAccumulator.create(decoded);
        for (double[] row : correlated(6, 50, 3, -0.5)) {
            original.accept(row);
            copy.accept(row);
        }
        assertThat(MultivariateCodec.encode(copy.window())).isEqualTo(MultivariateCodec.encode(original.window()));
        MultivariateWindow window = MultivariateCodec.decodeWindow(MultivariateCodec.encode(original.window()));
        assertThat(window.rows()).isEqualTo(50);
        assertThat(window.outliers()).isEqualTo(original.window().outliers());

        DatasetProfile profile = DatasetProfile.create();
        profile.update(Map.of("x", 1.0), null);
        byte[] plain = ProfileCodec.encode(profile);
        assertThat(plain[0]).isEqualTo(ProfileCodec.FORMAT_VERSION);
        assertThat(ProfileCodec.decodeDataset(plain).multivariate()).isEmpty();
        byte[] withPart = ProfileCodec.encode(profile.withMultivariate(reference));
        assertThat(withPart[0]).isEqualTo(ProfileCodec.MULTIVARIATE_VERSION);
        MultivariateReference carried =
                ProfileCodec.decodeDataset(withPart).multivariate().orElseThrow();
        assertThat(carried.features()).containsExactly("x", "y", "z");
        assertThat(MultivariateCodec.encode(carried)).isEqualTo(MultivariateCodec.encode(reference));
    }
}
