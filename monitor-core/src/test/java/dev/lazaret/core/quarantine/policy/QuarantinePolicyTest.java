package dev.lazaret.core.quarantine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.quarantine.checks.CheckName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarantinePolicyTest {

    @Test
    void shouldApplyDefaultsThenDatasetOverridesWhenParsing() {
        QuarantinePolicy policy = QuarantinePolicy.parse(Map.of(
                "default.check.outlier-surge", "warn",
                "dataset.fraud.v2.check.feature-shift", "reject",
                "dataset.fraud.v2.threshold.range", "0.05",
                "dataset.fraud.v2.sources", "bank-a, bank-b",
                "dataset.fraud.v2.reference.bootstrap", "false"));

        DatasetPolicy fraud = policy.forDataset("fraud.v2");
        assertThat(fraud.action(CheckName.FEATURE_SHIFT)).isEqualTo(CheckName.Action.REJECT);
        assertThat(fraud.action(CheckName.OUTLIER_SURGE)).isEqualTo(CheckName.Action.WARN);
        assertThat(fraud.threshold(CheckName.RANGE)).isEqualTo(0.05);
        assertThat(fraud.sourceAllowed("bank-b")).isTrue();
        assertThat(fraud.sourceAllowed("bank-c")).isFalse();
        assertThat(fraud.bootstrapReference()).isFalse();
        assertThat(policy.forDataset("unlisted").action(CheckName.FEATURE_SHIFT))
                .isEqualTo(CheckName.Action.HOLD);
        assertThat(policy.forDataset("unlisted").action(CheckName.OUTLIER_SURGE))
                .isEqualTo(CheckName.Action.WARN);
    }

    @Test
    void shouldNameDatasetKeyAndValueWhenAnEntryIsInvalid() {
        assertThatThrownBy(() -> QuarantinePolicy.parse(Map.of("dataset.fraud.check.label-flip", "maybe")))
                .hasMessage("quarantine policy: dataset 'fraud', key 'dataset.fraud.check.label-flip', value 'maybe': "
                        + "expected reject, hold or warn");
        assertThatThrownBy(() -> QuarantinePolicy.parse(Map.of("dataset.fraud.threshold.range", "-1")))
                .hasMessageContaining("dataset 'fraud'")
                .hasMessageContaining("value '-1'");
        assertThatThrownBy(() -> QuarantinePolicy.parse(Map.of("dataset.fraud.check.no-such", "warn")))
                .hasMessageContaining("unknown check 'no-such'");
    }
}
