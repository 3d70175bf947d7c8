package dev.lazaret.core.quarantine.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureShiftTest {

    private static DatasetProfile profile(int a, int b) {
        DatasetProfile p = DatasetProfile.create();
        for (int i = 0; i < a + b; i++) {
            p.update(Map.of("c", i < a ? "a" : "b"), null);
        }
        return p;
    }

    @Test
    void shouldHoldOnlyAtQuarantinesLevelNotTheDriftSides() {
        // 62/38 in 100 batch rows against 50/50 in 1,000: above the categorical effect floor (Jensen-Shannon 0.1028,
        // scipy.spatial.distance.jensenshannon([.5, .5], [.62, .38], base=2)) and significant at the drift side's 0.05
        // but not at 0.01 (scipy.stats.chi2_contingency([[500, 500], [62, 38]], correction=False) p =
        // 0.022087774860671)
        DatasetProfile reference = profile(500, 500);
        DatasetProfile batch = profile(62, 38);

        FeatureDriftVerdict atDriftLevel = DriftJudge.judge(reference, batch, DriftPolicy.defaults())
                .features()
                .get(0);
        FeatureDriftVerdict atQuarantineLevel =
                FeatureShift.judge(reference, batch).features().get(0);

        assertThat(atQuarantineLevel.pValue()).isCloseTo(0.022087774860671, within(1e-9));
        assertThat(atDriftLevel.drifted()).isTrue();
        assertThat(atQuarantineLevel.drifted()).isFalse();
    }

    @Test
    void shouldKeepEveryOtherDriftDefaultAtItsLevel() {
        DriftPolicy defaults = DriftPolicy.defaults();
        assertThat(defaults.withAlpha(FeatureShift.ALPHA))
                .isEqualTo(new DriftPolicy(
                        FeatureShift.ALPHA,
                        defaults.correction(),
                        defaults.datasetDriftShare(),
                        defaults.numericEffectFloor(),
                        defaults.numericWassersteinFloor(),
                        defaults.categoricalEffectFloor(),
                        defaults.minCount()));
    }
}
