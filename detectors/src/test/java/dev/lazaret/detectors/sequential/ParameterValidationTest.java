package dev.lazaret.detectors.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParameterValidationTest {

    @Test
    void shouldUseLiteratureDefaultsWhenAskedForDefaults() {
        assertThat(AdwinParameters.defaults()).isEqualTo(new AdwinParameters(0.002, 5, 32, 5, 10));
        assertThat(PageHinkleyParameters.defaults())
                .isEqualTo(new PageHinkleyParameters(30, 0.005, 50, 0.9999, true, true));
        assertThat(CusumParameters.defaults()).isEqualTo(new CusumParameters(30, 0.005, 50, true, true));
        assertThat(DdmParameters.defaults()).isEqualTo(new DdmParameters(30, 2.0, 3.0));
        assertThat(EddmParameters.defaults()).isEqualTo(new EddmParameters(30, 0.95, 0.90));
        assertThat(HddmAParameters.defaults()).isEqualTo(new HddmAParameters(0.001, 0.005));
    }

    @Test
    void shouldRejectParametersWhenOutOfRange() {
        assertThatThrownBy(() -> new AdwinParameters(0, 5, 32, 5, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delta");
        assertThatThrownBy(() -> new PageHinkleyParameters(30, 0.005, 50, 1.5, true, true))
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> new PageHinkleyParameters(30, 0.005, 50, 0.9999, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CusumParameters(0, 0.005, 50, true, false)).hasMessageContaining("minInstances");
        assertThatThrownBy(() -> new DdmParameters(30, 3.0, 2.0)).hasMessageContaining("outControlLevel");
        assertThatThrownBy(() -> new EddmParameters(30, 0.9, 0.95)).hasMessageContaining("outControlRatio");
        assertThatThrownBy(() -> new HddmAParameters(0.01, 0.005)).hasMessageContaining("warningConfidence");
    }

    @Test
    void shouldRejectValueWhenNotAnErrorIndicator() {
        assertThatThrownBy(() -> DdmDetector.withDefaults().update(0.5)).hasMessageContaining("0/1");
        assertThatThrownBy(() -> EddmDetector.withDefaults().update(2)).hasMessageContaining("0/1");
        assertThatThrownBy(() -> HddmADetector.withDefaults().update(1.5)).hasMessageContaining("[0, 1]");
    }

    @Test
    void shouldOnlyWatchIncreasesWhenDecreaseDetectionIsOff() {
        PageHinkleyDetector upOnly =
                PageHinkleyDetector.of(new PageHinkleyParameters(30, 0.005, 50, 0.9999, true, false));
        PageHinkleyDetector downOnly =
                PageHinkleyDetector.of(new PageHinkleyParameters(30, 0.005, 50, 0.9999, false, true));
        boolean upAlarm = false;
        boolean downAlarm = false;
        for (int i = 0; i < 2000; i++) {
            double value = i < 1000 ? 0 : -5;
            upAlarm |= upOnly.update(value) == DetectorState.CHANGE;
            downAlarm |= downOnly.update(value) == DetectorState.CHANGE;
        }
        assertThat(upAlarm).isFalse();
        assertThat(downAlarm).isTrue();
    }

    @Test
    void shouldTrackNewRegimeMeanWhenAdwinDropsStaleWindow() {
        AdwinDetector adwin = AdwinDetector.withDefaults();
        for (int i = 0; i < 4000; i++) {
            adwin.update(i < 2000 ? 0 : 10);
        }
        assertThat(adwin.estimation()).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(adwin.width()).isLessThanOrEqualTo(2000);
        assertThat(adwin.variance()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
