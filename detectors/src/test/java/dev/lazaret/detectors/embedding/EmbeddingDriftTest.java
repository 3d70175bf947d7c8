package dev.lazaret.detectors.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.policy.Correction;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.profile.DatasetProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedding validation of issue 16 on a 128-dimensional stream of five clusters (seeded): one cluster's share
 * moving from 10% to 30% is detected in the first shifted window in every seed of ten; clean windows do not alarm,
 * and their measured false-alarm rate stays within α plus three binomial standard errors; a window's encoded state
 * for the feature stays under 64 KiB whatever its event count; 768 dimensions are accepted.
 */
class EmbeddingDriftTest {
    private static final int DIMENSION = 128;
    private static final int CLUSTERS = 5;
    private static final int REFERENCE = 5_000;
    private static final int WINDOW = 1_000;

    /** The drift policy with the application's default alpha ({@code drift.alpha} = 0.001). */
    private static final DriftPolicy POLICY =
            new DriftPolicy(0.001, Correction.BENJAMINI_HOCHBERG, 0.5, 0.1, 0.1, 0.1, 30);

    private static EmbeddingReference reference(ClusterStream stream, int dimension, int n) {
        EmbeddingReference.Builder builder = EmbeddingReference.builder(dimension);
        for (int i = 0; i < n; i++) {
            builder.add(stream.next(0.10));
        }
        return builder.build();
    }

    private static DatasetProfile window(EmbeddingReference reference, ClusterStream stream, int n, double share) {
        DatasetProfile window = reference.newWindow();
        for (int i = 0; i < n; i++) {
            reference.add(window, stream.next(share));
        }
        return window;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void aClusterShareMovingFrom10To30PercentIsDetectedInTheFirstShiftedWindow(long seed) {
        ClusterStream stream = new ClusterStream(seed, CLUSTERS, DIMENSION, 1.0);
        EmbeddingReference reference = reference(stream, DIMENSION, REFERENCE);
        DriftPolicy policy = POLICY;

        EmbeddingVerdict clean =
                EmbeddingJudge.judge("emb", reference, window(reference, stream, WINDOW, 0.10), policy);
        EmbeddingVerdict shifted =
                EmbeddingJudge.judge("emb", reference, window(reference, stream, WINDOW, 0.30), policy);

        System.out.printf(
                "embedding seed %d: clean %d projections drifted, mean shift %.3f (p %.3g); shifted %d drifted, mean shift"
                        + " %.3f (p %.3g)%n",
                seed,
                clean.driftedProjections(),
                clean.meanShift(),
                clean.meanShiftPValue(),
                shifted.driftedProjections(),
                shifted.meanShift(),
                shifted.meanShiftPValue());
        assertThat(clean.drift()).as(clean.reason()).isFalse();
        assertThat(shifted.tested()).isTrue();
        assertThat(shifted.drift()).as(shifted.reason()).isTrue();
        assertThat(shifted.meanShift()).isGreaterThan(clean.meanShift());
    }

    @Test
    void fiftyCleanWindowsRaiseNoAlarm() {
        ClusterStream stream = new ClusterStream(20261202L, CLUSTERS, DIMENSION, 1.0);
        EmbeddingReference reference = reference(stream, DIMENSION, REFERENCE);
        for (int w = 0; w < 50; w++) {
            EmbeddingVerdict v =
                    EmbeddingJudge.judge("emb", reference, window(reference, stream, WINDOW, 0.10), POLICY);
            assertThat(v.drift()).as("window %d: %s", w, v.reason()).isFalse();
        }
    }

    /**
     * Without the effect floors (the two tests alone, at α = 0.05 so that the rate is measurable): the correction
     * across the 16 projections and the α/2 split keep the windows' false-alarm rate at or below α within three
     * binomial standard errors over 400 clean windows.
     */
    @Test
    void theCorrectionAcrossProjectionsKeepsTheFalseAlarmRateAtAlpha() {
        ClusterStream stream = new ClusterStream(42L, CLUSTERS, DIMENSION, 1.0);
        EmbeddingReference reference = reference(stream, DIMENSION, REFERENCE);
        double alpha = 0.05;
        DriftPolicy testOnly = new DriftPolicy(alpha, Correction.BENJAMINI_HOCHBERG, 0.5, 0, 0, 0, 30);
        int windows = 400;
        int alarms = 0;
        for (int w = 0; w < windows; w++) {
            if (EmbeddingJudge.judge("emb", reference, window(reference, stream, WINDOW, 0.10), testOnly, 0)
                    .drift()) {
                alarms++;
            }
        }
        double rate = (double) alarms / windows;
        double bound = alpha + 3 * Math.sqrt(alpha * (1 - alpha) / windows);
        System.out.printf(
                "embedding false alarms without floors: %d of %d (%.4f, bound %.4f)%n", alarms, windows, rate, bound);
        assertThat(rate).isLessThanOrEqualTo(bound);
    }

    @Test
    void aWindowsEncodedStateStaysUnder64KibWhateverItsSize() {
        ClusterStream stream = new ClusterStream(7L, CLUSTERS, DIMENSION, 1.0);
        EmbeddingReference reference = reference(stream, DIMENSION, 2_000);
        DatasetProfile window = reference.newWindow();
        int largest = 0;
        for (int n = 1; n <= 200_000; n++) {
            reference.add(window, stream.next(0.10));
            if (n % 10_000 == 0 || n == 1_000) {
                largest = Math.max(largest, ProfileCodec.encode(window).length);
            }
        }
        System.out.printf("embedding window state, 16 projections, up to 200,000 vectors: %d bytes%n", largest);
        assertThat(largest).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void sevenHundredSixtyEightDimensionsAreAccepted() {
        ClusterStream stream = new ClusterStream(768L, CLUSTERS, 768, 1.0);
        EmbeddingReference reference = reference(stream, 768, 1_000);
        EmbeddingVerdict v = EmbeddingJudge.judge("emb", reference, window(reference, stream, 500, 0.10), POLICY);
        assertThat(v.dimension()).isEqualTo(768);
        assertThat(v.tested()).isTrue();
        assertThat(v.drift()).as(v.reason()).isFalse();
    }

    @Test
    void theReferenceSurvivesTheProfileCodecWithItsSeedAndProjections() {
        ClusterStream stream = new ClusterStream(3L, CLUSTERS, DIMENSION, 1.0);
        EmbeddingReference reference =
                EmbeddingReference.builder(DIMENSION, 99L, 8).build();
        EmbeddingReference.Builder b = EmbeddingReference.builder(DIMENSION, 99L, 8);
        for (int i = 0; i < 300; i++) {
            b.add(stream.next(0.1));
        }
        DatasetProfile profile = DatasetProfile.create().withEmbedding("emb", b.build());
        profile.update(java.util.Map.of("x", 1.0), null);
        DatasetProfile decoded = ProfileCodec.decodeDataset(ProfileCodec.encode(profile));
        EmbeddingReference back = decoded.embeddings().get("emb");
        assertThat(back.dimension()).isEqualTo(DIMENSION);
        assertThat(back.seed()).isEqualTo(99L);
        assertThat(back.projectionCount()).isEqualTo(8);
        assertThat(back.count()).isEqualTo(300);
        assertThat(decoded.features()).containsOnlyKeys("x");
        double[] v = stream.next(0.1);
        assertThat(back.projections().project(v))
                .containsExactly(reference.projections().project(v));
        assertThat(ProfileCodec.encode(decoded)).isEqualTo(ProfileCodec.encode(profile));
    }
}
