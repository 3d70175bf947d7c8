package dev.lazaret.detectors.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftJudgeTest {

    private static DatasetProfile window(long seed, int n, double shift, double newCategoryShare) {
        SplittableRandom rng = new SplittableRandom(seed);
        DatasetProfile p = DatasetProfile.create();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("income", 50_000 + 10_000 * (rng.nextGaussian() + shift));
            r.put("country", rng.nextDouble() < newCategoryShare ? "XX" : "c" + rng.nextInt(6));
            r.put("stable", rng.nextGaussian());
            p.update(r, rng.nextInt(2));
        }
        return p;
    }

    @Test
    void shouldFlagShiftedFeaturesOnlyWhenTheyDrift() {
        DatasetProfile ref = window(1, 5000, 0, 0);
        DatasetProfile cur = window(2, 5000, 0.8, 0.3);
        DatasetDriftVerdict v = DriftJudge.judge(ref, cur, DriftPolicy.defaults());

        assertThat(v.feature("income").drifted()).isTrue();
        assertThat(v.feature("income").method()).isEqualTo("ks-sketch");
        assertThat(v.feature("country").drifted()).isTrue();
        assertThat(v.feature("country").reason()).startsWith("drifted");
        assertThat(v.feature("stable").drifted()).isFalse();
        assertThat(v.driftedShare()).isEqualTo(2.0 / 3);
        assertThat(v.datasetDrift()).isTrue();
        assertThat(v.label()).isNotNull();
        assertThat(v.label().drifted()).isFalse();
    }

    @Test
    void shouldReportInsteadOfCrashWhenFeatureExistsOnOneSideOnly() {
        DatasetProfile ref = window(1, 500, 0, 0);
        DatasetProfile cur = window(2, 500, 0, 0);
        ref.update(Map.of("legacy", 1.0), null);
        cur.update(Map.of("brandNew", "x"), null);
        DatasetDriftVerdict v = DriftJudge.judge(ref, cur, DriftPolicy.defaults());

        assertThat(v.feature("legacy").tested()).isFalse();
        assertThat(v.feature("legacy").reason()).contains("missing in the window");
        assertThat(v.feature("brandNew").reason()).contains("missing in the reference");
        assertThat(v.feature("brandNew").adjustedPValue()).isNaN();
        assertThat(v.features()).hasSize(5);
    }

    @Test
    void shouldNotTestWhenWindowIsTooSmall() {
        DatasetDriftVerdict v = DriftJudge.judge(window(1, 1000, 0, 0), window(2, 10, 3, 0), DriftPolicy.defaults());
        assertThat(v.feature("income").tested()).isFalse();
        assertThat(v.feature("income").reason()).contains("insufficient data");
        assertThat(v.datasetDrift()).isFalse();
    }

    @Test
    void shouldRejectPolicyWhenAlphaIsOutOfRange() {
        assertThatThrownBy(() -> new DriftPolicy(1.5, Correction.NONE, 0.5, 0.1, 0.1, 0.1, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }
}
